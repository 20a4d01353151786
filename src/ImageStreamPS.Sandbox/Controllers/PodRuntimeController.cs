using ImageStreamPS.Sandbox.Api;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The scheduler and kubelet of the sandbox's single node: runs <see cref="PodRuntime"/> for every Pod.</summary>
internal sealed class PodRuntimeController(ApiService api, PodRuntime runtime, ILogger logger) : ControllerLoop(api, logger)
{
    private readonly PlanWriter _writer = new(api, "kubelet");

    public override string Name => "kubelet";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new("", "pods", e => e.Type == Storage.WatchEventType.Deleted ? [] : [Key(e.Object.Namespace(), e.Object.Name())]),
    ];

    protected override TimeSpan? Reconcile(string key)
    {
        var (ns, name) = SplitKey(key);
        if (Api.TryGet("", "pods", ns, name) is not { } pod) return null;
        var used = Api.List("", "pods", null).Items
            .Where(p => p.Uid() != pod.Uid())
            .Select(p => (string?)p["status"]?["podIP"])
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var plan = runtime.Plan(pod, used, Api.Now);
        _writer.Apply(plan);
        return plan.RequeueAfter;
    }
}
