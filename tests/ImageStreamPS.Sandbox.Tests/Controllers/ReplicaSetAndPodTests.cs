using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Controllers;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

public class ReplicaSetAndPodTests
{
    private static JsonObject ReplicaSet(int replicas, string image = "quay.io/demo/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef") => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5f56fcf9cf","namespace":"myproject"},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5f56fcf9cf"}},
           "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"5f56fcf9cf"},"annotations":{"a":"b"}},
             "spec":{"containers":[{"name":"web","image":"IMAGE"}]}}}}
        """.Replace("REPLICAS", replicas.ToString()).Replace("IMAGE", image))!.AsObject();

    private static void Converge(WorkloadCluster cluster)
    {
        for (var i = 0; i < 20; i++)
        {
            var wrote = false;
            foreach (var rs in cluster.List("replicasets").ToList())
                wrote |= cluster.SyncReplicaSet(rs);
            foreach (var pod in cluster.List("pods").ToList())
                wrote |= cluster.Apply(cluster.Runtime.PodPlan(pod, cluster.List("pods").Select(p => (string?)p["status"]?["podIP"]).OfType<string>().ToHashSet(), cluster.Now));
            if (!wrote) return;
        }
    }

    [Fact]
    public void CreatesPodsFromTheTemplateAndReportsThemReady()
    {
        var cluster = new WorkloadCluster();
        var rs = cluster.Create("replicasets", ReplicaSet(2));
        Converge(cluster);

        var pods = cluster.List("pods").ToList();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Matches("^web-5f56fcf9cf-[bcdfghjklmnpqrstvwxz2456789]{5}$", p.Name());
            Assert.Equal("web-5f56fcf9cf-", (string?)p["metadata"]!["generateName"]);
            Assert.True(p.IsControlledBy(rs));
            Assert.Equal("5f56fcf9cf", p.Labels()["pod-template-hash"]);
            Assert.Equal("b", p.Annotation("a"));
            Assert.Equal("Running", (string?)p["status"]!["phase"]);
            Assert.True(WireFields.IsReady(p));
            Assert.Equal("sandbox", (string?)p["spec"]!["nodeName"]);
            var container = p["status"]!["containerStatuses"]![0]!;
            Assert.True(WireFields.Bool(container["ready"]));
            Assert.Equal(0, WireFields.Long(container["restartCount"]));
            Assert.NotNull(container["state"]!["running"]!["startedAt"]);
        });
        Assert.Equal(2, pods.Select(p => (string?)p["status"]!["podIP"]).Distinct().Count());
        Assert.All(pods, p => Assert.StartsWith("10.128.", (string?)p["status"]!["podIP"]));

        var status = cluster.Get("replicasets", rs.Name())!["status"]!;
        Assert.Equal(2, WireFields.Long(status["replicas"]));
        Assert.Equal(2, WireFields.Long(status["fullyLabeledReplicas"]));
        Assert.Equal(2, WireFields.Long(status["readyReplicas"]));
        Assert.Equal(2, WireFields.Long(status["availableReplicas"]));
        Assert.Equal(1, WireFields.Long(status["observedGeneration"]));
    }

    [Fact]
    public void ScalingDownDeletesPodsAndCountsDrop()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("replicasets", ReplicaSet(3));
        Converge(cluster);
        var rs = cluster.Get("replicasets", "web-5f56fcf9cf")!.Copy();
        rs.SetSpecReplicas(1);
        cluster.Update("replicasets", rs);
        Converge(cluster);

        Assert.Single(cluster.List("pods"));
        var status = cluster.Get("replicasets", "web-5f56fcf9cf")!["status"]!;
        Assert.Equal(1, WireFields.Long(status["replicas"]));
        Assert.Equal(2, WireFields.Long(status["observedGeneration"]));
    }

    [Fact]
    public void PodsStayContainerCreatingUntilTheStartDelayPassed()
    {
        var cluster = new WorkloadCluster { Runtime = new PodRuntime(TimeSpan.FromSeconds(5), _ => null) };
        cluster.Create("replicasets", ReplicaSet(1));
        Converge(cluster);
        var pod = Assert.Single(cluster.List("pods"));
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        Assert.Equal("ContainerCreating", (string?)pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        Assert.False(WireFields.IsReady(pod));
        var plan = cluster.Runtime.PodPlan(pod, new HashSet<string>(), cluster.Now);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.RequeueAfter);

        cluster.Now = cluster.Now.AddSeconds(5);
        Converge(cluster);
        pod = Assert.Single(cluster.List("pods"));
        Assert.Equal("Running", (string?)pod["status"]!["phase"]);
        Assert.Equal(1, cluster.Get("replicasets", "web-5f56fcf9cf")!.StatusCount("readyReplicas"));
    }

    [Fact]
    public void APodTemplateWhoseImageHasSurroundingWhitespaceCannotCreatePods()
    {
        // oc new-app's placeholder " " is fine in a template, not in a Pod (validateContainersOnlyForPod):
        // the ReplicaSet controller reports the refusal (PodControl.CreatePods, calculateStatus).
        var cluster = new WorkloadCluster();
        cluster.Create("replicasets", ReplicaSet(1, image: " "));
        Converge(cluster);

        Assert.Empty(cluster.List("pods"));
        // Each retry of the sync reports its refusal; the condition keeps the first.
        var failures = cluster.Events.Where(e => e.Reason == "FailedCreate").ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, e => Assert.Equal("Warning", e.Type));
        var failed = failures[0];
        Assert.Matches("^Error creating: Pod \"web-5f56fcf9cf-[a-z0-9]{5}\" is invalid: spec.containers\\[0\\].image: Invalid value: \" \": must not have leading or trailing whitespace$", failed.Message);
        var status = cluster.Get("replicasets", "web-5f56fcf9cf")!["status"]!;
        var condition = Assert.Single(status["conditions"]!.AsArray())!;
        Assert.Equal(("ReplicaFailure", "True", "FailedCreate"), ((string?)condition["type"], (string?)condition["status"], (string?)condition["reason"]));
        Assert.Equal(failed.Message["Error creating: ".Length..], (string?)condition["message"]);
        Assert.Equal(0, WireFields.Long(status["replicas"]));
    }

    [Fact]
    public void AFixedTemplateCreatesThePodAndClearsTheReplicaFailure()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("replicasets", ReplicaSet(1, image: " "));
        Converge(cluster);
        var rs = cluster.Get("replicasets", "web-5f56fcf9cf")!.Copy();
        rs["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/demo/web:1";
        cluster.Update("replicasets", rs);

        Converge(cluster);

        Assert.Single(cluster.List("pods"));
        Assert.Null(cluster.Get("replicasets", "web-5f56fcf9cf")!["status"]!["conditions"]);
    }

    [Theory]
    [InlineData("quay.io/Demo/Web:1", "invalid reference format: repository name (Demo/Web) must be lowercase")]
    [InlineData("Web:Latest", "invalid reference format: repository name (library/Web) must be lowercase")]
    [InlineData("quay.io/demo/web::1", "invalid reference format")]
    public void AnImageTheKubeletCannotParseWaitsInInvalidImageName(string image, string parseError)
    {
        // kubelet imageManager.EnsureImageExists: applyDefaultImageTag fails, ErrInvalidImageName, no pull, no back-off.
        var cluster = new WorkloadCluster();
        cluster.Create("replicasets", ReplicaSet(1, image: image));
        Converge(cluster);

        var pod = Assert.Single(cluster.List("pods"));
        var waiting = pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        var message = $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": {parseError}";
        Assert.Equal(("InvalidImageName", message), ((string?)waiting["reason"], (string?)waiting["message"]));
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        var ready = ((JsonArray)pod["status"]!["conditions"]!).Single(c => (string?)c!["type"] == "Ready")!;
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [web]"),
            ((string?)ready["status"], (string?)ready["reason"], (string?)ready["message"]));
        Assert.Equal([("InspectFailed", message), ("Failed", "Error: InvalidImageName")],
            cluster.Events.Where(e => e.Type == "Warning").Select(e => (e.Reason, e.Message)));
        var status = cluster.Get("replicasets", "web-5f56fcf9cf")!["status"]!;
        Assert.Equal(1, WireFields.Long(status["replicas"]));
        Assert.Null(status["readyReplicas"]);
    }

    [Fact]
    public void ADeletingPodIsRemovedAndReplaced()
    {
        var cluster = new WorkloadCluster();
        cluster.Create("replicasets", ReplicaSet(1));
        Converge(cluster);
        var pod = Assert.Single(cluster.List("pods")).Copy();
        pod.Metadata()["deletionTimestamp"] = WireFields.FormatTime(cluster.Now);
        cluster.Update("pods", pod);
        Converge(cluster);
        var replacement = Assert.Single(cluster.List("pods"));
        Assert.NotEqual(pod.Name(), replacement.Name());
        Assert.True(WireFields.IsReady(replacement));
    }
}
