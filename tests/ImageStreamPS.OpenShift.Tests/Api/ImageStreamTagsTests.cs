using ImageStreamPS.OpenShift.Api;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>Tag semantics read from a stream's spec and status (openshift-image-api.md §2.3, §2.6, §2.8, §5).</summary>
public class ImageStreamTagsTests
{
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";
    private static ImageStream Tutorial => KubernetesJson.Deserialize<ImageStream>(GoldenShapes.TutorialImageStream);

    [Fact]
    public void CurrentImageIsTheFirstHistoryItem()
    {
        var stream = new StreamBuilder("citas")
            .Item("prod", "docker.io/josedom24/citas-backend@" + V2, V2, TimeSpan.FromMinutes(1), 8)
            .Item("prod", "docker.io/josedom24/citas-backend@" + V1, V1, TimeSpan.FromMinutes(9), 5)
            .Build();
        Assert.Equal(V2, stream.LatestTaggedImage("prod")!.Image);
        Assert.Null(stream.LatestTaggedImage("v9"));
    }

    [Fact]
    public void EmptyTagMeansLatest() =>
        Assert.Equal(V2, Tutorial.LatestTaggedImage("")!.Image);

    [Fact]
    public void SourcePolicyResolvesToTheImportedPullSpec() =>
        Assert.Equal("docker.io/josedom24/citas-backend@" + V1, Tutorial.ResolvePullSpec("prod"));

    [Fact]
    public void LocalPolicyResolvesThroughTheIntegratedRegistry()
    {
        var stream = Tutorial;
        stream.FindSpecTag("prod")!.ReferencePolicy.Type = TagReferencePolicyType.Local;
        stream.Status.DockerImageRepository = "image-registry.openshift-image-registry.svc:5000/myproject/citas";
        Assert.Equal("image-registry.openshift-image-registry.svc:5000/myproject/citas@" + V1, stream.ResolvePullSpec("prod"));
        // an unparsable repository (uppercase namespace) falls back to the source, as library-go does
        stream.Status.DockerImageRepository = "image-registry.openshift-image-registry.svc:5000/NS/citas";
        Assert.Equal("docker.io/josedom24/citas-backend@" + V1, stream.ResolvePullSpec("prod"));
    }

    [Fact]
    public void LocalPolicyFallsBackToSourceWithoutARepository()
    {
        var stream = Tutorial;
        stream.FindSpecTag("prod")!.ReferencePolicy.Type = TagReferencePolicyType.Local;
        stream.Status.DockerImageRepository = "";
        Assert.Equal("docker.io/josedom24/citas-backend@" + V1, stream.ResolvePullSpec("prod"));
    }

    [Fact]
    public void TagWithoutHistoryResolvesToNothing() => Assert.Null(Tutorial.ResolvePullSpec("v9"));

    [Fact]
    public void ImportIsPendingWhileTheSpecGenerationIsAhead()
    {
        var stream = new StreamBuilder("citas")
            .Spec("v1", TagSourceKind.DockerImage, "docker.io/josedom24/citas-backend:v1", 2)
            .Spec("v2", TagSourceKind.DockerImage, "docker.io/josedom24/citas-backend:v2", 3)
            .Spec("ref", TagSourceKind.DockerImage, "quay.io/x:1", 4, t => t.Reference = true)
            .Item("v1", "docker.io/josedom24/citas-backend@" + V1, V1, TimeSpan.FromMinutes(1), 2)
            .Build();
        Assert.False(stream.IsImportPending("v1"));
        Assert.True(stream.IsImportPending("v2"));
        Assert.False(stream.IsImportPending("ref"));
        Assert.Equal(["ref", "v2"], stream.SpecOnlyTags().Order());
    }

    [Fact]
    public void AFailedImportConditionCountsAsObserved()
    {
        var stream = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-ci-ansible-runner.yaml"));
        Assert.Equal(3365, stream.LatestObservedTagGeneration("latest"));
        Assert.False(stream.IsImportPending("latest"));
        Assert.Equal("InternalError", stream.FindImportFailure("latest")!.Reason);
        Assert.Equal("image-registry.openshift-image-registry.svc:5000/openshift/ansible-runner@sha256:bd09ef403f2f90f2c6bd133d7533e939058903f69223c5f12557a49e3aed14bb",
            stream.ResolvePullSpec("latest"));
    }

    [Fact]
    public void UniqueImagesCountDistinctIdsAcrossAllHistory()
    {
        Assert.Equal(2, Tutorial.UniqueImageCount());
        Assert.Equal(4, Tutorial.TagNames().Count);
        var java = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-status-only-ksrkw-java.yaml"));
        Assert.Equal(8, java.TagNames().Count);
        Assert.Equal(5, java.UniqueImageCount());
    }

    [Fact]
    public void ReferenceItemsWithoutIdsAddOneEmptyEntryAsOcDoes()
    {
        var installable = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-origin5391-installable.yaml"));
        Assert.Equal(1, installable.UniqueImageCount());
    }

    [Fact]
    public void PushedStreamListsTagsInOpenShiftOrder()
    {
        // text-rdo-oc-get-describe.txt shows these four tags in this order, "Unique Images: 4".
        var stream = KubernetesJson.Deserialize<ImageStream>(Fixture.Read("imagestream-rdo-aodh-api.json"));
        Assert.Equal(["latest", "38471d4ccf3914805fafaa56b21db2cc83755e95_5d6d179f", "87a9e523723c0707a56341e9a7f7542bb4ec9567_c928cd3f", "latest-passed-ci"], stream.TagNames());
        Assert.Equal(4, stream.UniqueImageCount());
    }

    [Fact]
    public void AliasChainsAreFollowedInsideTheStream()
    {
        var stream = new StreamBuilder("citas")
            .Spec("v2", TagSourceKind.DockerImage, "docker.io/josedom24/citas-backend:v2", 3)
            .Spec("latest", TagSourceKind.ImageStreamTag, "citas:v2", 4)
            .Spec("stable", TagSourceKind.ImageStreamTag, "latest", 5)
            .Spec("loop1", TagSourceKind.ImageStreamTag, "loop2", 6)
            .Spec("loop2", TagSourceKind.ImageStreamTag, "loop1", 6)
            .Spec("other", TagSourceKind.ImageStreamTag, "elsewhere:v1", 7)
            .Build();
        Assert.Equal(("v2", true), (stream.FollowTagReference("stable")!.Value.Tag, stream.FollowTagReference("stable")!.Value.Followed));
        Assert.Equal(("v2", false), (stream.FollowTagReference("v2")!.Value.Tag, stream.FollowTagReference("v2")!.Value.Followed));
        Assert.Null(stream.FollowTagReference("loop1"));
        Assert.Null(stream.FollowTagReference("other"));
        Assert.Null(stream.FollowTagReference("missing"));
    }
}
