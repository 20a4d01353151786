using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// The tutorial trace (openshift-image-api.md §0 steps 1–7, 10, 11) replayed over HTTPS against the
/// sandbox host with <c>--seed Tutorial</c>, with the requests <c>oc</c> sends and the answers OpenShift gives.
/// </summary>
public sealed class HttpTutorialTests : IAsyncLifetime
{
    private const string Base = "/apis/image.openshift.io/v1/namespaces/myproject";
    private readonly TempDirectory directory = new();
    private SandboxHost host = null!;
    private HttpClient http = null!;
    private static string V1 => ImageSandbox.V1;
    private static string V2 => ImageSandbox.V2;

    public async ValueTask InitializeAsync()
    {
        host = await SandboxHost.StartAsync(new CommandLine { DataPath = directory.Path, Seed = "Tutorial" }, modules: [new ImageApiModule()]);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(directory.Path, "ca.crt")));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri(host.Server) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(directory.Path, "token")).Trim());
    }

    private async Task<(int Status, JsonObject Body)> Send(HttpMethod method, string path, string? body = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject());
    }

    private static string TagBody(string dest, string imageId) => """
        {"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas:@DEST","namespace":"myproject"},
         "tag":{"name":"@DEST","annotations":null,"from":{"kind":"ImageStreamImage","name":"citas@@ID"},"generation":null,
                "importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}},
         "generation":0,"lookupPolicy":{"local":false},"image":{"metadata":{}}}
        """.Replace("@DEST", dest).Replace("@ID", imageId);

    private async Task<JsonObject> ImportAsync(string tag)
    {
        var (status, stream) = await Send(HttpMethod.Get, $"{Base}/imagestreams/citas");
        Assert.Equal(200, status);
        var (created, response) = await Send(HttpMethod.Post, $"{Base}/imagestreamimports", """
            {"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",
             "metadata":{"name":"citas","namespace":"myproject","resourceVersion":"@RV"},
             "spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:@TAG"},
                     "to":{"name":"@TAG"},"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":""}}]},"status":{}}
            """.Replace("@RV", stream["metadata"]!["resourceVersion"]!.GetValue<string>()).Replace("@TAG", tag));
        Assert.Equal(201, created);
        return response;
    }

    private async Task<long> GenerationAsync() =>
        (await Send(HttpMethod.Get, $"{Base}/imagestreams/citas")).Body["metadata"]!["generation"]!.GetValue<long>();

    [Fact]
    public async Task TutorialTraceOverHttp()
    {
        // 1. oc create is citas
        var (created, stream) = await Send(HttpMethod.Post, $"{Base}/imagestreams",
            """{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","creationTimestamp":null},"spec":{"lookupPolicy":{"local":false}},"status":{"dockerImageRepository":""}}""");
        Assert.Equal(201, created);
        Assert.Equal(1, stream["metadata"]!["generation"]!.GetValue<long>());
        JsonAssert.Equal(
            $$"""{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/myproject/citas","publicDockerImageRepository":"{{host.RegistryEndpoint}}/myproject/citas"}""",
            stream["status"]);

        // 2, 3. oc import-image citas:v1 / :v2 --from=docker.io/josedom24/citas-backend:…
        var v1 = await ImportAsync("v1");
        Assert.Equal("ImageStreamImport", v1["kind"]!.GetValue<string>());
        JsonAssert.Equal("""{"metadata":{},"status":"Success"}""", v1["status"]!["images"]![0]!["status"]);
        Assert.Equal($"docker.io/josedom24/citas-backend@{V1}", v1["status"]!["images"]![0]!["image"]!["dockerImageReference"]!.GetValue<string>());
        Assert.Equal(2, v1["status"]!["import"]!["metadata"]!["generation"]!.GetValue<long>());
        await ImportAsync("v2");
        Assert.Equal(3, await GenerationAsync());

        // 4. oc describe is citas reads the stream: two tags, two unique images.
        var (_, described) = await Send(HttpMethod.Get, $"{Base}/imagestreams/citas");
        Assert.Equal([V1, V2], described["status"]!["tags"]!.AsArray().Select(t => t!["items"]![0]!["image"]!.GetValue<string>()));

        // 5, 6. oc tag citas:v2 citas:latest; oc tag citas:v1 citas:prod
        var (latestStatus, latest) = await Send(HttpMethod.Put, $"{Base}/imagestreamtags/citas:latest", TagBody("latest", V2));
        Assert.Equal(201, latestStatus);
        Assert.Equal($"citas@{V2}", latest["tag"]!["from"]!["name"]!.GetValue<string>());
        Assert.Equal(4, latest["generation"]!.GetValue<long>());
        Assert.Equal(4, await GenerationAsync());
        var (prodStatus, _) = await Send(HttpMethod.Put, $"{Base}/imagestreamtags/citas:prod", TagBody("prod", V1));
        Assert.Equal(201, prodStatus);
        Assert.Equal(5, await GenerationAsync());

        // 7. oc tag citas:latest -d
        var (deleted, deleteBody) = await Send(HttpMethod.Delete, $"{Base}/imagestreamtags/citas:latest");
        Assert.Equal(200, deleted);
        JsonAssert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"}""", deleteBody);
        Assert.Equal(6, await GenerationAsync());
        var (missing, notFound) = await Send(HttpMethod.Get, $"{Base}/imagestreamtags/citas:latest");
        Assert.Equal(404, missing);
        JsonAssert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"imagestreamtags.image.openshift.io \"citas:latest\" not found","reason":"NotFound","details":{"name":"citas:latest","group":"image.openshift.io","kind":"imagestreamtags"},"code":404}""",
            notFound);

        // 10. oc tag citas:prod -d; 11. oc tag citas:v2 citas:prod
        Assert.Equal(200, (await Send(HttpMethod.Delete, $"{Base}/imagestreamtags/citas:prod")).Status);
        Assert.Equal(7, await GenerationAsync());
        var (retagged, prod) = await Send(HttpMethod.Put, $"{Base}/imagestreamtags/citas:prod", TagBody("prod", V2));
        Assert.Equal(201, retagged);
        Assert.Equal(V2, prod["image"]!["metadata"]!["name"]!.GetValue<string>());
        var (_, final) = await Send(HttpMethod.Get, $"{Base}/imagestreams/citas");
        Assert.Equal(8, final["metadata"]!["generation"]!.GetValue<long>());
        var prodTag = final["status"]!["tags"]!.AsArray().Single(t => t!["tag"]!.GetValue<string>() == "prod")!;
        Assert.Equal(V2, Assert.Single(prodTag["items"]!.AsArray())!["image"]!.GetValue<string>());

        // Re-tagging an existing tag answers 200.
        Assert.Equal(200, (await Send(HttpMethod.Put, $"{Base}/imagestreamtags/citas:prod", TagBody("prod", V1))).Status);
    }

    [Fact]
    public async Task ErrorStatusBodies()
    {
        const string stream = """{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas"},"spec":{"lookupPolicy":{"local":false}}}""";
        await Send(HttpMethod.Post, $"{Base}/imagestreams", stream);

        var (conflict, exists) = await Send(HttpMethod.Post, $"{Base}/imagestreams", stream);
        var (invalid, invalidBody) = await Send(HttpMethod.Post, $"{Base}/imagestreams", stream.Replace("\"citas\"", "\"Citas\""));
        var (badRequest, badBody) = await Send(HttpMethod.Get, $"{Base}/imagestreamtags/citas");

        Assert.Equal(409, conflict);
        Assert.Equal("imagestreams.image.openshift.io \"citas\" already exists", exists["message"]!.GetValue<string>());
        Assert.Equal(422, invalid);
        JsonAssert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ImageStream.image.openshift.io \"Citas\" is invalid: metadata.name: Invalid value: \"Citas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"","reason":"Invalid","details":{"name":"Citas","group":"image.openshift.io","kind":"ImageStream","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Citas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"","field":"metadata.name"}]},"code":422}""",
            invalidBody);
        Assert.Equal(400, badRequest);
        Assert.Equal("ImageStreamTags must be retrieved with <name>:<tag>", badBody["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DiscoveryAndTablesForTheImageApi()
    {
        await Send(HttpMethod.Post, $"{Base}/imagestreams", """{"metadata":{"name":"citas"}}""");
        await ImportAsync("v1");

        var (_, discovery) = await Send(HttpMethod.Get, "/apis/image.openshift.io/v1");
        var (_, table) = await Send(HttpMethod.Get, $"{Base}/imagestreams", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        var (_, istags) = await Send(HttpMethod.Get, $"{Base}/imagestreamtags", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        var resources = discovery["resources"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!);
        Assert.Equal("""["istag"]""", resources["imagestreamtags"]["shortNames"]!.ToJsonString());
        Assert.Equal("""["create"]""", resources["imagestreamimports"]["verbs"]!.ToJsonString());
        Assert.Equal("""["isimage"]""", resources["imagestreamimages"]["shortNames"]!.ToJsonString());
        Assert.Equal(["Name", "Image Repository", "Tags", "Updated"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("v1", table["rows"]![0]!["cells"]![2]!.GetValue<string>());
        Assert.Equal("citas:v1", istags["rows"]![0]!["cells"]![0]!.GetValue<string>());
        Assert.Equal($"docker.io/josedom24/citas-backend@{V1}", istags["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task SeededRegistryAnswersOnThePlainHttpEndpoint()
    {
        var token = File.ReadAllText(Path.Combine(directory.Path, "token")).Trim();
        using var registry = new HttpClient { BaseAddress = new Uri($"http://{host.RegistryEndpoint}") };
        registry.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var tags = JsonNode.Parse(await registry.GetStringAsync("/v2/josedom24/citas-backend/tags/list", TestContext.Current.CancellationToken))!;
        using var client = new RegistryClient();
        var imported = await new ImageImporter(client, new RegistryMirrors()).ImportAsync(
            new RemoteImageReference(host.RegistryEndpoint, "josedom24/citas-backend", "v2", null, $"{host.RegistryEndpoint}/josedom24/citas-backend"),
            new ImportOptions(Insecure: true, Credentials: _ => new RegistryCredential("developer", token)), TestContext.Current.CancellationToken);

        Assert.Equal("""["v1","v2"]""", tags["tags"]!.ToJsonString());
        Assert.Equal(V2, imported.Digest);
    }

    public async ValueTask DisposeAsync()
    {
        http?.Dispose();
        if (host is not null) await host.DisposeAsync();
        directory.Dispose();
    }
}
