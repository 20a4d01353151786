using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The object an annotation trigger points at (library-go trigger.ObjectReference).</summary>
internal sealed record TriggerSource(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("apiVersion")] string? ApiVersion);

/// <summary>One entry of <c>image.openshift.io/triggers</c> (library-go ObjectFieldTrigger).</summary>
internal sealed record ImageTrigger(
    [property: JsonPropertyName("from")] TriggerSource? From,
    [property: JsonPropertyName("fieldPath")] string? FieldPath,
    [property: JsonPropertyName("paused")] bool Paused)
{
    public const string Annotation = "image.openshift.io/triggers";

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// The triggers of an object, or an empty list when there is no annotation or it does not
    /// parse as Go would (e.g. <c>"paused":"false"</c>): then every trigger is ignored.
    /// </summary>
    public static IReadOnlyList<ImageTrigger> Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<ImageTrigger>>(annotation, Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Namespace and stream:tag this trigger resolves, or null when from.name has no tag.</summary>
    public (string Namespace, string Stream, string Tag)? Tag(string objectNamespace)
    {
        var name = From?.Name ?? "";
        var colon = name.IndexOf(':');
        if (colon <= 0 || colon == name.Length - 1) return null;
        var ns = string.IsNullOrEmpty(From?.Namespace) ? objectNamespace : From!.Namespace!;
        return (ns, name[..colon], name[(colon + 1)..]);
    }
}

/// <summary>
/// The image trigger controller's decision for one workload (openshift-controller-manager
/// image_trigger_controller + library-go UpdateObjectFromImages): every unpaused trigger whose
/// tag resolves sets the container image at its fieldPath. Unresolvable tags are skipped (the
/// image is never cleared); a malformed fieldPath or unknown container makes the object's
/// triggers fail as a whole (nothing is written).
/// </summary>
internal static class ImageTriggerSync
{
    private static readonly Regex ContainerPath = new(
        @"^(?<list>containers|initContainers)\[(?:(?<index>\d+)|\?\(@\.name==""(?<name>[^""]*)""\))\]\.image$",
        RegexOptions.CultureInvariant);

    /// <summary>The pod spec path inside each kind of workload.</summary>
    public static string? PodSpecPath(string kind) => kind switch
    {
        "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet" or "Job" => "spec.template.spec",
        "CronJob" => "spec.jobTemplate.spec.template.spec",
        "Pod" => "spec",
        _ => null,
    };

    /// <param name="workload">The stored workload (its kind selects the pod spec path).</param>
    /// <param name="kind">The workload's kind.</param>
    /// <param name="getStream">Reads an ImageStream by namespace and name (null when missing).</param>
    /// <returns>The workload with updated images, or null when nothing changes.</returns>
    public static JsonObject? Apply(JsonObject workload, string kind, Func<string, string, JsonObject?> getStream)
    {
        var triggers = ImageTrigger.Parse(workload.Annotation(ImageTrigger.Annotation));
        if (triggers.Count == 0 || PodSpecPath(kind) is not { } basePath) return null;
        if (triggers.Select(t => t.FieldPath).Distinct().Count() != triggers.Count) return null; // duplicates: invalid

        JsonObject? updated = null;
        foreach (var trigger in triggers)
        {
            if (trigger.Paused || trigger.FieldPath is not { } path || !path.StartsWith(basePath + ".", StringComparison.Ordinal))
                continue;
            if (trigger.Tag(workload.Namespace()) is not { } tag) continue;
            if (getStream(tag.Namespace, tag.Stream) is not { } stream || ResolveTag(stream, tag.Tag) is not { } reference)
                continue;
            var target = updated ?? workload;
            var container = FindContainer(target, basePath, path[(basePath.Length + 1)..]);
            if (container is null) return null;
            if ((string?)container["image"] == reference) continue;
            if (updated is null)
            {
                updated = workload.Copy();
                container = FindContainer(updated, basePath, path[(basePath.Length + 1)..])!;
            }
            container["image"] = reference;
        }
        return updated;
    }

    /// <summary>The workload's stream references (namespace, stream) for the stream → workload index.</summary>
    public static IEnumerable<(string Namespace, string Stream)> StreamsOf(JsonObject workload) =>
        ImageTrigger.Parse(workload.Annotation(ImageTrigger.Annotation))
            .Select(t => t.Tag(workload.Namespace()))
            .OfType<(string Namespace, string Stream, string Tag)>()
            .Select(t => (t.Namespace, t.Stream));

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

    private static JsonObject? FindContainer(JsonObject workload, string basePath, string relative)
    {
        var match = ContainerPath.Match(relative);
        if (!match.Success) return null;
        JsonNode? podSpec = workload;
        foreach (var segment in basePath.Split('.')) podSpec = podSpec?[segment];
        if (podSpec?[match.Groups["list"].Value] is not JsonArray list) return null;
        if (match.Groups["index"].Success)
            return int.TryParse(match.Groups["index"].Value, out var i) && i < list.Count ? list[i] as JsonObject : null;
        var name = match.Groups["name"].Value;
        return list.OfType<JsonObject>().FirstOrDefault(c => (string?)c["name"] == name);
    }
}
