using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Controllers;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

public class DeploymentSyncTests
{
    private static string Image(JsonObject obj) => (string)obj["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!;

    private static JsonObject Plain(string name = "web", int replicas = 1, string image = "quay.io/demo/web:1")
    {
        var d = NewAppDeployment();
        d.Metadata()["name"] = name;
        d.Metadata()["annotations"] = new JsonObject();
        d["spec"]!["replicas"] = replicas;
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
        return d;
    }

    [Fact]
    public void NewDeploymentGetsAReplicaSetNamedByTemplateHashWithRevisionOne()
    {
        var cluster = new WorkloadCluster();
        var d = cluster.Create("deployments", Plain());

        cluster.Apply(WireFields.DeploymentPlan(d, [], [], cluster.Now));

        var rs = Assert.Single(cluster.List("replicasets"));
        var hash = (string)rs["metadata"]!["labels"]![PodTemplateHash.Label]!;
        Assert.Equal($"web-{hash}", rs.Name());
        Assert.Matches("^[4-9bcdf]{8,10}$", hash);
        Assert.Equal(hash, (string?)rs["spec"]!["selector"]!["matchLabels"]![PodTemplateHash.Label]);
        Assert.Equal(hash, (string?)rs["spec"]!["template"]!["metadata"]!["labels"]![PodTemplateHash.Label]);
        Assert.Equal("app-citas", (string?)rs["spec"]!["selector"]!["matchLabels"]!["deployment"]);
        Assert.Equal(1, rs.SpecReplicas());
        Assert.Equal("1", rs.Annotation("deployment.kubernetes.io/revision"));
        Assert.Equal("1", rs.Annotation("deployment.kubernetes.io/desired-replicas"));
        Assert.Equal("2", rs.Annotation("deployment.kubernetes.io/max-replicas"));
        var owner = rs.ControllerRef()!;
        Assert.Equal("Deployment", (string?)owner["kind"]);
        Assert.Equal(d.Uid(), (string?)owner["uid"]);
        Assert.True(WireFields.Bool(owner["blockOwnerDeletion"]));

        var stored = cluster.Get("deployments", "web")!;
        Assert.Equal("1", stored.Annotation("deployment.kubernetes.io/revision"));
        var progressing = WireFields.Condition((JsonObject)stored["status"]!, "Progressing")!;
        Assert.Equal("NewReplicaSetCreated", (string?)progressing["reason"]);
        Assert.Equal($"Created new replica set \"{rs.Name()}\"", (string?)progressing["message"]);
        Assert.Contains(cluster.Events, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled up replica set {rs.Name()} from 0 to 1");
    }

    [Fact]
    public void TemplateHashIsStableAndChangesWithTheTemplate()
    {
        var a = Plain()["spec"]!["template"];
        var b = Plain(image: "quay.io/demo/web:2")["spec"]!["template"];
        Assert.Equal(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(a!.DeepClone(), null));
        Assert.NotEqual(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(b, null));
        Assert.NotEqual(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(a, 1));
    }

    [Fact]
    public void RolloutCompletesAndKubectlRolloutStatusSucceeds()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("deployments", Plain(replicas: 3));
        cluster.Converge();

        var d = cluster.Get("deployments", "web")!;
        Assert.Equal((("deployment \"web\" successfully rolled out"), true), WorkloadCluster.RolloutStatus(d));
        var status = (JsonObject)d["status"]!;
        Assert.Equal(3, WireFields.Long(status["replicas"]));
        Assert.Equal(3, WireFields.Long(status["updatedReplicas"]));
        Assert.Equal(3, WireFields.Long(status["readyReplicas"]));
        Assert.Equal(3, WireFields.Long(status["availableReplicas"]));
        Assert.Null(status["unavailableReplicas"]);
        Assert.Equal(1, WireFields.Long(status["observedGeneration"]));
        var available = WireFields.Condition(status, "Available")!;
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
            ((string?)available["status"], (string?)available["reason"], (string?)available["message"]));
        var rs = Assert.Single(cluster.List("replicasets"));
        var progressing = WireFields.Condition(status, "Progressing")!;
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"{rs.Name()}\" has successfully progressed."),
            ((string?)progressing["status"], (string?)progressing["reason"], (string?)progressing["message"]));
        Assert.Equal(3, cluster.List("pods").Count());
    }

    [Fact]
    public void NewTemplateRollsToASecondReplicaSetAndKeepsTheOldAtZero()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("deployments", Plain(replicas: 2));
        cluster.Converge();
        var first = Assert.Single(cluster.List("replicasets")).Name();

        var d = cluster.Get("deployments", "web")!.Copy();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/demo/web:2";
        cluster.Update("deployments", d);
        cluster.Converge();

        var sets = cluster.List("replicasets").ToList();
        Assert.Equal(2, sets.Count);
        var old = sets.Single(s => s.Name() == first);
        var current = sets.Single(s => s.Name() != first);
        Assert.Equal(0, old.SpecReplicas());
        Assert.Equal(2, current.SpecReplicas());
        Assert.Equal("2", current.Annotation("deployment.kubernetes.io/revision"));
        Assert.Equal("2", cluster.Get("deployments", "web")!.Annotation("deployment.kubernetes.io/revision"));
        Assert.All(cluster.List("pods"), p => Assert.True(p.IsControlledBy(current)));
        Assert.True(WorkloadCluster.RolloutStatus(cluster.Get("deployments", "web")!).Done);
        Assert.Contains(cluster.Events, e => e.Message == $"Scaled down replica set {first} from 2 to 1");
    }

    [Fact]
    public void RevertingToAnOldTemplateReusesItsReplicaSetWithTheNextRevision()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("deployments", Plain());
        cluster.Converge();
        var first = Assert.Single(cluster.List("replicasets")).Name();
        foreach (var image in new[] { "quay.io/demo/web:2", "quay.io/demo/web:1" })
        {
            var d = cluster.Get("deployments", "web")!.Copy();
            d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
            cluster.Update("deployments", d);
            cluster.Converge();
        }
        Assert.Equal(2, cluster.List("replicasets").Count());
        var reused = cluster.Get("replicasets", first)!;
        Assert.Equal("3", reused.Annotation("deployment.kubernetes.io/revision"));
        Assert.Equal("1", reused.Annotation("deployment.kubernetes.io/revision-history"));
        Assert.Equal(1, reused.SpecReplicas());
        Assert.Equal("3", cluster.Get("deployments", "web")!.Annotation("deployment.kubernetes.io/revision"));
    }

    [Fact]
    public void OldReplicaSetsBeyondRevisionHistoryLimitAreDeleted()
    {
        var cluster = new WorkloadCluster();
        var plain = Plain();
        plain["spec"]!["revisionHistoryLimit"] = 1;
        cluster.Create("deployments", plain);
        cluster.Converge();
        for (var i = 2; i <= 4; i++)
        {
            cluster.Now = cluster.Now.AddMinutes(1);
            var d = cluster.Get("deployments", "web")!.Copy();
            d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = $"quay.io/demo/web:{i}";
            cluster.Update("deployments", d);
            cluster.Converge();
        }
        var revisions = cluster.List("replicasets").Select(rs => rs.Annotation("deployment.kubernetes.io/revision")).Order().ToList();
        Assert.Equal(["3", "4"], revisions);
    }

    [Fact]
    public void RecreateScalesTheOldReplicaSetDownBeforeCreatingTheNewOne()
    {
        var cluster = new WorkloadCluster();
        var plain = Plain(replicas: 2);
        plain["spec"]!["strategy"] = new JsonObject { ["type"] = "Recreate" };
        cluster.Create("deployments", plain);
        cluster.Converge();

        var d = cluster.Get("deployments", "web")!.Copy();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/demo/web:2";
        d = cluster.Update("deployments", d);
        var sets = cluster.List("replicasets").ToList();
        cluster.Apply(WireFields.DeploymentPlan(d, sets, cluster.List("pods").ToList(), cluster.Now));

        var only = Assert.Single(cluster.List("replicasets"));
        Assert.Equal(0, only.SpecReplicas());
        cluster.Converge();
        Assert.Equal(2, cluster.List("replicasets").Count());
        Assert.True(WorkloadCluster.RolloutStatus(cluster.Get("deployments", "web")!).Done);
    }

    [Fact]
    public void PausedDeploymentDoesNotRollOutUntilResumed()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("deployments", Plain());
        cluster.Converge();
        var d = cluster.Get("deployments", "web")!.Copy();
        d["spec"]!["paused"] = true;
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/demo/web:2";
        cluster.Update("deployments", d);
        cluster.Converge();

        Assert.Single(cluster.List("replicasets"));
        var paused = WireFields.Condition((JsonObject)cluster.Get("deployments", "web")!["status"]!, "Progressing")!;
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"), ((string?)paused["status"], (string?)paused["reason"], (string?)paused["message"]));

        d = cluster.Get("deployments", "web")!.Copy();
        d["spec"]!["paused"] = false;
        cluster.Update("deployments", d);
        cluster.Converge();
        Assert.Equal(2, cluster.List("replicasets").Count());
        Assert.True(WorkloadCluster.RolloutStatus(cluster.Get("deployments", "web")!).Done);
    }

    [Fact]
    public void ScalingTheDeploymentScalesItsReplicaSet()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("deployments", Plain());
        cluster.Converge();
        var d = cluster.Get("deployments", "web")!.Copy();
        d["spec"]!["replicas"] = 4;
        cluster.Update("deployments", d);
        cluster.Converge();

        var rs = Assert.Single(cluster.List("replicasets"));
        Assert.Equal(4, rs.SpecReplicas());
        Assert.Equal("4", rs.Annotation("deployment.kubernetes.io/desired-replicas"));
        Assert.Equal("5", rs.Annotation("deployment.kubernetes.io/max-replicas"));
        Assert.Equal(4, cluster.List("pods").Count());
        Assert.True(WorkloadCluster.RolloutStatus(cluster.Get("deployments", "web")!).Done);
    }

    [Fact]
    public void ARolloutThatNeverBecomesReadyExceedsItsProgressDeadline()
    {
        var cluster = new WorkloadCluster();
        var plain = Plain(image: " ");
        plain["spec"]!["progressDeadlineSeconds"] = 60;
        cluster.Create("deployments", plain);
        cluster.Converge();
        var status = (JsonObject)cluster.Get("deployments", "web")!["status"]!;
        Assert.Equal("MinimumReplicasUnavailable", (string?)WireFields.Condition(status, "Available")!["reason"]);
        Assert.Equal(1, WireFields.Long(status["unavailableReplicas"]));
        Assert.False(WorkloadCluster.RolloutStatus(cluster.Get("deployments", "web")!).Done);

        cluster.Now = cluster.Now.AddSeconds(61);
        cluster.Converge();
        status = (JsonObject)cluster.Get("deployments", "web")!["status"]!;
        var progressing = WireFields.Condition(status, "Progressing")!;
        var rs = Assert.Single(cluster.List("replicasets"));
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rs.Name()}\" has timed out progressing."),
            ((string?)progressing["status"], (string?)progressing["reason"], (string?)progressing["message"]));
        var error = Assert.Throws<InvalidOperationException>(() => WorkloadCluster.RolloutStatus(cluster.Get("deployments", "web")!));
        Assert.Equal("deployment \"web\" exceeded its progress deadline", error.Message);
    }
}
