using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary><c>oc rollout history deployment/NAME</c>: kubectl <c>DeploymentHistoryViewer.ViewHistory</c>.</summary>
public class RolloutHistoryTests
{
    private const string V1 = "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "docker.io/josedom24/citas-backend@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";

    private static V1Deployment Deployment(int revision, string image) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "app-citas", NamespaceProperty = "NS", Uid = "u-deploy",
            Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = revision.ToString() },
        },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = image }] } },
        },
        Status = new V1DeploymentStatus(),
    };

    private static V1ReplicaSet ReplicaSet(string name, string? revision, int replicas, string image, Dictionary<string, string>? more = null)
    {
        var annotations = new Dictionary<string, string>(more ?? []);
        if (revision is not null) annotations["deployment.kubernetes.io/revision"] = revision;
        return new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, Uid = "u-" + name, Annotations = annotations,
                OwnerReferences = [new V1OwnerReference { Kind = "Deployment", Name = "app-citas", Uid = "u-deploy", Controller = true, ApiVersion = "apps/v1" }],
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas, Selector = new V1LabelSelector(),
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = image }] } },
            },
            Status = new V1ReplicaSetStatus { Replicas = replicas, ReadyReplicas = replicas },
        };
    }

    [Fact]
    public void RevisionsAreListedOldestFirstWithTheirChangeCause_ViewHistory()
    {
        var rollout = DeploymentRollout.Read(Deployment(2, V2),
            [ReplicaSet("app-citas-b", "2", 1, V2), ReplicaSet("app-citas-a", "1", 0, V1, new() { ["kubernetes.io/change-cause"] = "oc tag citas:v1 citas:prod" })],
            [], []);

        var history = RolloutHistory.Of(rollout);

        Assert.Equal([1L, 2L], history.Select(r => r.Revision));
        Assert.Equal(["oc tag citas:v1 citas:prod", null], history.Select(r => r.ChangeCause));
        Assert.Equal(["app-citas-a", "app-citas-b"], history.Select(r => r.ReplicaSet));
        Assert.Equal([V1, V2], history.Select(r => r.Image));
        Assert.Equal([false, true], history.Select(r => r.IsCurrent));
        Assert.Equal("sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85", history[0].Digest);
    }

    [Fact]
    public void AReplicaSetWithoutARevisionIsLeftOut()
    {
        var rollout = DeploymentRollout.Read(Deployment(1, V1), [ReplicaSet("app-citas-a", "1", 1, V1), ReplicaSet("app-citas-x", null, 0, V2)], [], []);

        Assert.Equal(["app-citas-a"], RolloutHistory.Of(rollout).Select(r => r.ReplicaSet));
    }

    [Fact]
    public void ARollbackKeepsTheTemplateUnderItsNewRevisionAndTheOldOnesAsEarlier()
    {
        // v1 (1) -> v2 (2) -> v1 again: the controller reuses v1's ReplicaSet as revision 3, noting 1 in revision-history.
        var rollout = DeploymentRollout.Read(Deployment(3, V1),
            [ReplicaSet("app-citas-a", "3", 1, V1, new() { ["deployment.kubernetes.io/revision-history"] = "1" }), ReplicaSet("app-citas-b", "2", 0, V2)],
            [], []);

        var history = RolloutHistory.Of(rollout);

        Assert.Equal([2L, 3L], history.Select(r => r.Revision));
        Assert.Equal([1L], history[1].EarlierRevisions);
        Assert.True(history[1].IsCurrent);
    }

    [Fact]
    public void ADeploymentWithoutReplicaSetsHasNoHistory() =>
        Assert.Empty(RolloutHistory.Of(DeploymentRollout.Read(Deployment(0, V1), [], [], [])));
}
