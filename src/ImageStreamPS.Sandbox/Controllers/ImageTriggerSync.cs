using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Triggers;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// The image trigger controller's decision for one workload (openshift-controller-manager
/// image_trigger_controller + library-go UpdateObjectFromImages): every unpaused trigger whose
/// tag resolves sets the container image at its fieldPath. Unresolvable tags are skipped (the
/// image is never cleared); a malformed fieldPath or unknown container makes the object's
/// triggers fail as a whole (nothing is written).
/// </summary>
internal static class ImageTriggerSync
{
    /// <param name="workload">The stored workload (its kind selects the pod spec path).</param>
    /// <param name="kind">The workload's kind.</param>
    /// <param name="getStream">Reads an ImageStream by namespace and name (null when missing).</param>
    /// <returns>The workload with updated images, or null when nothing changes.</returns>
    public static JsonObject? Apply(JsonObject workload, string kind, Func<string, string, JsonObject?> getStream)
    {
        // The engine's parser decides as library-go does (a string "paused", duplicates: all ignored).
        if (!ImageTriggerAnnotation.TryParse(workload.Annotation(ImageTriggerAnnotation.Key), out var triggers, out _)) return null;
        if (triggers.Count == 0 || ContainerFieldPath.PodSpecPath(kind) is not { } basePath) return null;

        JsonObject? updated = null;
        foreach (var trigger in triggers)
        {
            // Paths outside the pod spec are skipped; a malformed one inside it fails the object.
            if (trigger.Paused || !trigger.FieldPath.StartsWith(basePath + ".", StringComparison.Ordinal)) continue;
            if (!ContainerFieldPath.TryParse(kind, trigger.FieldPath, out var path, out _) || path.Remainder != "image") return null;
            if (Tag(trigger, workload.Namespace()) is not { } tag) continue;
            if (getStream(tag.Namespace, tag.Stream) is not { } stream || ResolveTag(stream, tag.Tag) is not { } reference)
                continue;
            var container = FindContainer(updated ?? workload, basePath, path);
            if (container is null) return null;
            if ((string?)container["image"] == reference) continue;
            if (updated is null)
            {
                updated = workload.Copy();
                container = FindContainer(updated, basePath, path)!;
            }
            container["image"] = reference;
        }
        return updated;
    }

    /// <summary>The workload's stream references (namespace, stream) for the stream → workload index.</summary>
    public static IEnumerable<(string Namespace, string Stream)> StreamsOf(JsonObject workload) =>
        ImageTriggerAnnotation.TryParse(workload.Annotation(ImageTriggerAnnotation.Key), out var triggers, out _)
            ? triggers.Select(t => Tag(t, workload.Namespace())).OfType<(string Namespace, string Stream, string Tag)>().Select(t => (t.Namespace, t.Stream))
            : [];

    /// <summary>Namespace and stream:tag a trigger resolves, or null when from.name has no tag (it never resolves).</summary>
    private static (string Namespace, string Stream, string Tag)? Tag(ImageTrigger trigger, string objectNamespace)
    {
        var name = trigger.From.Name;
        var colon = name.IndexOf(':');
        if (colon <= 0 || colon == name.Length - 1) return null;
        return (trigger.NamespaceOr(objectNamespace), name[..colon], name[(colon + 1)..]);
    }

    /// <summary>
    /// The pull spec of a tag's current image under its reference policy (ResolveLatestTaggedImage):
    /// Source = items[0].dockerImageReference; Local = status.dockerImageRepository@items[0].image.
    /// Null when the tag has no image yet.
    /// </summary>
    public static string? ResolveTag(JsonObject stream, string tag)
    {
        var statusTag = (stream["status"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => (string?)t["tag"] == tag);
        if ((statusTag?["items"] as JsonArray)?.FirstOrDefault() is not JsonObject latest) return null;
        var reference = (string?)latest["dockerImageReference"];
        var specTag = (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => (string?)t["name"] == tag);
        if ((string?)specTag?["referencePolicy"]?["type"] == "Local"
            && (string?)stream["status"]?["dockerImageRepository"] is { Length: > 0 } repository
            && (string?)latest["image"] is { Length: > 0 } image)
            return repository + "@" + image;
        return string.IsNullOrEmpty(reference) ? null : reference;
    }

    /// <summary>The container a path names: by index in its list, by name in the init containers first, then the containers.</summary>
    private static JsonObject? FindContainer(JsonObject workload, string basePath, ContainerFieldPath path)
    {
        JsonNode? podSpec = workload;
        foreach (var segment in basePath.Split('.')) podSpec = podSpec?[segment];
        if (path.Index is { } index)
            return podSpec?[path.InitContainers ? "initContainers" : "containers"] is JsonArray list && index >= 0 && index < list.Count
                ? list[index] as JsonObject
                : null;
        return new[] { "initContainers", "containers" }
            .SelectMany(field => (podSpec?[field] as JsonArray ?? []).OfType<JsonObject>())
            .FirstOrDefault(c => (string?)c["name"] == path.Name);
    }
}
