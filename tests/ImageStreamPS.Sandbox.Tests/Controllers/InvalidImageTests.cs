using System.Text.Json.Nodes;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>
/// A Deployment whose image no Pod may have, or no kubelet can parse, with the controllers running: the apiserver
/// refuses the Pod (kubernetes <c>validateContainersOnlyForPod</c>) and the ReplicaSet controller says so
/// (<c>PodControl.CreatePods</c>, <c>calculateStatus</c>); a Pod that exists waits in the kubelet's
/// <c>ErrInvalidImageName</c> (<c>imageManager.EnsureImageExists</c>, <c>applyDefaultImageTag</c>).
/// </summary>
public sealed class InvalidImageTests
{
    private static JsonObject Deployment(string image)
    {
        var d = NewAppDeployment();
        d.Metadata()["annotations"] = new JsonObject();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
        return d;
    }

    [Fact]
    public async Task ADeploymentWithAnUnparseableImageHasAPodWaitingInInvalidImageName()
    {
        await using var cluster = new InProcessCluster();
        cluster.Api.Create("apps", "deployments", Namespace, Deployment("quay.io/Demo/Citas:v1"));

        var pod = await cluster.Eventually(() => cluster.Pods().FirstOrDefault(p => p["status"]?["containerStatuses"] is not null), "a pod with container statuses");

        var waiting = pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        Assert.Equal(("InvalidImageName",
                "Failed to apply default image tag \"quay.io/Demo/Citas:v1\": couldn't parse image name \"quay.io/Demo/Citas:v1\": " +
                "invalid reference format: repository name (Demo/Citas) must be lowercase"),
            ((string?)waiting["reason"], (string?)waiting["message"]));
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        // The kubelet records its events once the status is written.
        var events = await cluster.Eventually(() => cluster.Api.List("", "events", Namespace).Items
            .Where(e => (string?)e["involvedObject"]!["name"] == pod.Name() && (string?)e["type"] == "Warning").ToList() is { Count: 2 } both ? both : null,
            "the kubelet's two warnings");
        // Events list by name, not by when they happened: compare them as a set.
        Assert.Equal([("Failed", "Error: InvalidImageName"), ("InspectFailed", (string?)waiting["message"])],
            events.Select(e => ((string?)e["reason"], (string?)e["message"])).OrderBy(e => e.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADeploymentWithTheBlankPlaceholderImageReportsFailedCreate()
    {
        await using var cluster = new InProcessCluster();
        cluster.Api.Create("apps", "deployments", Namespace, Deployment(" "));

        var d = await cluster.Eventually(() => cluster.Api.Get("apps", "deployments", Namespace, "app-citas") is var found &&
            WireFields.Condition((JsonObject)(found["status"] ?? new JsonObject()), "ReplicaFailure") is { } c ? c : null, "the Deployment's ReplicaFailure");

        Assert.Equal(("True", "FailedCreate"), ((string?)d["status"], (string?)d["reason"]));
        Assert.Matches("^Pod \"app-citas-[a-z0-9]+-[a-z0-9]{5}\" is invalid: spec.containers\\[0\\].image: Invalid value: \" \": must not have leading or trailing whitespace$", (string?)d["message"]);
        Assert.Empty(cluster.Pods());
        var rs = Assert.Single(cluster.ReplicaSets());
        var failed = await cluster.Eventually(() => cluster.Api.List("", "events", Namespace).Items
            .FirstOrDefault(e => (string?)e["involvedObject"]!["name"] == rs.Name() && (string?)e["reason"] == "FailedCreate"), "the ReplicaSet's FailedCreate");
        Assert.Equal(("Warning", "Error creating: " + (string?)d["message"]), ((string?)failed["type"], (string?)failed["message"]));
    }
}
