using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.Tagging;
using ImageStreamPS.OpenShift.Tests.Api;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Tagging;

/// <summary>The PUT body and the printed line of <c>oc tag</c> (openshift-image-api.md §3.3, fixtures).</summary>
public class ImageStreamTagRequestTests
{
    private static ImageStream Tutorial => KubernetesJson.Deserialize<ImageStream>(GoldenShapes.TutorialImageStream);
    private static readonly TagOptions Defaults = new();

    private static (ImageStreamTag Body, string Message) Tag(string sourceText, string destinationText, TagOptions? options = null, string ns = "NS")
    {
        options ??= Defaults;
        var source = TagSource.Classify(sourceText, null, ns);
        var destination = ImageStreamReference.ParseTag(destinationText);
        ImageStreamTagRequest.Validate(source, [destination], options, ns);
        if (source.NeedsResolution(options.Alias)) source = source.ResolveCurrentImage(Tutorial);
        return (ImageStreamTagRequest.Build(source, destination, options, ns), ImageStreamTagRequest.SuccessMessage(source, destination, options, ns));
    }

    [Fact]
    public void TutorialStepFiveSendsTheBodyOcSends()
    {
        var (body, message) = Tag("citas:v2", "citas:latest");
        var expected = JsonNode.Parse("""
            { "kind": "ImageStreamTag", "apiVersion": "image.openshift.io/v1",
              "metadata": { "name": "citas:latest", "namespace": "NS" },
              "tag": { "name": "latest", "annotations": null,
                       "from": { "kind": "ImageStreamImage", "name": "citas@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d" },
                       "generation": null,
                       "importPolicy": { "importMode": "Legacy" },
                       "referencePolicy": { "type": "Source" } },
              "generation": 0, "lookupPolicy": { "local": false }, "image": { "metadata": {} } }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(KubernetesJson.Serialize(body))), KubernetesJson.Serialize(body));
        Assert.Equal("Tag citas:latest set to citas@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d.", message);
    }

    [Fact]
    public void DockerImageSourceIsSentAsTypedWithGenerationZero()
    {
        var (body, message) = Tag("docker.io/openshiftroadshow/parksmap-katacoda:1.2.0", "parksmap-katacoda:latest", ns: "test");
        Assert.Equal("DockerImage", body.Tag!.From!.Kind);
        Assert.Equal("docker.io/openshiftroadshow/parksmap-katacoda:1.2.0", body.Tag.From.Name);
        Assert.Null(body.Tag.From.Namespace);
        Assert.Equal(0, body.Tag.Generation);
        // text-bysnupy-parksmap-versionB.txt
        Assert.Contains(message + "\n", Fixture.Read("text-bysnupy-parksmap-versionB.txt"));
    }

    [Fact]
    public void CrossNamespaceDestinationNamesTheSourceNamespace()
    {
        var (body, message) = Tag("citas:v2", "other/citas:v2");
        Assert.Equal("other", body.Metadata.NamespaceProperty);
        Assert.Equal("NS", body.Tag!.From!.Namespace);
        Assert.Equal("citas@" + GoldenShapes.V2, body.Tag.From.Name);
        Assert.Equal("Tag other/citas:v2 set to citas@" + GoldenShapes.V2 + ".", message);
    }

    [Fact]
    public void SourceNamespaceIsKeptAndPrinted()
    {
        var source = TagSource.Classify("shared/citas:v2", null, "NS").ResolveCurrentImage(Tutorial);
        var destination = ImageStreamReference.ParseTag("citas:prod");
        var body = ImageStreamTagRequest.Build(source, destination, Defaults, "NS");
        Assert.Equal("shared", body.Tag!.From!.Namespace);
        Assert.Equal("Tag citas:prod set to shared/citas@" + GoldenShapes.V2 + ".", ImageStreamTagRequest.SuccessMessage(source, destination, Defaults, "NS"));
    }

    [Fact]
    public void AliasKeepsTheTagSource()
    {
        var (body, message) = Tag("citas:v2", "citas:latest", new TagOptions { Alias = true });
        Assert.Equal("ImageStreamTag", body.Tag!.From!.Kind);
        Assert.Equal("citas:v2", body.Tag.From.Name);
        Assert.Null(body.Tag.Generation);
        Assert.Equal("Tag citas:latest set up to track citas:v2.", message);
    }

    [Fact]
    public void ScheduledReferenceAndLocalPolicyAreCarried()
    {
        var options = new TagOptions { Scheduled = true, Reference = true, Insecure = true, ReferencePolicy = "local", ImportMode = "preserveoriginal" };
        var (body, message) = Tag("docker.io/josedom24/imagen-prueba:latest", "imagen-prueba:latest", options);
        Assert.True(body.Tag!.Reference);
        Assert.True(body.Tag.ImportPolicy.Scheduled);
        Assert.True(body.Tag.ImportPolicy.Insecure);
        Assert.Equal("PreserveOriginal", body.Tag.ImportPolicy.ImportMode);
        Assert.Equal("Local", body.Tag.ReferencePolicy.Type);
        Assert.Equal("Tag imagen-prueba:latest set to import docker.io/josedom24/imagen-prueba:latest periodically.", message);
    }

    [Theory]
    [InlineData("citas:v2", "citas:x", false, true, false, "only container images can have importing flags set")]
    [InlineData("citas:v2", "citas:x", true, false, true, "only container images can have importing flags set")]
    [InlineData("docker.io/x/y:1", "y:x", true, true, false, "cannot set a container image tag as an alias and also set import flags")]
    [InlineData("citas:v2", "other:x", true, false, false, "cannot set alias across different Image Streams")]
    [InlineData("citas:v2", "ns2/citas:x", true, false, false, "cannot set alias across different Image Streams")]
    public void RefusesContradictoryOptions(string source, string destination, bool alias, bool scheduled, bool insecure, string message)
    {
        var error = Assert.Throws<ImageTagException>(() => ImageStreamTagRequest.Validate(
            TagSource.Classify(source, null, "NS"), [ImageStreamReference.ParseTag(destination)],
            new TagOptions { Alias = alias, Scheduled = scheduled, Insecure = insecure }, "NS"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void RefusesDestinationsWithoutATagAndBadPolicies()
    {
        var source = TagSource.Classify("citas:v2", null, "NS");
        Assert.Equal("\"citas\" must be of the form <stream_name>:<tag>",
            Assert.Throws<ImageTagException>(() => ImageStreamTagRequest.Validate(source, [ImageStreamReference.Parse("citas")], Defaults, "NS")).Message);
        Assert.Equal("at least a destination is required",
            Assert.Throws<ImageTagException>(() => ImageStreamTagRequest.Validate(source, [], Defaults, "NS")).Message);
        Assert.Equal("reference policy must be set to 'source' or 'local'",
            Assert.Throws<ImageTagException>(() => ImageStreamTagRequest.Validate(source, [ImageStreamReference.ParseTag("citas:x")], new TagOptions { ReferencePolicy = "remote" }, "NS")).Message);
    }

    [Fact]
    public void DeleteMessageNamesTheNamespace() =>
        Assert.Equal("Deleted tag NS/citas:latest.", ImageStreamTagRequest.DeletedMessage(ImageStreamReference.ParseTag("citas:latest"), "NS"));
}
