using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

/// <summary>
/// Undo-ImageTag: which history item a tag goes back to, and the <c>oc tag</c> source and options that
/// point it there (openshift/oc <c>pkg/cli/tag</c>: an ImageStreamImage source <c>stream@id</c>).
/// </summary>
public class TagRollbackTests
{
    private const string V1 = "sha256:24ffc068a860386e6c34b9a604900b0aabb740ae59e3237545c699237b3515d7";
    private const string V2 = "sha256:6778a833c997cc8429e3d41c74f503bf55e0c04f5a486aea51a5c8b6c139affc";
    private const string Hub = "docker.io/josedom24/citas-backend";

    // prod: v1, then v2 (now), newest first.
    private static ImageTagView Prod(Action<TagReference>? edit = null) => new ImageStreamView(new StreamBuilder("citas", "myproject")
            .Spec("prod", TagSourceKind.ImageStreamImage, "citas@" + V2, 2, edit)
            .Item("prod", Hub + "@" + V2, V2, TimeSpan.FromMinutes(1), 2)
            .Item("prod", Hub + "@" + V1, V1, TimeSpan.FromMinutes(5), 1)
            .Build()).FindTag("prod")!;

    [Fact]
    public void WithoutToItGoesBackToTheImageBeforeTheCurrentOne()
    {
        var (index, item) = TagRollback.Target(Prod(), null);

        Assert.Equal((1, V1), (index, item.Image));
    }

    [Theory]
    [InlineData("1")]
    [InlineData(V1)]
    [InlineData("24ffc068a860")]
    [InlineData("citas@sha256:24ffc068a860")]
    public void ToNamesAnIndexOrAnImageOfTheHistory(string to) =>
        Assert.Equal(V1, TagRollback.Target(Prod(), to).Item.Image);

    [Theory]
    [InlineData("0", TagRollbackError.AlreadyThere)]
    [InlineData("6778a833", TagRollbackError.AlreadyThere)]
    [InlineData("2", TagRollbackError.NotInHistory)]
    [InlineData("abcdef", TagRollbackError.NotInHistory)]
    [InlineData("v1", TagRollbackError.InvalidTarget)]
    public void ATargetOutsideTheHistoryOrTheCurrentImageIsRefused(string to, TagRollbackError error) =>
        Assert.Equal(error, Assert.Throws<TagRollbackException>(() => TagRollback.Target(Prod(), to)).Error);

    [Theory]
    [InlineData("v1")]
    [InlineData("-1")]
    [InlineData("sha256:")]
    [InlineData("citas:prod")]
    public void AToOfAnotherFormIsRefusedBeforeAnythingIsRead(string to) =>
        Assert.Equal(TagRollbackError.InvalidTarget, Assert.Throws<TagRollbackException>(() => TagRollback.CheckTarget(to)).Error);

    [Theory]
    [InlineData(null)]
    [InlineData("2")]
    [InlineData("24ffc068")]
    [InlineData("citas@sha256:24ffc068")]
    public void AnIndexOrAnImageIdHasTheFormToGoBackTo(string? to) => TagRollback.CheckTarget(to);

    [Fact]
    public void ATagThatPointedAtOneImageOnlyHasNothingToGoBackTo()
    {
        var tag = new ImageStreamView(new StreamBuilder("citas", "myproject")
            .Spec("v1", TagSourceKind.DockerImage, Hub + ":v1", 1)
            .Item("v1", Hub + "@" + V1, V1, TimeSpan.FromMinutes(1))
            .Build()).FindTag("v1")!;

        var refused = Assert.Throws<TagRollbackException>(() => TagRollback.Target(tag, null));

        Assert.Equal(TagRollbackError.NoEarlierImage, refused.Error);
        Assert.Contains("no earlier image", refused.Message);
    }

    // The tutorial: prod deleted (oc tag -d drops its history), then set to v2; app-citas ran v1 in revision 1.
    private static ImageTagView ProdSetAgain() => new ImageStreamView(new StreamBuilder("citas", "myproject")
            .Spec("v1", TagSourceKind.DockerImage, Hub + ":v1", 1)
            .Item("v1", Hub + "@" + V1, V1, TimeSpan.FromMinutes(9))
            .Spec("prod", TagSourceKind.ImageStreamImage, "citas@" + V2, 3)
            .Item("prod", Hub + "@" + V2, V2, TimeSpan.FromMinutes(1), 3)
            .Build()).FindTag("prod")!;

