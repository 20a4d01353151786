using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Promotion;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Promotion;

/// <summary>
/// Where another cluster pulls a promoted image from, on captured streams: openshift/api
/// <c>ImageStreamStatus.PublicDockerImageRepository</c> ("the public location from where the image can be
/// pulled outside the cluster") for images in the cluster's own registry, the tag event's
/// <c>dockerImageReference</c> (library-go <c>imageutil.LatestTaggedImage</c>) for images from a registry.
/// </summary>
public class PromotionSourceTests
{
    private const string Digest = "sha256:0c9c1b3fd7e8ef8bc4b4ec3db6ba3ca4a7e2f12c8e18d8e6f2d0e9b8a7c6d5e4";

    [Fact]
    public void APushedImageIsPulledThroughTheClustersPublicRouteByDigest()
    {
        var stream = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-citools894-cli-jq.yaml"));

        var source = PromotionSource.Of(stream, "latest");

        Assert.Equal("registry.svc.ci.openshift.org/ocp/cli-jq@sha256:03e6a8145c85cb86739017a9b2c1b244e81eeddc77ffe102c21ef3982aec162f", source.ImportFrom);
        Assert.True(source.ThroughClusterRegistry);
        Assert.Equal("sha256:03e6a8145c85cb86739017a9b2c1b244e81eeddc77ffe102c21ef3982aec162f", source.Image);
        Assert.Equal("registry.svc.ci.openshift.org", source.RegistryHost);
        Assert.Equal("ocp/cli-jq:latest", source.Name);
    }

    [Fact]
    public void AnImageFromARegistryIsPulledFromThatRegistryNotTheRoute()
    {
        var stream = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-status-only-ksrkw-java.yaml"));
        stream.Metadata = new k8s.Models.V1ObjectMeta { Name = "java", NamespaceProperty = "openshift" };

        var source = PromotionSource.Of(stream, "11");

        Assert.Equal("registry.redhat.io/openjdk/openjdk-11-rhel7@sha256:a55ede0c4b60edc130e7ecc54d34b695a8807c8b23dc85a3ef100964da1f65aa", source.ImportFrom);
        Assert.False(source.ThroughClusterRegistry);
        Assert.Equal("registry.redhat.io", source.RegistryHost);
    }

    [Fact]
    public void ATagFromAnotherStreamOfTheClusterKeepsThatStreamsRepositoryOnTheRoute()
    {
        var stream = new StreamBuilder("citas", "staging")
            .Public("default-route-openshift-image-registry.apps.staging.example.com/staging/citas")
            .Item("v2", $"image-registry.openshift-image-registry.svc:5000/builds/citas-build@{Digest}", Digest, TimeSpan.FromHours(1))
            .Build();

        var source = PromotionSource.Of(stream, "v2");

        Assert.Equal($"default-route-openshift-image-registry.apps.staging.example.com/builds/citas-build@{Digest}", source.ImportFrom);
    }

    [Fact]
    public void AnImportedTagByTagNameIsPromotedByItsImageDigest()
    {
        var stream = new StreamBuilder("citas", "staging")
            .Item("v2", "quay.io/team/citas:v2", Digest, TimeSpan.FromHours(1))
            .Build();

        var source = PromotionSource.Of(stream, "v2");

        Assert.Equal($"quay.io/team/citas@{Digest}", source.ImportFrom);
        Assert.Equal("quay.io/team/citas:v2", source.PullSpec);
    }

    [Fact]
    public void AnImageInAnUnexposedRegistryCannotBePromotedAndTheErrorSaysHowToExposeIt()
    {
        var stream = new StreamBuilder("citas", "staging")
            .Item("v2", $"image-registry.openshift-image-registry.svc:5000/staging/citas@{Digest}", Digest, TimeSpan.FromHours(1))
            .Build();

        var failure = Assert.Throws<ImagePromotionException>(() => PromotionSource.Of(stream, "v2"));

        Assert.Equal(PromotionError.RegistryNotExposed, failure.Error);
        Assert.Contains("defaultRoute", failure.Message);
        Assert.Contains("-Mirror", failure.Message);
    }

    [Fact]
    public void ATagWithoutAnImageIsNotPromotedAndItsImportFailureIsSaid()
    {
        var stream = new StreamBuilder("citas", "staging")
            .Spec("v9", "DockerImage", "docker.io/josedom24/citas-backend:v9", 2)
            .Failure("v9", "NotFound", "dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found", TimeSpan.FromMinutes(1), 2)
            .Build();

        var failure = Assert.Throws<ImagePromotionException>(() => PromotionSource.Of(stream, "v9"));
        var missing = Assert.Throws<ImagePromotionException>(() => PromotionSource.Of(stream, "nosuch"));

        Assert.Equal(PromotionError.SourceHasNoImage, failure.Error);
        Assert.Equal("\"staging/citas:v9\" is not currently pointing to an image, cannot promote it (its import failed: dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found)", failure.Message);
        Assert.Equal(PromotionError.SourceHasNoImage, missing.Error);
    }

    [Fact]
    public void AReferenceTagWithoutADigestIsRefused()
    {
        var stream = new StreamBuilder("citas", "staging")
            .Item("edge", "quay.io/team/citas:edge", "", TimeSpan.FromHours(1))
            .Build();

        var failure = Assert.Throws<ImagePromotionException>(() => PromotionSource.Of(stream, "edge"));

        Assert.Equal(PromotionError.SourceHasNoDigest, failure.Error);
    }
}
