using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The deployment controller: runs <see cref="DeploymentSync"/> for every Deployment that changed or whose ReplicaSets did.</summary>
internal sealed class DeploymentController(ApiService api, ILogger logger) : ControllerLoop(api, logger)
{
    private readonly PlanWriter _writer = new(api, "deployment-controller");

    public override string Name => "deployment-controller";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new("apps", "deployments", e => [Key(ControllerRefs.Meta(e.Object))]),
        new("apps", "replicasets", e => OwnerKeys(e.Object, "Deployment")),
        // Pods matter for Recreate (wait until the old ones are gone).
        new("", "pods", e => OwnerKeys(e.Object, "ReplicaSet")
            .Select(k => Api.TryGet("apps", "replicasets", SplitKey(k).Namespace, SplitKey(k).Name))
            .OfType<JsonObject>()
            .SelectMany(rs => OwnerKeys(rs, "Deployment"))),
    ];

    internal static IEnumerable<string> OwnerKeys(JsonObject obj, string kind)
    {
        var metadata = ControllerRefs.Meta(obj);
        return metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true) is { } owner && owner.Kind == kind
            ? [Key(metadata.NamespaceProperty ?? "", owner.Name ?? "")]
            : [];
    }

    protected override TimeSpan? Reconcile(string key)
    {
        var (ns, name) = SplitKey(key);
        if (Api.TryGet<V1Deployment>("apps", "deployments", ns, name) is not { } deployment) return null;
        var sets = Api.List<V1ReplicaSet>("apps", "replicasets", ns).Where(rs => rs.IsControlledBy(deployment)).ToList();
        var pods = Api.List<V1Pod>("", "pods", ns).Where(p => sets.Any(p.IsControlledBy)).ToList();
        var plan = new DeploymentSync(deployment, sets, pods, Api.Now).Plan();
        _writer.Apply(plan);
        return plan.RequeueAfter;
    }
}
