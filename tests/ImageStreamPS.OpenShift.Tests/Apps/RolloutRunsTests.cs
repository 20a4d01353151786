using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>The RUNS column: what the ready pods run, named by tags, and the target while a rollout is on its way.</summary>
public class RolloutRunsTests
{
    private const string V1 = "sha256:24ffc068a860386e6c34b9a604900b0aabb740ae59e3237545c699237b3515d7";
    private const string V2 = "sha256:6778a833c997cc8429e3d41c74f503bf55e0c04f5a486aea51a5c8b6c139affc";
    private const string Repository = "docker.io/josedom24/citas-backend@";

    private static RolloutPod Pod(string name, string digest, string ready = "1/1", string status = "Running") =>
        new(name, "rs", "Running", status, ready, 0, Repository + digest, null, null, null);

    private static Rollout Rollout(string target, int replicas, RolloutStatus status, IReadOnlyDictionary<string, IReadOnlyList<string>>? tags = null, params RolloutPod[] pods) => new()
    {
        Kind = "Deployment",
        Name = "app-citas",
        Namespace = "myproject",
        Replicas = replicas,
        Image = Repository + target,
        Triggers = [new RolloutTrigger("myproject", "citas:prod", "citas", Paused: false)],
        State = new RolloutState(status, ""),
        Pods = pods,
        TagsByDigest = tags ?? new Dictionary<string, IReadOnlyList<string>>
        {
            [V1] = ["citas:v1"],
            [V2] = ["citas:prod", "citas:v2"],
        },
    };

    [Fact]
    public void ACompleteRolloutRunsTheVersionTagOfItsImageNotTheTagItFollows() =>
        Assert.Equal("citas:v2", RolloutRuns.Column(Rollout(V2, 1, RolloutStatus.Complete, null, Pod("a", V2))));

    [Fact]
    public void WhileProgressingTheReadyPodsImageComesFirstAndTheTargetAfterAnArrow() =>
        Assert.Equal("citas:v1 -> citas:v2", RolloutRuns.Column(Rollout(V2, 1, RolloutStatus.Progressing, null, Pod("old", V1), Pod("new", V2, ready: "0/1"))));

    [Fact]
    public void WhatRunsIsWhatTheReadyPodRunsEvenWhenTheDeploymentTargetsAnotherImage() =>
        // The issue's case: rolling back to v1 while the only ready pod runs v2.
        Assert.Equal("citas:v2 -> citas:v1", RolloutRuns.Column(Rollout(V1, 1, RolloutStatus.Progressing, null, Pod("new", V2), Pod("back", V1, ready: "0/1"))));

    [Fact]
    public void ATerminatingPodNoLongerCountsAsRunning() =>
        Assert.Equal("citas:v2", RolloutRuns.Column(Rollout(V2, 1, RolloutStatus.Progressing, null, Pod("old", V1, status: "Terminating"), Pod("new", V2))));

    [Fact]
    public void NoReadyPodShowsOnlyWhereTheRolloutIsGoing() =>
        Assert.Equal("-> citas:v1", RolloutRuns.Column(Rollout(V1, 1, RolloutStatus.Progressing, null, Pod("new", V1, ready: "0/1"))));

    [Fact]
    public void AnAppScaledToZeroRunsNothing() =>
        Assert.Equal("", RolloutRuns.Column(Rollout(V1, 0, RolloutStatus.Complete)));

    [Fact]
    public void AnImageNoTagPointsAtAnyMoreIsNamedByItsShortDigest()
    {
        var tags = new Dictionary<string, IReadOnlyList<string>> { [V2] = ["citas:prod"] };

        Assert.Equal("sha256:24ffc068a860 -> citas:prod", RolloutRuns.Column(Rollout(V2, 1, RolloutStatus.Progressing, tags, Pod("old", V1))));
    }

    [Fact]
    public void WhenOnlyTheFollowedTagPointsAtTheImageThatTagNamesIt()
    {
        var tags = new Dictionary<string, IReadOnlyList<string>> { [V2] = ["citas:prod"] };

        Assert.Equal("citas:prod", RolloutRuns.NameOf(Repository + V2, Rollout(V2, 1, RolloutStatus.Complete, tags)));
    }

    [Fact]
    public void TagsOfAnImageListVersionTagsBeforeTheFollowedTag() =>
        Assert.Equal(["citas:v2", "citas:prod"], RolloutRuns.TagsOf(V2, Rollout(V2, 1, RolloutStatus.Complete)));

    [Fact]
    public void ReadyImagesAreTheDistinctDigestsOfReadyPods() =>
        Assert.Equal([V1, V2], RolloutRuns.ReadyImages(Rollout(V2, 2, RolloutStatus.Progressing, null, Pod("a", V1), Pod("b", V1), Pod("c", V2), Pod("d", V2, ready: "0/1"))));

    [Fact]
    public void AnImageByTagIsShownAsWritten() =>
        Assert.Equal("nginx:1.27", RolloutRuns.NameOf("nginx:1.27", Rollout(V1, 1, RolloutStatus.Complete)));

    [Theory]
    [InlineData(V1, "sha256:24ffc068a860")]
    [InlineData("sha256:abc", "sha256:abc")]
    [InlineData("latest", "latest")]
    public void AShortDigestKeepsTwelveHexDigitsLikeAShortImageId(string digest, string expected) =>
        Assert.Equal(expected, ImageDigest.Short(digest));
}
