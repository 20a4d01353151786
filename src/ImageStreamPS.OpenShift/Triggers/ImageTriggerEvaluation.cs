using k8s.Models;

namespace ImageStreamPS.OpenShift.Triggers;

/// <summary>What one trigger would do to one container.</summary>
/// <param name="Trigger">The trigger.</param>
/// <param name="Namespace">The namespace of the followed stream.</param>
/// <param name="ImageStreamTag">The followed <c>stream:tag</c>.</param>
/// <param name="Container">The container the trigger writes.</param>
/// <param name="CurrentImage">The container's image now.</param>
/// <param name="NewImage">The image the trigger resolves to.</param>
public sealed record ImageTriggerChange(ImageTrigger Trigger, string Namespace, string ImageStreamTag, V1Container Container, string? CurrentImage, string NewImage)
{
    /// <summary>Whether applying the trigger changes the container (and so starts a rollout).</summary>
    public bool ChangesImage => !string.Equals(CurrentImage, NewImage, StringComparison.Ordinal);
}

/// <summary>
/// What OpenShift's trigger controller would do to a workload (library-go <c>UpdateObjectFromImages</c>):
/// unpaused triggers under the kind's pod spec whose tag resolves are applied; one invalid field path or
/// missing container among them voids the whole update.
/// </summary>
/// <param name="Changes">The triggers that resolve, with current and new image; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the controller would not update the object, or null.</param>
public sealed record ImageTriggerEvaluation(IReadOnlyList<ImageTriggerChange> Changes, string? Error)
{
    /// <summary>
    /// Evaluates the triggers of an object. <paramref name="resolveTag"/> maps (namespace, stream name, tag)
    /// to the tag's current pull spec (see <see cref="Api.ImageStream.ResolvePullSpec"/>), or null when it has none.
    /// </summary>
    public static ImageTriggerEvaluation Evaluate(string kind, V1ObjectMeta metadata, V1PodSpec podSpec, Func<string, string, string, string?> resolveTag)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(podSpec);
        if (metadata.Annotations is null || !metadata.Annotations.TryGetValue(ImageTriggerAnnotation.Key, out var value))
            return new([], null);
        if (!ImageTriggerAnnotation.TryParse(value, out var triggers, out var parseError))
            return new([], parseError);
        var basePath = ContainerFieldPath.PodSpecPath(kind);
        if (basePath is null)
            return new([], $"unrecognized object - no pod spec in {kind}");

        var changes = new List<ImageTriggerChange>();
        foreach (var trigger in triggers)
        {
            if (trigger.Paused || !trigger.FieldPath.StartsWith(basePath + ".", StringComparison.Ordinal)) continue;
            var ns = trigger.NamespaceOr(metadata.NamespaceProperty ?? "");
            // The tag retriever: a name without ':' never resolves, "stream:" means latest.
            if (!Api.ImageStream.SplitImageStreamTag(trigger.From.Name, out var stream, out var tag)) continue;
            var image = resolveTag(ns, stream, tag);
            if (image is null) continue; // nothing to apply: the container keeps its image

            if (!ContainerFieldPath.TryParse(kind, trigger.FieldPath, out var path, out _) || path.Remainder != "image")
                return new([], $"field path is not valid: {trigger.FieldPath}");
            var container = path.FindContainer(podSpec);
            if (container is null)
                return new([], $"no such container: {trigger.FieldPath}");
            changes.Add(new ImageTriggerChange(trigger, ns, trigger.From.Name, container, container.Image, image));
        }
        return new(changes, null);
    }

    /// <summary>Evaluates a Deployment's triggers.</summary>
    public static ImageTriggerEvaluation Evaluate(V1Deployment deployment, Func<string, string, string, string?> resolveTag)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return Evaluate("Deployment", deployment.Metadata, deployment.Spec?.Template?.Spec ?? new V1PodSpec(), resolveTag);
    }
}
