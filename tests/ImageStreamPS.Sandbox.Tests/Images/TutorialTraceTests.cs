using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>The tutorial (openshift-image-api.md §0, steps 1–7, 10, 11) through the in-process API.</summary>
public sealed class TutorialTraceTests
{
    private const string Group = ImageSandbox.Group;
    private static string V1 => ImageSandbox.V1;
    private static string V2 => ImageSandbox.V2;

    private static long Generation(JsonObject o) => o["metadata"]!["generation"]!.GetValue<long>();

    [Fact]
    public async Task CreateGivesGenerationOneRepositoriesAndNoTags()
    {
        await using var sandbox = await ImageSandbox.StartAsync();

        var stream = sandbox.CreateStream();

        Assert.Equal(1, Generation(stream));
        Assert.Equal("""{"lookupPolicy":{"local":false}}""", stream["spec"]!.ToJsonString());
        Assert.Equal(
            $$"""{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/myproject/citas","publicDockerImageRepository":"{{sandbox.RegistryHost}}/myproject/citas"}""",
            stream["status"]!.ToJsonString());
    }

    [Fact]
    public async Task ImportV1FromDockerHubThroughTheMirror()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();

        var response = await sandbox.ImportAsync("v1");

        var image = response["status"]!["images"]![0]!;
        Assert.Equal("""{"metadata":{},"status":"Success"}""", image["status"]!.ToJsonString());
        Assert.Equal("v1", image["tag"]!.GetValue<string>());
        Assert.Equal(V1, image["image"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal($"docker.io/josedom24/citas-backend@{V1}", image["image"]!["dockerImageReference"]!.GetValue<string>());
        Assert.Equal("""{"10000/tcp":{}}""", image["image"]!["dockerImageMetadata"]!["Config"]!["ExposedPorts"]!.ToJsonString());
        Assert.Equal("""{"type":"Source"}""", response["spec"]!["images"]![0]!["referencePolicy"]!.ToJsonString());

        var stream = sandbox.Stream();
        Assert.Equal(2, Generation(stream));
        Assert.NotNull(stream["metadata"]!["annotations"]!["openshift.io/image.dockerRepositoryCheck"]);
        Assert.Equal(
            """[{"name":"v1","annotations":null,"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"},"generation":2,"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]""",
            stream["spec"]!["tags"]!.ToJsonString());
        var item = stream["status"]!["tags"]![0]!["items"]![0]!;
        Assert.Equal($"docker.io/josedom24/citas-backend@{V1}", item["dockerImageReference"]!.GetValue<string>());
        Assert.Equal(V1, item["image"]!.GetValue<string>());
        Assert.Equal(2, item["generation"]!.GetValue<long>());
        Assert.Equal(Generation(stream), Generation(response["status"]!["import"]!.AsObject()));
        Assert.NotNull(sandbox.Api.TryGet(Group, "images", null, V1));
    }

    [Fact]
    public async Task ReimportingAnUnchangedTagWritesNothing()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        var before = sandbox.Stream();

        await sandbox.ImportAsync("v1");

        var after = sandbox.Stream();
        Assert.Equal(before["metadata"]!["resourceVersion"]!.ToJsonString(), after["metadata"]!["resourceVersion"]!.ToJsonString());
        Assert.Equal(2, Generation(after));
    }

    [Fact]
    public async Task TutorialGenerationsAndHistory()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        Assert.Equal(1, Generation(sandbox.CreateStream()));
        await sandbox.ImportAsync("v1");
        Assert.Equal(2, Generation(sandbox.Stream()));
        await sandbox.ImportAsync("v2");
        Assert.Equal(3, Generation(sandbox.Stream()));

        var latest = await sandbox.TagAsync("latest", V2);
        Assert.True(latest.Created);
        Assert.Equal(4, Generation(sandbox.Stream()));
        Assert.Equal($"citas@{V2}", latest.Object["tag"]!["from"]!["name"]!.GetValue<string>());
        Assert.Equal($"docker.io/josedom24/citas-backend@{V2}", latest.Object["image"]!["dockerImageReference"]!.GetValue<string>());

