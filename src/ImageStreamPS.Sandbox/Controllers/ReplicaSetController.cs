using ImageStreamPS.Sandbox.Api;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The replicaset controller: runs <see cref="ReplicaSetSync"/> when a ReplicaSet or one of its Pods changes.</summary>
internal sealed class ReplicaSetController(ApiService api, ILogger logger) : ControllerLoop(api, logger)
{
    private readonly PlanWriter _writer = new(api, "replicaset-controller");

    public override string Name => "replicaset-controller";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new("apps", "replicasets", e => [Key(ControllerRefs.Meta(e.Object))]),
        new("", "pods", e => DeploymentController.OwnerKeys(e.Object, "ReplicaSet")),
    ];

    protected override TimeSpan? Reconcile(string key)
    {
        var (ns, name) = SplitKey(key);
        if (Api.TryGet<V1ReplicaSet>("apps", "replicasets", ns, name) is not { } rs) return null;
        var pods = Api.List<V1Pod>("", "pods", ns).Where(p => p.IsControlledBy(rs)).ToList();
        var plan = new ReplicaSetSync(rs, pods, Api.Now).Plan();
        try
        {
            _writer.Apply(plan);
        }
        catch (StatusException e) when (e.Code is 403 or 422 && plan.Writes.Any(w => w.Verb == WriteVerb.Create && w.Resource == ReplicaSetSync.Pods))
        {
            // The server refused a Pod (syncReplicaSet's manageReplicasErr): say so on the ReplicaSet, retry with back-off.
            _writer.Apply(new ReplicaSetSync(rs, pods, Api.Now, e.Message).Plan());
            throw new RetryLaterException(e);
        }
        return plan.RequeueAfter;
    }
}
