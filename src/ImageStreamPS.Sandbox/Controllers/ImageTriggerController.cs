using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Triggers;
using ImageStreamPS.Sandbox.Api;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// The image trigger controller (openshift-controller-manager <c>image_trigger_controller.go</c>): re-evaluates a
/// workload's <c>image.openshift.io/triggers</c> when the workload changes and when an image stream it points
/// at changes, and PUTs the whole object when a container image must change. What changes is decided by the
/// engine's <see cref="ImageTriggerEvaluation"/> (library-go <c>UpdateObjectFromImages</c>), the same rule
/// <c>Set-ImageTag -WhatIf</c> previews with; tags resolve through <see cref="ImageStream.ResolvePullSpec"/>
/// (the controller's tag retriever).
/// </summary>
internal sealed class ImageTriggerController(ApiService api, ILogger logger) : ControllerLoop(api, logger)
{
    /// <summary>A kind the controller reconciles, how to read it, and where its pod spec is.</summary>
    private sealed record WorkloadKind(string Group, string Resource, string Kind, Func<JsonObject, IKubernetesObject<V1ObjectMeta>> Read,
        Func<IKubernetesObject<V1ObjectMeta>, V1PodSpec?> PodSpec);

    private static readonly WorkloadKind[] Candidates =
    [
        new("apps", "deployments", "Deployment", j => Wire.Decode<V1Deployment>(j), o => ((V1Deployment)o).Spec?.Template?.Spec),
        new("apps", "statefulsets", "StatefulSet", j => Wire.Decode<V1StatefulSet>(j), o => ((V1StatefulSet)o).Spec?.Template?.Spec),
        new("apps", "daemonsets", "DaemonSet", j => Wire.Decode<V1DaemonSet>(j), o => ((V1DaemonSet)o).Spec?.Template?.Spec),
        new("batch", "cronjobs", "CronJob", j => Wire.Decode<V1CronJob>(j), o => ((V1CronJob)o).Spec?.JobTemplate?.Spec?.Template?.Spec),
    ];

    // Only the kinds this sandbox serves.
    private readonly WorkloadKind[] _kinds = Candidates.Where(k => api.Catalog.Find(k.Group, k.Resource)?.Strategy is not null).ToArray();

    public override string Name => "image-trigger-controller";

    protected override IEnumerable<WatchSource> Sources =>
        _kinds.Select(k => new WatchSource(k.Group, k.Resource, e =>
                e.Type != Storage.WatchEventType.Deleted && ControllerRefs.Meta(e.Object) is var metadata &&
                metadata.Annotations?.ContainsKey(ImageTriggerAnnotation.Key) == true
                    ? [WorkloadKey(k, metadata.NamespaceProperty ?? "", metadata.Name ?? "")]
                    : []))
            .Append(new WatchSource(ImageStream.KubeGroup, ImageStream.KubePluralName, e =>
                ControllerRefs.Meta(e.Object) is var metadata ? Dependents(metadata.NamespaceProperty ?? "", metadata.Name ?? "") : []));

    /// <summary>
    /// A brand-new Deployment the deployment controller has not synced yet. On a real cluster the
    /// deployment controller wins this race in practice and rolls out the placeholder template of
    /// <c>oc new-app</c> first (the tutorial's extra, never-ready revision 1); waiting for it makes
    /// the sandbox do the same deterministically. Bounded, so a stuck controller cannot block triggers.
    /// </summary>
    private bool NotYetObserved(V1Deployment deployment) =>
        deployment.Status?.ObservedGeneration is null && Api.Now - deployment.Created() < TimeSpan.FromSeconds(10);

    private static string WorkloadKey(WorkloadKind kind, string ns, string name) => $"{kind.Resource}/{ns}/{name}";

    /// <summary>The workloads whose triggers name this stream (the controller's stream → object index, computed on demand).</summary>
    private IEnumerable<string> Dependents(string ns, string stream)
    {
        foreach (var kind in _kinds)
            foreach (var workload in Api.List(kind.Group, kind.Resource, null).Items)
            {
                var metadata = ControllerRefs.Meta(workload);
                if (StreamsOf(metadata).Contains((ns, stream))) yield return WorkloadKey(kind, metadata.NamespaceProperty ?? "", metadata.Name ?? "");
            }
    }

    /// <summary>(namespace, stream) of every trigger the controller would follow.</summary>
    internal static IEnumerable<(string Namespace, string Stream)> StreamsOf(V1ObjectMeta metadata) =>
        ImageTriggerAnnotation.FromAnnotations(metadata.Annotations)
            .Where(t => ImageStream.SplitImageStreamTag(t.From.Name, out _, out _))
            .Select(t =>
            {
                ImageStream.SplitImageStreamTag(t.From.Name, out var stream, out _);
                return (t.NamespaceOr(metadata.NamespaceProperty ?? ""), stream);
            });

    protected override TimeSpan? Reconcile(string key)
    {
        var parts = key.Split('/', 3);
        var kind = _kinds.First(k => k.Resource == parts[0]);
        if (Api.TryGet(kind.Group, kind.Resource, parts[1], parts[2]) is not { } json) return null;
        var workload = kind.Read(json);
        if (workload is V1Deployment deployment && NotYetObserved(deployment)) return TimeSpan.FromMilliseconds(10);
        var podSpec = kind.PodSpec(workload);
        if (podSpec is null) return null;

        if (!UpdateObjectFromImages(kind.Kind, workload.Metadata, podSpec, ResolveTag, out var error))
        {
            if (error is not null) Logger.LogDebug("{Controller}: {Key}: {Error}", Name, key, error);
            return null;
        }
        Api.Update(kind.Group, kind.Resource, parts[1], parts[2], Wire.Encode(workload));
        return null;
    }

    /// <summary>
    /// library-go <c>UpdateObjectFromImages</c> on a typed workload: applies the engine's evaluation to the
    /// containers of <paramref name="podSpec"/>; true when an image changed. <paramref name="error"/> says why an
    /// annotation changed nothing (a bad field path or a missing container next to a resolving tag voids them all).
    /// </summary>
    internal static bool UpdateObjectFromImages(string kind, V1ObjectMeta metadata, V1PodSpec podSpec,
        Func<string, string, string, string?> resolveTag, out string? error)
    {
        var evaluation = ImageTriggerEvaluation.Evaluate(kind, metadata, podSpec, resolveTag);
        error = evaluation.Error;
        if (error is not null) return false;
        var changes = evaluation.Changes.Where(c => c.ChangesImage).ToList();
        foreach (var change in changes) change.Container.Image = change.NewImage;
        return changes.Count > 0;
    }

    /// <summary>The tag retriever: the tag's current pull spec under its reference policy, or null.</summary>
    private string? ResolveTag(string ns, string stream, string tag) =>
        Api.TryGet<ImageStream>(ImageStream.KubeGroup, ImageStream.KubePluralName, ns, stream)?.ResolvePullSpec(tag);
}
