using ImageStreamPS.Sandbox.Api;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The scheduler and kubelet of the sandbox's single node: runs <see cref="PodRuntime"/> for every Pod.</summary>
internal sealed class PodRuntimeController(ApiService api, PodRuntime runtime, ILogger logger) : ControllerLoop(api, logger)
{
    private readonly PlanWriter _writer = new(api, "kubelet");

    public override string Name => "kubelet";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new("", "pods", e => e.Type == Storage.WatchEventType.Deleted ? [] : [Key(ControllerRefs.Meta(e.Object))]),
    ];

    protected override TimeSpan? Reconcile(string key)
    {
        var (ns, name) = SplitKey(key);
        if (Api.TryGet<V1Pod>("", "pods", ns, name) is not { } pod) return null;
        var used = Api.List<V1Pod>("", "pods", null)
            .Where(p => p.Metadata.Uid != pod.Metadata.Uid)
            .Select(p => p.Status?.PodIP)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var plan = runtime.Plan(pod, used, Api.Now);
        _writer.Apply(plan);
        return plan.RequeueAfter;
    }
}
