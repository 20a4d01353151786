using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>Images named by the tags that point at them, and the apps a tag removal reaches.</summary>
public class ImageNamesTests
{
    private const string V1 = "sha256:24ffc068a860386e6c34b9a604900b0aabb740ae59e3237545c699237b3515d7";
    private const string V2 = "sha256:6778a833c997cc8429e3d41c74f503bf55e0c04f5a486aea51a5c8b6c139affc";
    private const string Hub = "docker.io/josedom24/citas-backend@";

    private static ImageStream Stream(string ns, string name, params (string Tag, string Image)[] tags) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Status = new ImageStreamStatus
        {
            Tags = tags.Select(t => new NamedTagEventList { Tag = t.Tag, Items = [new TagEvent { Image = t.Image, DockerImageReference = Hub + t.Image }] }).ToList(),
        },
    };

    private static V1Deployment Deployment(string name, string image, string trigger, bool paused = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "myproject",
            Annotations = new Dictionary<string, string>
            {
                ["image.openshift.io/triggers"] =
                    $"[{{\"from\":{{\"kind\":\"ImageStreamTag\",\"name\":\"{trigger}\"}},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"citas\\\")].image\",\"paused\":{(paused ? "true" : "false")}}}]",
            },
        },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector(),
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = image }] } },
        },
    };

    [Fact]
    public void TagsByDigestNamesStreamsOfTheNamespaceShortAndOthersWithTheirNamespace()
    {
        var byDigest = ImageNames.TagsByDigest([Stream("myproject", "citas", ("v1", V1), ("prod", V1)), Stream("shared", "base", ("v1", V1))], "myproject");

        Assert.Equal(["citas:prod", "citas:v1", "shared/base:v1"], byDigest[V1]);
    }

    [Fact]
    public void AnImageIsNamedByItsVersionTagsBeforeTheFollowedOne()
    {
        var names = new ImageNames(ImageNames.TagsByDigest([Stream("myproject", "citas", ("v1", V1), ("prod", V1))], "myproject"), ["citas:prod"]);

        Assert.Equal("citas:v1", names.NameOf(Hub + V1));
        Assert.Equal(["citas:v1", "citas:prod"], names.TagsOf(V1));
        Assert.Equal("citas:v1 (sha256:24ffc068a860)", names.Describe(Hub + V1));
    }

    [Fact]
    public void AnImageNoTagPointsAtIsShortInAColumnAndWholeInAText()
    {
        var names = new ImageNames(new Dictionary<string, IReadOnlyList<string>>());

        Assert.Equal("sha256:6778a833c997", names.NameOf(Hub + V2));
        Assert.Equal(Hub + V2, names.Describe(Hub + V2));
    }

    [Fact]
    public void FollowersAreTheUnpausedTriggersOnTheTagWithTheImageTheContainerRuns()
    {
        var followers = TagFollowers.Of(Deployment("app-citas", Hub + V1, "citas:prod"), "myproject", "citas", "prod").ToList();

        var follower = Assert.Single(followers);
        Assert.Equal(new TagFollower("myproject", "app-citas", "citas", "citas:prod", Hub + V1), follower);
        Assert.Empty(TagFollowers.Of(Deployment("app-citas", Hub + V1, "citas:prod", paused: true), "myproject", "citas", "prod"));
        Assert.Empty(TagFollowers.Of(Deployment("app-citas", Hub + V1, "citas:prod"), "myproject", "citas", "v2"));
        Assert.Single(TagFollowers.Of(Deployment("app-citas", Hub + V1, "citas:prod"), "myproject", "citas", tag: null));
    }

    [Fact]
    public void ARemovalPreviewSaysTheFollowerKeepsItsImageByTag()
    {
        var names = new ImageNames(ImageNames.TagsByDigest([Stream("myproject", "citas", ("v1", V1), ("prod", V1))], "myproject"), ["citas:prod"]);
        var follower = new TagFollower("myproject", "app-citas", "citas", "citas:prod", Hub + V1);

        Assert.Equal(
            ["  deployment/app-citas (container citas) follows citas:prod and runs citas:v1 (sha256:24ffc068a860): it keeps running that image; setting citas:prod again rolls it out"],
            new TagRemovalPreview("myproject", "citas", "prod", [follower], names).Lines());
        Assert.Equal(["  no Deployment in myproject follows a tag of citas"], new TagRemovalPreview("myproject", "citas", null, [], names).Lines());
    }

    [Theory]
    [InlineData(Hub + V1, Hub + "sha256:24ffc068a860")]
    [InlineData("citas@" + V2, "citas@sha256:6778a833c997")]
    [InlineData(V1, "sha256:24ffc068a860")]
    [InlineData("127.0.0.1:5000/myproject/citas:v1", "127.0.0.1:5000/myproject/citas:v1")]
    [InlineData("docker.io/josedom24/citas-backend:v1", "docker.io/josedom24/citas-backend:v1")]
    [InlineData("citas@sha256:not-a-digest", "citas@sha256:not-a-digest")]
    public void ShortInShortensOnlyADigest(string reference, string expected) =>
        Assert.Equal(expected, ImageDigest.ShortIn(reference));

    [Fact]
    public void APromotedImageWithoutATagOnTheDestinationIsNamedAsTheCmdletSays()
    {
        var names = new ImageNames(ImageNames.TagsByDigest([Stream("myproject", "citas", ("v1", V1), ("prod", V1))], "myproject"), ["citas:prod"]);
        var triggered = new TriggeredContainer("myproject", "app-citas", "citas", Hub + V1, Hub + V2);
        var preview = new TagMovePreview(ImageStreamReference.ParseTag("citas:prod"), Hub + V2, [triggered], names);

        Assert.Equal(["  would roll out deployment/app-citas container citas: citas:v1 (sha256:24ffc068a860) -> " + Hub + V2], preview.Lines("citas:v2"));
        Assert.Equal(
            ["  would roll out deployment/app-citas container citas: citas:v1 (sha256:24ffc068a860) -> myproject/citas:v2 on 127.0.0.1:38939 (sha256:6778a833c997)"],
            (preview with { NextImageName = "myproject/citas:v2 on 127.0.0.1:38939 (sha256:6778a833c997)" }).Lines("citas:v2"));
    }
}
