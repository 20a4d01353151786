using ImageStreamPS.OpenShift.Apps;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class DeploymentConfigStatusViewerTests
{
    // A DeploymentConfig as `oc new-app --as-deployment-config` leaves it once rolled out.
    private const string RolledOut = """
        {"apiVersion":"apps.openshift.io/v1","kind":"DeploymentConfig",
         "metadata":{"name":"app-citas","namespace":"myproject","generation":3,"uid":"u-dc"},
         "spec":{"replicas":1,"selector":{"deploymentconfig":"app-citas"},
           "triggers":[{"type":"ConfigChange"},{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["citas"],
             "from":{"kind":"ImageStreamTag","name":"citas:prod","namespace":"myproject"},"lastTriggeredImage":"docker.io/josedom24/citas-backend@sha256:42b6"}}],
           "template":{"metadata":{"labels":{"deploymentconfig":"app-citas"}},"spec":{"containers":[{"name":"citas","image":"docker.io/josedom24/citas-backend@sha256:42b6"}]}}},
         "status":{"latestVersion":1,"observedGeneration":3,"replicas":1,"updatedReplicas":1,"availableReplicas":1,"readyReplicas":1,
           "conditions":[{"type":"Available","status":"True"},
             {"type":"Progressing","status":"True","reason":"NewReplicationControllerAvailable","message":"replication controller \"app-citas-1\" successfully rolled out"}]}}
        """;

    private static DeploymentConfig Config() => KubernetesJson.Deserialize<DeploymentConfig>(RolledOut);

    [Fact]
    public void NewReplicationControllerAvailableIsCompleteWithTheControllersMessage()
    {
        var state = DeploymentConfigStatusViewer.Evaluate(Config());

        Assert.Equal(RolloutStatus.Complete, state.Status);
        Assert.Equal("replication controller \"app-citas-1\" successfully rolled out", state.Message);
    }

    [Fact]
    public void NoDeploymentYetWithAnImageTriggerWaitsOnTheImage()
    {
        var config = Config();
        config.Status.LatestVersion = 0;

        var state = DeploymentConfigStatusViewer.Evaluate(config);

        Assert.Equal(RolloutStatus.Progressing, state.Status);
        Assert.Equal("Deployment config \"app-citas\" waiting on image update", state.Message);
    }

    [Fact]
    public void ProgressDeadlineExceededIsFailedWithTheControllersMessage()
    {
        var config = Config();
        var progressing = config.Status.Conditions!.Single(c => c.Type == "Progressing");
        progressing.Reason = "ProgressDeadlineExceeded";
        progressing.Message = "replication controller \"app-citas-2\" has failed progressing";

        var state = DeploymentConfigStatusViewer.Evaluate(config);

        Assert.Equal(RolloutStatus.Failed, state.Status);
        Assert.Equal("replication controller \"app-citas-2\" has failed progressing", state.Message);
    }

    [Fact]
    public void APausedConfigIsPaused()
    {
        var config = Config();
        config.Status.Conditions!.Single(c => c.Type == "Progressing").Reason = "DeploymentConfigPaused";

        Assert.Equal(RolloutStatus.Paused, DeploymentConfigStatusViewer.Evaluate(config).Status);
    }

    [Fact]
    public void ImageChangeTriggersBecomeRolloutTriggers()
    {
        var trigger = Assert.Single(DeploymentConfigRollout.TriggersOf(Config()));

        Assert.Equal(new RolloutTrigger("myproject", "citas:prod", "citas", Paused: false), trigger);
        Assert.Equal("citas:prod", trigger.DisplayName("myproject"));
        Assert.Equal("myproject/citas:prod", trigger.DisplayName("other"));
    }

    [Fact]
    public void AReplicationControllerOfTheConfigBecomesAReplicaSetRowAndItsPodsFollow()
    {
        var rc = new V1ReplicationController
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas-1", Uid = "u-rc1",
                Annotations = new Dictionary<string, string> { ["openshift.io/deployment-config.latest-version"] = "1" },
                OwnerReferences = [new V1OwnerReference { Kind = "DeploymentConfig", Name = "app-citas", Uid = "u-dc", Controller = true, ApiVersion = "apps.openshift.io/v1" }],
            },
            Spec = new V1ReplicationControllerSpec
            {
                Replicas = 1,
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = "docker.io/josedom24/citas-backend@sha256:42b6" }] } },
            },
            Status = new V1ReplicationControllerStatus { Replicas = 1, ReadyReplicas = 1, AvailableReplicas = 1 },
        };
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas-1-x7k2p",
                OwnerReferences = [new V1OwnerReference { Kind = "ReplicationController", Name = "app-citas-1", Uid = "u-rc1", Controller = true, ApiVersion = "v1" }],
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = "docker.io/josedom24/citas-backend@sha256:42b6" }] },
            Status = new V1PodStatus { Phase = "Running" },
        };

        var rollout = DeploymentConfigRollout.Read(Config(), [rc], [pod]);

        Assert.Equal("DeploymentConfig", rollout.Kind);
        Assert.Equal(1, rollout.Revision);
        var row = Assert.Single(rollout.ReplicaSets);
        Assert.Equal(("app-citas-1", 1L, 1, 1), (row.Name, row.Revision, row.Desired, row.Ready));
        Assert.Equal("app-citas-1", Assert.Single(rollout.Pods).ReplicaSet);
        Assert.Equal(RolloutStatus.Complete, rollout.State.Status);
    }
}
