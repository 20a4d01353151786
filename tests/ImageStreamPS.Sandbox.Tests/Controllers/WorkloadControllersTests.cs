using ImageStreamPS.Sandbox.Api;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Controllers;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>Tutorial steps 8-11 against the in-process API with the real controller loops running.</summary>
public class WorkloadControllersTests(ITestOutputHelper output)
{
    private static string Image(JsonObject obj) => (string)obj["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!;

    [Fact]
    public async Task TutorialStepsEightToElevenRollOutThroughThreeReplicaSets()
    {
        await using var cluster = new InProcessCluster();
        var api = cluster.Api;
        cluster.PutStream(Stream());

        // Step 8: oc new-app citas:prod --name=app-citas
        api.Create("apps", "deployments", Namespace, NewAppDeployment());
        api.Create("", "services", Namespace, NewAppService());
        var sets = await cluster.Eventually(() =>
        {
            var rs = cluster.ReplicaSets();
            return rs.Count == 2 && rs.Any(s => s.StatusCount("readyReplicas") == 1) && rs.Any(s => s.SpecReplicas() == 0) ? rs : null;
        }, "two ReplicaSets, the v1 one ready and the placeholder one at 0");
        var placeholder = sets.Single(s => Image(s) == " ");
        var v1 = sets.Single(s => Image(s) == V1Reference);
        Assert.Equal("1", placeholder.Annotation("deployment.kubernetes.io/revision"));
        Assert.Equal("2", v1.Annotation("deployment.kubernetes.io/revision"));
        Assert.Null(placeholder["status"]?["readyReplicas"]);
        var deployment = await cluster.Eventually(() =>
            api.Get("apps", "deployments", Namespace, "app-citas") is var d && WorkloadCluster.RolloutStatus(d).Done ? d : null,
            "kubectl rollout status to succeed after new-app");
        Assert.Equal(V1Reference, Image(deployment));
        Assert.Equal("2", deployment.Annotation("deployment.kubernetes.io/revision"));
        var service = api.Get("", "services", Namespace, "app-citas");
        Assert.StartsWith("172.30.", (string?)service["spec"]!["clusterIP"]);

        // Step 9: oc expose service app-citas --port=10000
        var route = api.Create("route.openshift.io", "routes", Namespace, ExposeRoute());
        Assert.Equal($"app-citas-{Namespace}.apps.sandbox.localhost", (string?)route["spec"]!["host"]);
        Assert.Equal("true", route.Annotation("openshift.io/host.generated"));

        // Step 10: oc tag citas:prod -d changes nothing.
        await cluster.Settle();
        var before = api.Get("apps", "deployments", Namespace, "app-citas");
        cluster.PutStream(Stream(prod: null));
        await cluster.Settle();
        var after = api.Get("apps", "deployments", Namespace, "app-citas");
        Assert.Equal((string?)before["metadata"]!["resourceVersion"], (string?)after["metadata"]!["resourceVersion"]);
        Assert.Equal(2, cluster.ReplicaSets().Count);

        // Step 11: oc tag citas:v2 citas:prod rolls out a third ReplicaSet.
        var clock = Stopwatch.StartNew();
        cluster.PutStream(Stream(prod: V2));
        var readyPod = await cluster.Eventually(() => cluster.Pods().FirstOrDefault(p =>
            WireFields.IsReady(p) && (string?)p["spec"]!["containers"]![0]!["image"] == V2Reference), "a ready Pod on the v2 digest");
        output.WriteLine($"tag move to ready pod: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(V2Reference, (string?)readyPod["status"]!["containerStatuses"]![0]!["imageID"]);

        deployment = await cluster.Eventually(() =>
            api.Get("apps", "deployments", Namespace, "app-citas") is var d && WorkloadCluster.RolloutStatus(d).Done
                && d.Annotation("deployment.kubernetes.io/revision") == "3" ? d : null,
            "kubectl rollout status to succeed on revision 3");
        sets = await cluster.Eventually(() =>
        {
            var rs = cluster.ReplicaSets();
            return rs.Count == 3 && rs.Count(s => s.SpecReplicas() == 0 && s.StatusCount("replicas") == 0) == 2 ? rs : null;
        }, "three ReplicaSets, the two old ones at 0");
        var v2 = sets.Single(s => s.Annotation("deployment.kubernetes.io/revision") == "3");
        Assert.Equal(V2Reference, Image(v2));
        Assert.Equal(1, v2.StatusCount("readyReplicas"));
        Assert.True(readyPod.IsControlledBy(v2));
        Assert.Single(await cluster.Eventually(() => cluster.Pods() is { Count: 1 } p ? p : null, "only the v2 Pod left"));
        var status = (JsonObject)deployment["status"]!;
        Assert.Equal("NewReplicaSetAvailable", (string?)WireFields.Condition(status, "Progressing")!["reason"]);
        Assert.Equal("MinimumReplicasAvailable", (string?)WireFields.Condition(status, "Available")!["reason"]);
        Assert.Equal(deployment.Generation(), WireFields.Long(status["observedGeneration"]));

        // The Service's Endpoints follow the ready v2 Pod.
        var endpoints = await cluster.Eventually(() => api.TryGet("", "endpoints", Namespace, "app-citas") is { } e
            && e["subsets"]?[0]?["addresses"] is JsonArray { Count: 1 } addresses
            && (string?)addresses[0]!["ip"] == (string?)readyPod["status"]!["podIP"] ? e : null,
            "endpoints on the v2 pod only");
        var subset = endpoints["subsets"]![0]!;
        Assert.Single((JsonArray)subset["addresses"]!);
        Assert.Null(subset["notReadyAddresses"]);
        Assert.Equal(readyPod.Name(), (string?)subset["addresses"]![0]!["targetRef"]!["name"]);
        Assert.Equal("""[{"name":"10000-tcp","port":10000,"protocol":"TCP"}]""", subset["ports"]!.ToJsonString());
    }

    [Fact]
    public async Task AManualImageChangeOfATriggeredContainerIsReverted()
    {
        await using var cluster = new InProcessCluster();
        var api = cluster.Api;
        cluster.PutStream(Stream());
        api.Create("apps", "deployments", Namespace, NewAppDeployment());
        await cluster.Eventually(() => api.Get("apps", "deployments", Namespace, "app-citas") is var d && Image(d) == V1Reference ? d : null,
            "the trigger to set the v1 image");

        // A user's edit is read-modify-write: the controllers may write the Deployment in between (409), so retry as kubectl edit would.
        await cluster.Eventually(() =>
        {
            var edited = api.Get("apps", "deployments", Namespace, "app-citas");
            edited["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/someone/else:1";
            try { return api.Update("apps", "deployments", Namespace, "app-citas", edited); }
            catch (StatusException conflict) when (conflict.Code == 409) { return null; }
        }, "the manual edit to be written");

        await cluster.Eventually(() => api.Get("apps", "deployments", Namespace, "app-citas") is var d && Image(d) == V1Reference ? d : null,
            "the trigger to revert the manual edit");
    }

    [Fact]
    public async Task ScalingThroughTheScaleSubresourceAddsPods()
    {
        await using var cluster = new InProcessCluster();
        var api = cluster.Api;
        var d = NewAppDeployment();
        d.Metadata()["annotations"] = new JsonObject();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/demo/web:1";
        api.Create("apps", "deployments", Namespace, d);
        api.UpdateScale("apps", "deployments", Namespace, "app-citas", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 3 } });
        await cluster.Eventually(() => api.Get("apps", "deployments", Namespace, "app-citas") is var x
            && WorkloadCluster.RolloutStatus(x).Done && WireFields.Long(x["status"]?["availableReplicas"]) == 3 ? x : null,
            "three available replicas");
        var pods = cluster.Pods();
        Assert.Equal(3, pods.Count);
        Assert.Equal(3, pods.Select(p => (string?)p["status"]!["podIP"]).Distinct().Count());
    }
}
