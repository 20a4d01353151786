using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>The importer against Debian's docker-registry (distribution v2.8) on loopback.</summary>
public sealed class ImageImporterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static RemoteImageReference At(string host, string path, string? tag = null, string? digest = null) =>
        new(host, path, tag, digest, $"{host}/{path}");

    [Fact]
    public async Task ImportsDockerSchema2ManifestWithConfigMetadata()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();
        var image = TestImages.Schema2("demo/app", "v1", "one");
        var pushed = await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, registry.Host, "demo/app"), image, "v1", ManifestMediaTypes.DockerSchema2);

        var imported = await new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(At(registry.Host, "demo/app", "v1"), new ImportOptions(Insecure: true), None);

        Assert.Equal(image.Digest, pushed);
        Assert.Equal(image.Digest, imported.Digest);
        var json = ImageDocument.Encode(imported.Image);
        Assert.Equal($"{registry.Host}/demo/app@{image.Digest}", json["dockerImageReference"]!.GetValue<string>());
        Assert.Equal(ManifestMediaTypes.DockerSchema2, json["dockerImageManifestMediaType"]!.GetValue<string>());
        Assert.Equal("1.0", json["dockerImageMetadataVersion"]!.GetValue<string>());
        Assert.Equal("ascending", json["metadata"]!["annotations"]![ImageDocument.LayersOrderAnnotation]!.GetValue<string>());
        var metadata = json["dockerImageMetadata"]!.AsObject();
        Assert.Equal("DockerImage", metadata["kind"]!.GetValue<string>());
        Assert.Equal("image.openshift.io/1.0", metadata["apiVersion"]!.GetValue<string>());
        Assert.Equal(image.ConfigDigest, metadata["Id"]!.GetValue<string>());
        Assert.Equal("2024-05-01T12:30:00Z", metadata["Created"]!.GetValue<string>());
        Assert.Equal("amd64", metadata["Architecture"]!.GetValue<string>());
        Assert.Equal(image.Config.Length + image.Layer.Length, metadata["Size"]!.GetValue<long>());
        Assert.True(metadata["Config"]!["ExposedPorts"]!.AsObject().ContainsKey("8080/tcp"));
        Assert.Equal("one", metadata["Config"]!["Labels"]!["variant"]!.GetValue<string>());
        Assert.Equal(new JsonObject().ToJsonString(), metadata["ContainerConfig"]!.ToJsonString());
        var layer = Assert.Single(json["dockerImageLayers"]!.AsArray())!;
        Assert.Equal(image.LayerDigest, layer["name"]!.GetValue<string>());
        Assert.Equal(image.Layer.Length, layer["size"]!.GetValue<long>());
        Assert.Equal(ManifestMediaTypes.DockerLayerGzip, layer["mediaType"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportsOciManifestByTagAndByDigest()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();
        var (_, oci) = TestImages.Oci(TestImages.Schema2("demo/oci", "v1", "oci"));
        await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, registry.Host, "demo/oci"), oci, "v1", ManifestMediaTypes.OciManifest);
        var importer = new ImageImporter(client, new RegistryMirrors());

        var byTag = await importer.ImportAsync(At(registry.Host, "demo/oci", "v1"), new ImportOptions(Insecure: true), None);
        var byDigest = await importer.ImportAsync(At(registry.Host, "demo/oci", digest: oci.Digest), new ImportOptions(Insecure: true), None);

        Assert.Equal(oci.Digest, byTag.Digest);
        Assert.Equal(ManifestMediaTypes.OciManifest, ImageDocument.Encode(byTag.Image)["dockerImageManifestMediaType"]!.GetValue<string>());
        Assert.Equal(ManifestMediaTypes.OciLayerGzip, ImageDocument.Encode(byTag.Image)["dockerImageLayers"]![0]!["mediaType"]!.GetValue<string>());
        Assert.Equal(oci.Digest, byDigest.Digest);
        Assert.Equal($"{registry.Host}/demo/oci@{oci.Digest}", byDigest.DockerImageReference);
    }

    [Fact]
    public async Task LegacyModePicksThePlatformManifestOfAnIndex()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();
        var (amd64, arm64, indexDigest) = await PushIndexAsync(client, registry.Host, "demo/multi");
        var importer = new ImageImporter(client, new RegistryMirrors());

        var legacy = await importer.ImportAsync(At(registry.Host, "demo/multi", "v1"), new ImportOptions(Insecure: true, ImportMode: "Legacy"), None);
        var preferArm = await importer.ImportAsync(At(registry.Host, "demo/multi", "v1"),
            new ImportOptions(Insecure: true, ImportMode: "Legacy", PreferArch: "arm64"), None);

        Assert.NotEqual(indexDigest, legacy.Digest);
        Assert.Equal(amd64.Digest, legacy.Digest);
        Assert.Equal("amd64", ImageDocument.Encode(legacy.Image)["dockerImageMetadata"]!["Architecture"]!.GetValue<string>());
        Assert.Empty(legacy.Manifests);
        Assert.Equal(arm64.Digest, preferArm.Digest);
        Assert.Equal("arm64", ImageDocument.Encode(preferArm.Image)["dockerImageMetadata"]!["Architecture"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreserveOriginalKeepsTheIndexAndImportsEveryChild()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();
        var (amd64, arm64, indexDigest) = await PushIndexAsync(client, registry.Host, "demo/multi");

        var imported = await new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(At(registry.Host, "demo/multi", "v1"), new ImportOptions(Insecure: true, ImportMode: "PreserveOriginal"), None);

        Assert.Equal(indexDigest, imported.Digest);
        Assert.Equal(ManifestMediaTypes.OciIndex, ImageDocument.Encode(imported.Image)["dockerImageManifestMediaType"]!.GetValue<string>());
        Assert.Null(ImageDocument.Encode(imported.Image)["dockerImageLayers"]);
        Assert.Equal(indexDigest, ImageDocument.Encode(imported.Image)["dockerImageMetadata"]!["Id"]!.GetValue<string>());
        var manifests = ImageDocument.Encode(imported.Image)["dockerImageManifests"]!.AsArray();
        Assert.Equal([amd64.Digest, arm64.Digest], manifests.Select(m => m!["digest"]!.GetValue<string>()));
        Assert.Equal(["amd64", "arm64"], manifests.Select(m => m!["architecture"]!.GetValue<string>()));
        Assert.Equal(["linux", "linux"], manifests.Select(m => m!["os"]!.GetValue<string>()));
        Assert.Equal([amd64.Digest, arm64.Digest], imported.Manifests.Select(m => ImageDocument.Encode(m)["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal($"{registry.Host}/demo/multi@{arm64.Digest}", ImageDocument.Encode(imported.Manifests[1])["dockerImageReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingTagIsNotFoundWithTheNormalizedName()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();
        await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, registry.Host, "demo/app"), TestImages.Schema2("demo/app", "v1", "one"), "v1", ManifestMediaTypes.DockerSchema2);

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(At(registry.Host, "demo/app", "v9"), new ImportOptions(Insecure: true), None));

        Assert.Equal(404, failure.Status.Code);
        Assert.Equal("NotFound", failure.Reason);
        Assert.Equal($"dockerimage.image.openshift.io \"{registry.Host}/demo/app:v9\" not found", failure.Message);
        var status = ImageStreamPS.Sandbox.Api.Wire.Encode(failure.Status);
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("dockerimage", status["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("image.openshift.io", status["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingRepositoryIsNotFound()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(At(registry.Host, "nobody/here", "latest"), new ImportOptions(Insecure: true), None));

        Assert.Equal("NotFound", failure.Reason);
    }

    [Fact]
    public async Task PlainHttpRegistryWithoutInsecureIsABadRequest()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();

        var failure = await Assert.ThrowsAsync<ImportFailure>(() => new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(At(registry.Host, "demo/app", "v1"), new ImportOptions(Insecure: false), None));

        Assert.Equal(400, failure.Status.Code);
        Assert.Equal("BadRequest", failure.Reason);
        Assert.Equal($"the repository {registry.Host}/demo/app is HTTP only and requires the insecure flag to import", failure.Message);
    }

    [Fact]
    public async Task FollowsTheBearerTokenChallenge()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        await using var proxy = await TokenAuthProxy.StartAsync(registry.Host);
        using var client = new RegistryClient();
        var image = TestImages.Schema2("team/app", "v1", "token");
        await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, registry.Host, "team/app"), image, "v1", ManifestMediaTypes.DockerSchema2);

        var imported = await new ImageImporter(client, new RegistryMirrors())
            .ImportAsync(At(proxy.Host, "team/app", "v1"), new ImportOptions(Insecure: true), None);

        Assert.Equal(image.Digest, imported.Digest);
        Assert.Equal("token", ImageDocument.Encode(imported.Image)["dockerImageMetadata"]!["Config"]!["Labels"]!["variant"]!.GetValue<string>());
        Assert.Contains("repository:team/app:pull", proxy.RequestedScopes);
    }

    [Fact]
    public async Task PrivateRepositoryNeedsCredentials()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        await using var proxy = await TokenAuthProxy.StartAsync(registry.Host);
        using var client = new RegistryClient();
        var image = TestImages.Schema2("private/app", "v1", "secret");
        await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, registry.Host, "private/app"), image, "v1", ManifestMediaTypes.DockerSchema2);
        var importer = new ImageImporter(client, new RegistryMirrors());
        var reference = At(proxy.Host, "private/app", "v1");

        var anonymous = await Assert.ThrowsAsync<ImportFailure>(() => importer.ImportAsync(reference, new ImportOptions(Insecure: true), None));
        var withSecret = await importer.ImportAsync(reference,
            new ImportOptions(Insecure: true, Credentials: host => host == proxy.Host ? new RegistryCredential("alice", "wonderland") : null), None);

        Assert.Equal(401, anonymous.Status.Code);
        Assert.Equal("Unauthorized", anonymous.Reason);
        Assert.Equal($"you may not have access to the container image \"{proxy.Host}/private/app:v1\"", anonymous.Message);
        Assert.Equal(image.Digest, withSecret.Digest);
    }

    [Fact]
    public async Task ListsTagsOfARepository()
    {
        await using var registry = await DockerRegistryProcess.StartAsync();
        using var client = new RegistryClient();
        var repository = await TestImages.OpenForPushAsync(client, registry.Host, "demo/app");
        await TestImages.PushAsync(repository, TestImages.Schema2("demo/app", "v1", "one"), "v1", ManifestMediaTypes.DockerSchema2);
        await TestImages.PushAsync(repository, TestImages.Schema2("demo/app", "v2", "two"), "v2", ManifestMediaTypes.DockerSchema2);

        var tags = await new ImageImporter(client, new RegistryMirrors())
            .ListTagsAsync(At(registry.Host, "demo/app"), new ImportOptions(Insecure: true), None);

        Assert.Equal(["v1", "v2"], tags.Order());
    }

    internal static async Task<(DemoImage Amd64, DemoImage Arm64, string IndexDigest)> PushIndexAsync(RegistryClient client, string host, string name,
        RegistryCredential? credential = null)
    {
        var repository = await TestImages.OpenForPushAsync(client, host, name, credential);
        var (_, amd64) = TestImages.Oci(TestImages.Schema2(name, "amd64", "multi", "amd64"));
        var (_, arm64) = TestImages.Oci(TestImages.Schema2(name, "arm64", "multi", "arm64"));
        await TestImages.PushAsync(repository, amd64, amd64.Digest, ManifestMediaTypes.OciManifest);
        await TestImages.PushAsync(repository, arm64, arm64.Digest, ManifestMediaTypes.OciManifest);
        var index = TestImages.Index((amd64, "amd64", ManifestMediaTypes.OciManifest), (arm64, "arm64", ManifestMediaTypes.OciManifest));
        var digest = await repository.PushManifestAsync("v1", ManifestMediaTypes.OciIndex, index, None);
        return (amd64, arm64, digest);
    }
}