    private static RolloutRevision Revision(string rollout, long revision, string image, bool current = false) =>
        new(rollout, revision, $"{rollout}-{revision}", null, image, null, current ? 1 : 0, current ? 1 : 0, current, []);

    [Fact]
    public void ATagSetAgainGoesBackToTheImageItsFollowersRanBefore()
    {
        var app = new[] { Revision("app-citas", 1, Hub + "@" + V1), Revision("app-citas", 2, Hub + "@" + V2, current: true) };

        var earlier = TagRollback.FromFollowers(ProdSetAgain(), [app]);

        Assert.NotNull(earlier);
        Assert.Equal((V1, "app-citas", 1L), (earlier.Value.Item.Image, earlier.Value.RanIt.Rollout, earlier.Value.RanIt.Revision));
        Assert.Equal("citas@" + V1, TagRollback.SourceFor(ProdSetAgain(), earlier.Value.Item).Exact);
    }

    [Fact]
    public void FollowersThatDisagreeOrRanAnImageOutsideTheStreamGiveNothingToGoBackTo()
    {
        const string Other = "sha256:0000000000000000000000000000000000000000000000000000000000000001";
        var app = new[] { Revision("app-citas", 1, Hub + "@" + V1), Revision("app-citas", 2, Hub + "@" + V2, current: true) };
        var elsewhere = new[] { Revision("app-two", 1, Hub + "@" + Other), Revision("app-two", 2, Hub + "@" + V2, current: true) };

        Assert.Null(TagRollback.FromFollowers(ProdSetAgain(), [app, elsewhere]));
        Assert.Null(TagRollback.FromFollowers(ProdSetAgain(), [elsewhere]));
        Assert.Null(TagRollback.FromFollowers(ProdSetAgain(), []));
        Assert.Null(TagRollback.FromFollowers(ProdSetAgain(), [[Revision("app-citas", 1, Hub + "@" + V2, current: true)]]));
    }

    [Fact]
    public void AnEarlierImageThatIsAlsoTheCurrentOneIsRefused()
    {
        // v1, v2, v1 again: item 2 is v1, which prod points at already.
        var tag = new ImageStreamView(new StreamBuilder("citas", "myproject")
            .Spec("prod", TagSourceKind.ImageStreamImage, "citas@" + V1, 3)
            .Item("prod", Hub + "@" + V1, V1, TimeSpan.FromMinutes(1), 3)
            .Item("prod", Hub + "@" + V2, V2, TimeSpan.FromMinutes(3), 2)
            .Item("prod", Hub + "@" + V1, V1, TimeSpan.FromMinutes(5), 1)
            .Build()).FindTag("prod")!;

        Assert.Equal(TagRollbackError.AlreadyThere, Assert.Throws<TagRollbackException>(() => TagRollback.Target(tag, "2")).Error);
        Assert.Equal(V2, TagRollback.Target(tag, null).Item.Image);
    }

    [Fact]
    public void TheSourceIsTheImageOfTheTagsOwnStream()
    {
        var tag = Prod();
        var source = TagRollback.SourceFor(tag, TagRollback.Target(tag, null).Item);

        Assert.Equal(TagSourceKind.ImageStreamImage, source.Kind);
        Assert.Equal("citas@" + V1, source.Exact);
        Assert.Equal("myproject", source.StreamNamespace("myproject"));
    }

    [Fact]
    public void TheMoveKeepsTheTagsReferencePolicy()
    {
        var tag = Prod(spec => spec.ReferencePolicy.Type = TagReferencePolicyType.Local);
        var options = TagRollback.OptionsFor(tag, TagRollback.Target(tag, null).Item);

        Assert.Equal((TagReferencePolicyType.Local, false, false, false), (options.ReferencePolicy, options.Alias, options.Scheduled, options.Reference));
    }

    [Fact]
    public void AScheduledTagStopsFollowingItsRegistry()
    {
        var tag = new ImageStreamView(new StreamBuilder("citas", "myproject")
            .Spec("latest", TagSourceKind.DockerImage, Hub + ":latest", 2, spec => spec.ImportPolicy.Scheduled = true)
            .Item("latest", Hub + "@" + V2, V2, TimeSpan.FromMinutes(1), 2)
            .Item("latest", Hub + "@" + V1, V1, TimeSpan.FromMinutes(5), 1)
            .Build()).FindTag("latest")!;

        Assert.Equal($"scheduled imports of {Hub}:latest", TagRollback.StopsFollowing(tag));
        Assert.Null(TagRollback.StopsFollowing(Prod()));
    }
}
