using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Images.Distribution;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>The integrated registry over HTTP: pushed and pulled with the sandbox's registry client and raw requests.</summary>
public sealed class IntegratedRegistryTests : IAsyncDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("isps-integrated-").FullName;
    private LoopbackServer? server;
    private IntegratedRegistry? registry;

    private AccessToken? token;

    private async Task<string> StartAsync()
    {
        token = AccessToken.LoadOrCreate(root);
        registry = new IntegratedRegistry(new RegistryStorage(Path.Combine(root, "registry")), new RegistryAccessController(token));
        server = await LoopbackServer.StartAsync(registry.HandleAsync);
        return server.Host;
    }

    /// <summary>What <c>podman login -u developer -p $(oc whoami -t)</c> stores.</summary>
    private RegistryCredential Login => new("developer", token!.Value);

    private HttpClient Http(string host)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{host}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Value);
        return http;
    }

    [Fact]
    public async Task PushThenPullWithTheImporter()
    {
        var host = await StartAsync();
        var pushes = new List<ManifestPushed>();
        registry!.ManifestPushed += (pushed, _) => { pushes.Add(pushed); return Task.CompletedTask; };
        using var client = new RegistryClient();
        var image = TestImages.Schema2("myproject/citas", "v1", "pushed");

        var digest = await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, host, "myproject/citas", Login), image, "v1", ManifestMediaTypes.DockerSchema2);
        var imported = await new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(new RemoteImageReference(host, "myproject/citas", "v1", null, $"{host}/myproject/citas"), new ImportOptions(Insecure: true, Credentials: _ => Login), CancellationToken.None);

        Assert.Equal(image.Digest, digest);
        Assert.Equal(image.Digest, imported.Digest);
        Assert.Equal("pushed", ImageDocument.Encode(imported.Image)["dockerImageMetadata"]!["Config"]!["Labels"]!["variant"]!.GetValue<string>());
        var push = Assert.Single(pushes);
        Assert.Equal(("myproject/citas", "v1", image.Digest), (push.Repository, push.Tag, push.Digest));
    }

    [Fact]
    public async Task PullsAnIndexPushedByDigestAndTag()
    {
        var host = await StartAsync();
        using var client = new RegistryClient();
        var (amd64, _, indexDigest) = await ImageImporterTests.PushIndexAsync(client, host, "ns/multi", Login);

        var imported = await new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(new RemoteImageReference(host, "ns/multi", "v1", null, $"{host}/ns/multi"), new ImportOptions(Insecure: true, Credentials: _ => Login), CancellationToken.None);

        Assert.Equal(amd64.Digest, imported.Digest);
        using var http = Http(host);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"http://{host}/v2/ns/multi/manifests/v1");
        using var response = await http.SendAsync(head);
        Assert.Equal(ManifestMediaTypes.OciIndex, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(indexDigest, response.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task ChunkedUploadWithPatchThenPut()
    {
        var host = await StartAsync();
        using var http = Http(host);
        var blob = Encoding.UTF8.GetBytes("first half|second half");
        var digest = Digest.Sha256(blob);

        using var start = await http.PostAsync("/v2/ns/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        Assert.Equal("0-0", start.Headers.GetValues("Range").Single());
        using var patch1 = await http.PatchAsync(location, Chunk(blob[..11], 0));
        Assert.Equal(HttpStatusCode.Accepted, patch1.StatusCode);
        Assert.Equal("0-10", patch1.Headers.GetValues("Range").Single());
        using var patch2 = await http.PatchAsync(patch1.Headers.Location!.ToString(), Chunk(blob[11..], 11));
        using var put = await http.PutAsync(patch2.Headers.Location + "?digest=" + Uri.EscapeDataString(digest), null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());

        using var get = await http.GetAsync($"/v2/ns/app/blobs/{digest}");
        Assert.Equal(blob, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MonolithicUploadWithAWrongDigestIsRejected()
    {
        var host = await StartAsync();
        using var http = Http(host);
        var wrong = Digest.Sha256(Encoding.UTF8.GetBytes("something else"));

        using var response = await http.PostAsync($"/v2/ns/app/blobs/uploads/?digest={Uri.EscapeDataString(wrong)}", new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DIGEST_INVALID", ErrorCode(await response.Content.ReadAsStringAsync()));
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/ns/app/blobs/{wrong}");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(head)).StatusCode);
    }

    [Fact]
    public async Task ManifestReferencingAMissingBlobIsRejected()
    {
        var host = await StartAsync();
        using var http = Http(host);
        var image = TestImages.Schema2("ns/app", "v1", "x");
        var content = new ByteArrayContent(image.Manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaTypes.DockerSchema2);

        using var response = await http.PutAsync("/v2/ns/app/manifests/v1", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", ErrorCode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ServesPingCatalogTagsAndErrors()
    {
        var host = await StartAsync();
        using var client = new RegistryClient();
        var repository = await TestImages.OpenForPushAsync(client, host, "ns/app", Login);
        await TestImages.PushAsync(repository, TestImages.Schema2("ns/app", "v1", "a"), "v1", ManifestMediaTypes.DockerSchema2);
        await TestImages.PushAsync(repository, TestImages.Schema2("ns/app", "v2", "b"), "v2", ManifestMediaTypes.DockerSchema2);
        using var http = Http(host);

        using var ping = await http.GetAsync("/v2/");
        var catalog = JsonNode.Parse(await http.GetStringAsync("/v2/_catalog"))!;
        var tags = JsonNode.Parse(await http.GetStringAsync("/v2/ns/app/tags/list"))!;
        using var missingManifest = await http.GetAsync("/v2/ns/app/manifests/v9");
        using var missingRepository = await http.GetAsync("/v2/ns/none/tags/list");
        using var badName = await http.GetAsync("/v2/NS/App/tags/list");

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("registry/2.0", ping.Headers.GetValues("Docker-Distribution-API-Version").Single());
        Assert.Equal("[\"ns/app\"]", catalog["repositories"]!.ToJsonString());
        Assert.Equal("ns/app", tags["name"]!.GetValue<string>());
        Assert.Equal("[\"v1\",\"v2\"]", tags["tags"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, missingManifest.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", ErrorCode(await missingManifest.Content.ReadAsStringAsync()));
        Assert.Equal("NAME_UNKNOWN", ErrorCode(await missingRepository.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal("NAME_INVALID", ErrorCode(await badName.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TutorialSeedImportsThroughTheDockerHubMirror()
    {
        var host = await StartAsync();
        var mirrors = new RegistryMirrors();
        TutorialSeed.Apply(registry!.Storage, mirrors, host);
        using var client = new RegistryClient();
        var reference = new RemoteImageReference("docker.io", "josedom24/citas-backend", "v1", null, "docker.io/josedom24/citas-backend");

        var imported = await new ImageImporter(client, mirrors, credentials: _ => Login).ImportAsync(reference, new ImportOptions(), CancellationToken.None);

        var v1 = TutorialSeed.Images[0];
        Assert.Equal(v1.Digest, imported.Digest);
        Assert.Equal($"docker.io/josedom24/citas-backend@{v1.Digest}", imported.DockerImageReference);
        var config = ImageDocument.Encode(imported.Image)["dockerImageMetadata"]!["Config"]!;
        Assert.Equal("{\"10000/tcp\":{}}", config["ExposedPorts"]!.ToJsonString());
        Assert.Equal("v1", config["Labels"]!["version"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private static ByteArrayContent Chunk(byte[] bytes, int offset)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + bytes.Length - 1}");
        return content;
    }

    private static string? ErrorCode(string body) => JsonNode.Parse(body)?["errors"]?[0]?["code"]?.GetValue<string>();
}
