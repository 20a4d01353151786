using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Controllers;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>Tutorial steps 8, 10 and 11 driven through the pure controller logic.</summary>
public class TutorialRolloutTests
{
    [Fact]
    public void NewAppThenRetagRollsThroughThreeReplicaSets()
    {
        var cluster = new WorkloadCluster();
        var stream = Stream();
        JsonObject? Streams(string ns, string name) => ns == Namespace && name == "citas" ? stream : null;

        // Step 8: the Deployment controller sees the placeholder first (the informer race), then the trigger fires.
        cluster.Create("deployments", NewAppDeployment());
        cluster.Converge();
        // The placeholder " " is no Pod's image (validateContainersOnlyForPod): the ReplicaSet reports FailedCreate
        // and the Deployment carries the ReplicaFailure until the trigger fills the image in.
        var placeholder = Assert.Single(cluster.List("replicasets"));
        Assert.Empty(cluster.List("pods"));
        Assert.Equal("FailedCreate", (string?)WireFields.Condition((JsonObject)placeholder["status"]!, "ReplicaFailure")!["reason"]);
        Assert.Equal("FailedCreate", (string?)WireFields.Condition((JsonObject)cluster.Get("deployments", "app-citas")!["status"]!, "ReplicaFailure")!["reason"]);

        cluster.Converge(Streams);
        var sets = cluster.List("replicasets").ToList();
        Assert.Equal(2, sets.Count);
        var v1 = sets.Single(s => s.Name() != placeholder.Name());
        Assert.Equal(0, cluster.Get("replicasets", placeholder.Name())!.SpecReplicas());
        Assert.Null(cluster.Get("replicasets", placeholder.Name())!["status"]!["readyReplicas"]);
        Assert.Null(cluster.Get("replicasets", placeholder.Name())!["status"]!["conditions"]);
        Assert.Null(WireFields.Condition((JsonObject)cluster.Get("deployments", "app-citas")!["status"]!, "ReplicaFailure"));
        Assert.Equal(1, v1.StatusCount("readyReplicas"));
        Assert.Equal(V1Reference, (string?)v1["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("2", v1.Annotation("deployment.kubernetes.io/revision"));
        var d = cluster.Get("deployments", "app-citas")!;
        Assert.Equal(2, d.Generation());
        Assert.True(WorkloadCluster.RolloutStatus(d).Done);

        // Step 10: `oc tag citas:prod -d` leaves the Deployment alone.
        stream = Stream(prod: null);
        var before = PodTemplateHash.Canonical(cluster.Get("deployments", "app-citas"));
        cluster.Converge(Streams);
        Assert.Equal(before, PodTemplateHash.Canonical(cluster.Get("deployments", "app-citas")));
        Assert.Equal(2, cluster.List("replicasets").Count());

        // Step 11: `oc tag citas:v2 citas:prod` rolls to a third ReplicaSet.
        stream = Stream(prod: V2);
        cluster.Converge(Streams);
        sets = cluster.List("replicasets").ToList();
        Assert.Equal(3, sets.Count);
        var v2 = sets.Single(s => s.Annotation("deployment.kubernetes.io/revision") == "3");
        Assert.Equal(V2Reference, (string?)v2["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal(1, v2.StatusCount("readyReplicas"));
        Assert.All(sets.Where(s => s != v2), s => Assert.Equal(0, s.SpecReplicas()));
        var running = Assert.Single(cluster.List("pods"));
        Assert.True(running.IsControlledBy(v2));
        Assert.Equal(V2Reference, (string?)running["status"]!["containerStatuses"]![0]!["imageID"]);
        d = cluster.Get("deployments", "app-citas")!;
        Assert.Equal("3", d.Annotation("deployment.kubernetes.io/revision"));
        Assert.Equal((("deployment \"app-citas\" successfully rolled out"), true), WorkloadCluster.RolloutStatus(d));
    }
}
