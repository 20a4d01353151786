using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Hosting;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

public class GracefulPodDeletionTests
{
    private static JsonObject Pod(string name, string? nodeName)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "quay.io/demo/web:1" }) },
        };
        if (nodeName is not null) pod["spec"]!["nodeName"] = nodeName;
        return pod;
    }

    [Fact]
    public void APodOnANodeIsMarkedAndRemovedOnlyWithAZeroGracePeriod()
    {
        using var dir = new TempDirectory();
        using var core = SandboxCore.Open(dir.Path);
        core.Api.Create("", "pods", Namespace, Pod("bound", "sandbox"));

        var marked = core.Api.Delete("", "pods", Namespace, "bound");
        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);
        Assert.Equal(30, WireFields.Long(marked["metadata"]!["deletionGracePeriodSeconds"]));
        Assert.NotNull(core.Api.TryGet("", "pods", Namespace, "bound"));

        core.Api.Delete("", "pods", Namespace, "bound", new DeleteOptions { GracePeriodSeconds = 0 });
        Assert.Null(core.Api.TryGet("", "pods", Namespace, "bound"));
    }

    [Fact]
    public void APodNeverScheduledIsRemovedAtOnce()
    {
        using var dir = new TempDirectory();
        using var core = SandboxCore.Open(dir.Path);
        core.Api.Create("", "pods", Namespace, Pod("pending", null));
        core.Api.Delete("", "pods", Namespace, "pending");
        Assert.Null(core.Api.TryGet("", "pods", Namespace, "pending"));
    }

    [Fact]
    public async Task TheKubeletRemovesADeletedPodAndTheReplicaSetReplacesIt()
    {
        await using var cluster = new InProcessCluster();
        var d = NewAppDeployment();
        d.Metadata()["annotations"] = new JsonObject();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "quay.io/demo/web:1";
        cluster.Api.Create("apps", "deployments", Namespace, d);
        var first = await cluster.Eventually(() => cluster.Pods().FirstOrDefault(WireFields.IsReady), "a ready pod");

        var marked = cluster.Api.Delete("", "pods", Namespace, first.Name());
        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);

        var replacement = await cluster.Eventually(() => cluster.Pods() is [var only] && only.Name() != first.Name() && WireFields.IsReady(only) ? only : null,
            "the old pod gone and a ready replacement");
        Assert.Null(cluster.Api.TryGet("", "pods", Namespace, first.Name()));
        Assert.Null(replacement["metadata"]!["deletionTimestamp"]);
    }
}
