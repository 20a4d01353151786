using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Tagging;
using ImageStreamPS.OpenShift.Tests.Api;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Tagging;

/// <summary>How <c>oc tag</c> reads its SOURCE (openshift-image-api.md §3.1, §3.2).</summary>
public class TagSourceTests
{
    private static ImageStream Tutorial => KubernetesJson.Deserialize<ImageStream>(GoldenShapes.TutorialImageStream);

    [Theory]
    [InlineData("citas:v2", TagSourceKind.ImageStreamTag)]
    [InlineData("openshift/deployment-example:v2", TagSourceKind.ImageStreamTag)] // not Docker Hub: origin#8359
    [InlineData("citas@" + GoldenShapes.V2, TagSourceKind.ImageStreamImage)]
    [InlineData("docker.io/josedom24/citas-backend:v1", TagSourceKind.DockerImage)]
    [InlineData("localhost:5000/x:1", TagSourceKind.DockerImage)]
    [InlineData("localhost/x", TagSourceKind.DockerImage)]
    [InlineData("citas", TagSourceKind.DockerImage)]
    [InlineData("quay.io/x@" + GoldenShapes.V2, TagSourceKind.DockerImage)]
    public void ClassifiesLikeOcWithoutAHint(string text, string kind) =>
        Assert.Equal(kind, TagSource.Classify(text, null, "NS").Kind);

    [Theory]
    [InlineData("docker", TagSourceKind.DockerImage)]
    [InlineData("DockerImage", TagSourceKind.DockerImage)]
    [InlineData("istag", TagSourceKind.ImageStreamTag)]
    [InlineData("ImageStreamTag", TagSourceKind.ImageStreamTag)]
    public void AnExplicitTypeWins(string sourceType, string kind) =>
        Assert.Equal(kind, TagSource.Classify("openshift/origin-control-plane:latest", sourceType, "NS").Kind);

    [Fact]
    public void ExplicitImageStreamSourceTurnsLibraryIntoTheCurrentNamespace()
    {
        // "citas:v1" has no namespace; "library/citas:v1" is what Docker's defaults would add
        var source = TagSource.Classify("library/citas:v1", "istag", "myproject");
        Assert.Equal("myproject", source.Reference.Namespace);
    }

    [Theory]
    [InlineData("quay.io/x:1", "istag", "server in SOURCE is only allowed when providing a container image")]
    [InlineData("citas", "istag", "--source=ImageStreamTag requires a valid <name>:<tag> in SOURCE")]
    [InlineData("citas:v1", "isimage", "--source=ImageStreamImage requires a valid <name>@<id> in SOURCE")]
    [InlineData("Citas:v1", null, "invalid SOURCE: repository name must be lowercase")]
    [InlineData("citas:", null, "invalid SOURCE: invalid reference format")]
    [InlineData("citas:v1", "git", "invalid source \"git\"; valid values are docker, dockerimage, imagestreamimage, imagestreamtag, isimage, istag")]
    public void RefusesWithOcsMessage(string text, string? sourceType, string message)
    {
        var error = Assert.Throws<ImageTagException>(() => TagSource.Classify(text, sourceType, "NS"));
        Assert.Equal(message, error.Message);
        Assert.Equal(ImageTagError.InvalidSource, error.Error);
    }

    [Fact]
    public void ATagResolvesToItsCurrentImageById()
    {
        var source = TagSource.Classify("citas:v2", null, "NS");
        Assert.True(source.NeedsResolution(alias: false));
        Assert.False(source.NeedsResolution(alias: true));
        var resolved = source.ResolveCurrentImage(Tutorial);
        Assert.Equal(TagSourceKind.ImageStreamImage, resolved.Kind);
        Assert.Equal("citas@" + GoldenShapes.V2, resolved.Exact);
    }

    [Fact]
    public void ATagWithoutHistoryCannotBeASource()
    {
        var error = Assert.Throws<ImageTagException>(() => TagSource.Classify("citas:v9", null, "NS").ResolveCurrentImage(Tutorial));
        Assert.Equal("\"citas:v9\" is not currently pointing to an image, cannot use it as the source of a tag", error.Message);
        Assert.Equal(ImageTagError.SourceHasNoImage, error.Error);
    }

    [Fact]
    public void AReferenceTagWithoutImageIdResolvesToItsPullSpec()
    {
        var stream = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-origin5391-installable.yaml"));
        var resolved = TagSource.Classify("installable:installable", null, "default").ResolveCurrentImage(stream);
        Assert.Equal(TagSourceKind.DockerImage, resolved.Kind);
        Assert.Equal("openshift/origin:v1.0.6", resolved.Exact);
    }

    [Fact]
    public void OtherSourcesAreNotResolved()
    {
        var source = TagSource.Classify("docker.io/josedom24/citas-backend:v1", null, "NS");
        Assert.Same(source, source.ResolveCurrentImage(Tutorial));
    }
}
