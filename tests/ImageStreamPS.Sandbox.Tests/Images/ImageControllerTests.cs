using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>The image import controller, scheduled imports and pushes to the integrated registry.</summary>
public sealed class ImageControllerTests
{
    private const string Group = ImageSandbox.Group;
    private const string Ns = ImageSandbox.Ns;

    /// <summary>Waits for a state the background work must reach; fails with the last value seen.</summary>
    private static async Task<JsonObject> EventuallyAsync(Func<JsonObject?> read, Func<JsonObject, bool> done)
    {
        JsonObject? last = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            last = read();
            if (last is not null && done(last)) return last;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the expected state was never reached; last seen: " + last?.ToJsonString());
        return null!;
    }

    private static string? Image(JsonObject stream, string tag) =>
        (stream["status"]?["tags"] as JsonArray)?.FirstOrDefault(t => t?["tag"]?.GetValue<string>() == tag)?["items"]?[0]?["image"]?.GetValue<string>();

    [Fact]
    public async Task DockerImageTagIsImportedByTheController()
    {
        await using var sandbox = await ImageSandbox.StartAsync(controllers: true);
        sandbox.CreateStream();

        // oc tag --source=docker docker.io/josedom24/citas-backend:v2 citas:latest
        var put = await sandbox.Api.ReplaceAsync(Group, "imagestreamtags", Ns, "citas:latest", ImageSandbox.Json("""
            {"metadata":{"name":"citas:latest"},"tag":{"name":"latest","from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v2"},"generation":0,"importPolicy":{},"referencePolicy":{"type":"Source"}}}
            """));
        var stream = await EventuallyAsync(() => sandbox.Api.TryGet(Group, "imagestreams", Ns, "citas"), s => Image(s, "latest") is not null);

        Assert.True(put.Created);
        Assert.Equal(ImageSandbox.V2, Image(stream, "latest"));
        Assert.NotNull(stream["metadata"]!["annotations"]!["openshift.io/image.dockerRepositoryCheck"]);
        var specGeneration = stream["spec"]!["tags"]![0]!["generation"]!.GetValue<long>();
        Assert.Equal(specGeneration, stream["status"]!["tags"]![0]!["items"]![0]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task ScheduledTagFollowsTheRegistry()
    {
        await using var sandbox = await ImageSandbox.StartAsync(controllers: true, importInterval: TimeSpan.FromMilliseconds(300));
        sandbox.CreateStream();
        var stream = sandbox.Stream();
        stream["spec"]!["tags"] = JsonNode.Parse("""
            [{"name":"v1","from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"},"importPolicy":{"scheduled":true}}]
            """);
        sandbox.Api.Update(Group, "imagestreams", Ns, "citas", stream);
        await EventuallyAsync(() => sandbox.Stream(), s => Image(s, "v1") == ImageSandbox.V1);

        // The remote tag moves: the next scheduled import prepends the new image.
        TutorialSeed.Push(sandbox.Images.Registry.Storage, DemoImage.CitasBackend("v2") with { Tag = "v1" });
        var moved = await EventuallyAsync(() => sandbox.Stream(), s => Image(s, "v1") == ImageSandbox.V2);

        var history = moved["status"]!["tags"]![0]!["items"]!.AsArray().Select(i => i!["image"]!.GetValue<string>());
        Assert.Equal([ImageSandbox.V2, ImageSandbox.V1], history);
    }

    [Fact]
    public async Task PushToTheIntegratedRegistryShowsUpInTheStream()
    {
        await using var sandbox = await ImageSandbox.StartAsync(controllers: true);
        using var client = new RegistryClient();
        var image = TestImages.Schema2("myproject/pushed", "1.0", "pushed");

        await TestImages.PushAsync(await TestImages.OpenForPushAsync(client, sandbox.RegistryHost, "myproject/pushed", sandbox.RegistryLogin), image, "1.0", ManifestMediaTypes.DockerSchema2);

        var stream = sandbox.Stream("pushed");
        Assert.Null(stream["spec"]!["tags"]);
        var item = stream["status"]!["tags"]![0]!["items"]![0]!;
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/myproject/pushed@{image.Digest}", item["dockerImageReference"]!.GetValue<string>());
        Assert.Equal(image.Digest, item["image"]!.GetValue<string>());
        var istag = sandbox.Api.Get(Group, "imagestreamtags", Ns, "pushed:1.0");
        Assert.Null(istag["tag"]);
        Assert.Equal("true", istag["image"]!["metadata"]!["annotations"]!["openshift.io/image.managed"]!.GetValue<string>());
    }
}
