using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Tests.Images;
using static ImageStreamPS.Sandbox.Tests.Images.ImageSandbox;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// <c>POST imagestreammappings</c> as openshift-apiserver's imagestreammapping/rest.go Create and strategy.go
/// PrepareForCreate/Validate (ValidateImageStreamMapping) answer it: what a registry posts after a push.
/// </summary>
public sealed class ImageStreamMappingTests
{
    private const string NewImage = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private static JsonObject Mapping(string stream, string tag, string image, string reference, string annotations = "null") => Json($$$"""
        {"kind":"ImageStreamMapping","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{{stream}}}"},
         "image":{"metadata":{"name":"{{{image}}}","annotations":{{{annotations}}}},"dockerImageReference":"{{{reference}}}",
                  "dockerImageMetadata":{"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":"","Created":null,"ContainerConfig":{}},
                  "dockerImageMetadataVersion":"1.0","dockerImageLayers":[]},
         "tag":"{{{tag}}}"}
        """);

    [Fact]
    public async Task AMappingCreatesTheImageAndPrependsAStatusEventWithoutASpecTag()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        var generation = sandbox.Stream()["metadata"]!["generation"]!.GetValue<long>();

        var result = await sandbox.Api.CreateResultAsync(Group, "imagestreammappings", Ns, Mapping("citas", "pushed", NewImage, "registry.example.com/team/citas@" + NewImage));

        Assert.True(result.Created);
        JsonAssert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}""", result.Object);
        var stream = sandbox.Stream();
        Assert.Null(stream["spec"]!["tags"]);
        var pushed = stream["status"]!["tags"]!.AsArray().Single(t => t!["tag"]!.GetValue<string>() == "pushed")!["items"]![0]!;
        Assert.Equal(("registry.example.com/team/citas@" + NewImage, NewImage, generation),
            (pushed["dockerImageReference"]!.GetValue<string>(), pushed["image"]!.GetValue<string>(), pushed["generation"]!.GetValue<long>()));
        Assert.Equal("registry.example.com/team/citas@" + NewImage, sandbox.Api.Get(Group, "images", null, NewImage)["dockerImageReference"]!.GetValue<string>());
        Assert.Equal(NewImage, sandbox.Api.Get(Group, "imagestreamtags", Ns, "citas:pushed")["image"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEmptyPullSpecDefaultsToTheStreamInTheInternalRegistry()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();

        await sandbox.Api.CreateAsync(Group, "imagestreammappings", Ns, Mapping("citas", "pushed", NewImage, ""));

        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/{Ns}/citas@{NewImage}",
            sandbox.Api.Get(Group, "images", null, NewImage)["dockerImageReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task AManagedImageThatExistsIsPulledFromTheStreamItIsMappedTo()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        sandbox.CreateStream("other");
        var managed = """{"openshift.io/image.managed":"true"}""";
        await sandbox.Api.CreateAsync(Group, "imagestreammappings", Ns, Mapping("citas", "v1", NewImage, "", managed));

        await sandbox.Api.CreateAsync(Group, "imagestreammappings", Ns, Mapping("other", "copy", NewImage, "", managed));

        var copy = sandbox.Stream("other")["status"]!["tags"]![0]!["items"]![0]!;
        var repository = sandbox.Stream("other")["status"]!["dockerImageRepository"]!.GetValue<string>();
        Assert.Equal($"{repository}@{NewImage}", copy["dockerImageReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMissingStreamIsNotFoundAndCreatesNoImage()
    {
        await using var sandbox = await ImageSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreammappings", Ns, Mapping("nosuch", "v1", NewImage, "quay.io/a/b@" + NewImage)));

        Assert.Equal((404, "imagestreams.image.openshift.io \"nosuch\" not found"), (error.Code, error.Message));
        Assert.Null(sandbox.Api.TryGet(Group, "images", null, NewImage));
    }

    [Fact]
    public async Task AMappingWithoutTagOrImageNameIsInvalidAsValidateImageStreamMappingSays()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();

        var error = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreammappings", Ns, Mapping("citas", "", "", "Not A/Reference")));

        Assert.Equal(422, error.Code);
        Assert.StartsWith("ImageStreamMapping.image.openshift.io \"citas\" is invalid: [tag: Required value, image.metadata.name: Required value: name or generateName is required, image.dockerImageReference: Invalid value: \"Not A/Reference\": ",
            error.Message);
        Assert.Null(sandbox.Stream()["status"]!["tags"]);
    }
}
