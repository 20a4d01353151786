using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class DeploymentRolloutTests
{
    private const string V1 = "docker.io/josedom24/citas-backend@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "docker.io/josedom24/citas-backend@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";
    private static readonly RolloutTrigger Prod = new("NS", "citas:prod", "citas", false);

    private static V1Deployment Deployment() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "app-citas", NamespaceProperty = "NS", Uid = "u-deploy", Generation = 2,
            Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = "2" },
        },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = V2 }] } },
        },
        Status = new V1DeploymentStatus { ObservedGeneration = 2, Replicas = 1, UpdatedReplicas = 1, ReadyReplicas = 1, AvailableReplicas = 1 },
    };

    private static V1ReplicaSet ReplicaSet(string name, string uid, int revision, int replicas, string image, string ownerUid = "u-deploy") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, Uid = uid,
            Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = revision.ToString() },
            OwnerReferences = [new V1OwnerReference { Kind = "Deployment", Name = "app-citas", Uid = ownerUid, Controller = true, ApiVersion = "apps/v1" }],
        },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector(),
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = image }] } },
        },
        Status = new V1ReplicaSetStatus { Replicas = replicas, ReadyReplicas = replicas, AvailableReplicas = replicas },
    };

    private static V1Pod Pod(string name, string ownerName, string ownerUid) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { Kind = "ReplicaSet", Name = ownerName, Uid = ownerUid, Controller = true, ApiVersion = "apps/v1" }],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = V2 }] },
        Status = new V1PodStatus { Phase = "Running" },
    };

    [Fact]
    public void OnlyReplicaSetsAndPodsTheDeploymentControlsAreRead()
    {
        var replicaSets = new[]
        {
            ReplicaSet("app-citas-5f56fcf9cf", "u-rs1", 1, 0, V1),
            ReplicaSet("app-citas-757777cfd8", "u-rs2", 2, 1, V2),
            ReplicaSet("other-6c9c5d5f9", "u-rs3", 1, 1, V1, ownerUid: "u-other"),
        };
        var pods = new[] { Pod("app-citas-757777cfd8-7mklv", "app-citas-757777cfd8", "u-rs2"), Pod("other-6c9c5d5f9-abcde", "other-6c9c5d5f9", "u-rs3") };

        var rollout = DeploymentRollout.Read(Deployment(), replicaSets, pods, [Prod]);

        Assert.Equal(["app-citas-757777cfd8", "app-citas-5f56fcf9cf"], rollout.ReplicaSets.Select(rs => rs.Name));
        Assert.Equal([2L, 1L], rollout.ReplicaSets.Select(rs => rs.Revision));
        Assert.Equal([1, 0], rollout.ReplicaSets.Select(rs => rs.Desired));
        Assert.Equal([V2, V1], rollout.ReplicaSets.Select(rs => rs.Image));
        Assert.Equal("app-citas-757777cfd8", Assert.Single(rollout.Pods).ReplicaSet);
    }

    [Fact]
    public void TheRolloutCarriesRevisionImageDigestTriggersAndStatus()
    {
        var rollout = DeploymentRollout.Read(Deployment(), [], [], [Prod]);

        Assert.Equal(("Deployment", "app-citas", "NS", 2L), (rollout.Kind, rollout.Name, rollout.Namespace, rollout.Revision));
        Assert.Equal(V2, rollout.Image);
        Assert.Equal("sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d", rollout.Digest);
        Assert.Equal(Prod, Assert.Single(rollout.Triggers));
        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
        Assert.Equal((1, 1, 1, 1), (rollout.Replicas, rollout.ReadyReplicas, rollout.UpdatedReplicas, rollout.AvailableReplicas));
    }

    [Fact]
    public void TheImageIsTheTriggeredContainersWhenThereAreSeveral()
    {
        var deployment = Deployment();
        deployment.Spec.Template.Spec.Containers.Insert(0, new V1Container { Name = "sidecar", Image = "quay.io/proxy:1" });

        Assert.Equal(V2, DeploymentRollout.Read(deployment, [], [], [Prod]).Image);
        Assert.Equal("quay.io/proxy:1", DeploymentRollout.Read(deployment, [], [], []).Image);
    }

    [Fact]
    public void ATagReferenceHasNoDigest() => Assert.Null(ImageDigest.Of("docker.io/josedom24/citas-backend:v1"));

    [Fact]
    public void TriggersAreReadFromTheAnnotationIncludingIndexSelectorsAndTheObjectsNamespace()
    {
        var deployment = Deployment();
        deployment.Metadata.Annotations["image.openshift.io/triggers"] =
            """[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[0].image"}]""";

        Assert.Equal(new RolloutTrigger("NS", "citas:prod", "citas", false), Assert.Single(RolloutTriggers.Of(deployment)));
    }

    [Fact]
    public void AnAnnotationOpenShiftWouldIgnoreGivesNoTriggers()
    {
        var deployment = Deployment();
        deployment.Metadata.Annotations["image.openshift.io/triggers"] =
            """[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image","paused":"false"}]""";

        Assert.Empty(RolloutTriggers.Of(deployment));
    }
}