        var prod = await sandbox.TagAsync("prod", V1);
        Assert.True(prod.Created);
        var afterProd = sandbox.Stream();
        Assert.Equal(5, Generation(afterProd));
        Assert.Equal(["latest", "prod", "v1", "v2"], afterProd["spec"]!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(["latest", "prod", "v1", "v2"], afterProd["status"]!["tags"]!.AsArray().Select(t => t!["tag"]!.GetValue<string>()));
        var prodItem = afterProd["status"]!["tags"]![1]!["items"]![0]!;
        Assert.Equal($"docker.io/josedom24/citas-backend@{V1}", prodItem["dockerImageReference"]!.GetValue<string>());
        Assert.Equal(5, prodItem["generation"]!.GetValue<long>());

        var deleted = await sandbox.Api.DeleteAsync(Group, "imagestreamtags", ImageSandbox.Ns, "citas:latest");
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"}""", deleted.ToJsonString());
        var afterDelete = sandbox.Stream();
        Assert.Equal(6, Generation(afterDelete));
        Assert.DoesNotContain("latest", afterDelete["spec"]!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("latest", afterDelete["status"]!["tags"]!.AsArray().Select(t => t!["tag"]!.GetValue<string>()));
        var missing = Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamtags", ImageSandbox.Ns, "citas:latest"));
        Assert.Equal(404, missing.Code);
        Assert.Equal("imagestreamtags.image.openshift.io \"citas:latest\" not found", missing.Message);

        await sandbox.Api.DeleteAsync(Group, "imagestreamtags", ImageSandbox.Ns, "citas:prod");
        Assert.Equal(7, Generation(sandbox.Stream()));
        var retagged = await sandbox.TagAsync("prod", V2);
        Assert.True(retagged.Created);
        var final = sandbox.Stream();
        Assert.Equal(8, Generation(final));
        var prodHistory = final["status"]!["tags"]!.AsArray().Single(t => t!["tag"]!.GetValue<string>() == "prod")!["items"]!.AsArray();
        Assert.Equal(V2, Assert.Single(prodHistory)!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task RetaggingAnExistingTagAnswers200AndPrependsHistory()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        await sandbox.ImportAsync("v2");
        await sandbox.TagAsync("prod", V1);

        var again = await sandbox.TagAsync("prod", V2);

        Assert.False(again.Created);
        var history = sandbox.Stream()["status"]!["tags"]!.AsArray().Single(t => t!["tag"]!.GetValue<string>() == "prod")!["items"]!.AsArray();
        Assert.Equal([V2, V1], history.Select(i => i!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ImageStreamTagViewOfAnImportedTag()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var stream = sandbox.CreateStream();
        await sandbox.ImportAsync("v1");

        var istag = sandbox.Api.Get(Group, "imagestreamtags", ImageSandbox.Ns, "citas:v1");

        Assert.Equal("ImageStreamTag", istag["kind"]!.GetValue<string>());
        Assert.Equal("citas:v1", istag["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(stream["metadata"]!["uid"]!.GetValue<string>(), istag["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(2, istag["generation"]!.GetValue<long>());
        Assert.Equal("""{"local":false}""", istag["lookupPolicy"]!.ToJsonString());
        Assert.Equal("docker.io/josedom24/citas-backend:v1", istag["tag"]!["from"]!["name"]!.GetValue<string>());
        Assert.Equal(V1, istag["image"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(istag["image"]!["dockerImageManifest"]);
        Assert.Equal("ascending", istag["image"]!["metadata"]!["annotations"]!["image.openshift.io/dockerLayersOrder"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImageStreamImageByDigestAndPrefix()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        var prefix = V1[7..19];

        var full = sandbox.Api.Get(Group, "imagestreamimages", ImageSandbox.Ns, $"citas@{V1}");
        var short1 = sandbox.Api.Get(Group, "imagestreamimages", ImageSandbox.Ns, $"citas@{prefix}");
        var missing = Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamimages", ImageSandbox.Ns, "citas@sha256:ffff"));
        var malformed = Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamimages", ImageSandbox.Ns, "citas"));

        Assert.Equal("ImageStreamImage", full["kind"]!.GetValue<string>());
        Assert.Equal($"citas@{V1}", full["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal($"citas@{prefix}", short1["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(V1, short1["image"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("v1", full["image"]!["dockerImageMetadata"]!["Config"]!["Labels"]!["version"]!.GetValue<string>());
        Assert.Equal(404, missing.Code);
        Assert.Equal("imagestreamimage.image.openshift.io \"citas@sha256:ffff\" not found", missing.Message);
        Assert.Equal(400, malformed.Code);
        Assert.Equal("ImageStreamImages must be retrieved with <name>@<id>", malformed.Message);
    }
}
