using ImageStreamPS.OpenShift.Triggers;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>The image-stream tags a Deployment follows, read with the engine's trigger grammar.</summary>
public static class RolloutTriggers
{
    /// <summary>
    /// The Deployment's <c>image.openshift.io/triggers</c> entries as rollout triggers; empty when the
    /// annotation is absent or void (OpenShift then ignores it too). Entries that do not name a
    /// <c>stream:tag</c> never resolve and are left out; <c>stream:</c> follows <c>stream:latest</c>, as the
    /// controller's tag retriever reads it (<see cref="Api.ImageStream.SplitImageStreamTag"/>).
    /// </summary>
    public static IReadOnlyList<RolloutTrigger> Of(V1Deployment deployment)
    {
        var ns = deployment.Metadata?.NamespaceProperty ?? "";
        var podSpec = deployment.Spec?.Template?.Spec;
        return ImageTriggerAnnotation.FromAnnotations(deployment.Metadata?.Annotations)
            .Where(t => Api.ImageStream.SplitImageStreamTag(t.From.Name, out _, out _))
            .Select(t =>
            {
                Api.ImageStream.SplitImageStreamTag(t.From.Name, out var stream, out var tag);
                return new RolloutTrigger(t.NamespaceOr(ns), stream + ":" + tag, ContainerOf(t, podSpec), t.Paused);
            })
            .ToList();
    }

    private static string? ContainerOf(ImageTrigger trigger, V1PodSpec? podSpec)
    {
        if (!ContainerFieldPath.TryParse("Deployment", trigger.FieldPath, out var path, out _)) return null;
        return path.Name ?? (podSpec is null ? null : path.FindContainer(podSpec)?.Name);
    }
}
