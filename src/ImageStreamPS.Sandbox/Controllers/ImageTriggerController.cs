using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Triggers;
using ImageStreamPS.Sandbox.Api;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// The image trigger controller (openshift-controller-manager): re-evaluates a workload's
/// <c>image.openshift.io/triggers</c> when the workload changes and when an image stream it
/// points at changes, and PUTs the whole object when a container image must change.
/// </summary>
internal sealed class ImageTriggerController(ApiService api, ILogger logger) : ControllerLoop(api, logger)
{
    private sealed record WorkloadKind(string Group, string Resource, string Kind);

    private static readonly WorkloadKind[] Candidates =
    [
        new("apps", "deployments", "Deployment"),
        new("apps", "statefulsets", "StatefulSet"),
        new("apps", "daemonsets", "DaemonSet"),
        new("batch", "cronjobs", "CronJob"),
    ];

    // Only the kinds this sandbox serves.
    private readonly WorkloadKind[] _kinds = Candidates.Where(k => api.Catalog.Find(k.Group, k.Resource)?.Strategy is not null).ToArray();

    public override string Name => "image-trigger-controller";

    protected override IEnumerable<WatchSource> Sources =>
        _kinds.Select(k => new WatchSource(k.Group, k.Resource, e =>
                e.Type != Storage.WatchEventType.Deleted && e.Object.Annotation(ImageTriggerAnnotation.Key) is not null
                    ? [WorkloadKey(k, e.Object.Namespace(), e.Object.Name())]
                    : []))
            .Append(new WatchSource("image.openshift.io", "imagestreams", e => Dependents(e.Object.Namespace(), e.Object.Name())));

    /// <summary>
    /// A brand-new Deployment the deployment controller has not synced yet. On a real cluster the
    /// deployment controller wins this race in practice and rolls out the placeholder template of
    /// <c>oc new-app</c> first (the tutorial's extra, never-ready revision 1); waiting for it makes
    /// the sandbox do the same deterministically. Bounded, so a stuck controller cannot block triggers.
    /// </summary>
    private bool NotYetObserved(JsonObject deployment) =>
        deployment["status"]?["observedGeneration"] is null
        && Api.Now - deployment.CreationTimestamp() < TimeSpan.FromSeconds(10);

    private static string WorkloadKey(WorkloadKind kind, string ns, string name) => $"{kind.Resource}/{ns}/{name}";

    /// <summary>The workloads whose triggers name this stream (the controller's stream → object index, computed on demand).</summary>
    private IEnumerable<string> Dependents(string ns, string stream)
    {
        foreach (var kind in _kinds)
            foreach (var workload in Api.List(kind.Group, kind.Resource, null).Items)
                if (ImageTriggerSync.StreamsOf(workload).Contains((ns, stream)))
                    yield return WorkloadKey(kind, workload.Namespace(), workload.Name());
    }

    protected override TimeSpan? Reconcile(string key)
    {
        var parts = key.Split('/', 3);
        var kind = _kinds.First(k => k.Resource == parts[0]);
        if (Api.TryGet(kind.Group, kind.Resource, parts[1], parts[2]) is not { } workload) return null;
        if (kind.Kind == "Deployment" && NotYetObserved(workload)) return TimeSpan.FromMilliseconds(10);
        var updated = ImageTriggerSync.Apply(workload, kind.Kind,
            (ns, name) => Api.TryGet("image.openshift.io", "imagestreams", ns, name));
        if (updated is not null) Api.Update(kind.Group, kind.Resource, parts[1], parts[2], updated);
        return null;
    }
}
