using System.Text.Json.Nodes;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// Puts an ImageStream (JSON, wire shape) in the form openshift-apiserver emits: server defaults
/// (<c>importMode: Legacy</c>, <c>referencePolicy.type: Source</c>), Go field order and omitempty rules,
/// <c>spec.tags</c>/<c>status.tags</c> sorted by name, empty status tags dropped.
/// </summary>
internal static class ImageStreamShape
{
    /// <summary>Rewrites <paramref name="stream"/> in place (metadata untouched).</summary>
    public static void Normalize(JsonObject stream)
    {
        var spec = stream["spec"] as JsonObject ?? new JsonObject();
        var newSpec = new JsonObject
        {
            ["lookupPolicy"] = new JsonObject { ["local"] = JsonRead.Bool(spec["lookupPolicy"]?["local"]) },
        };
        if (JsonRead.Str(spec["dockerImageRepository"]) is { Length: > 0 } repository) newSpec["dockerImageRepository"] = repository;
        var tags = (spec["tags"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(TagReference)
            .OrderBy(t => JsonRead.Str(t["name"]), StringComparer.Ordinal)
            .ToList();
        if (tags.Count > 0) newSpec["tags"] = new JsonArray(tags.Cast<JsonNode>().ToArray());

        var status = stream["status"] as JsonObject ?? new JsonObject();
        var newStatus = new JsonObject { ["dockerImageRepository"] = JsonRead.Str(status["dockerImageRepository"]) ?? "" };
        if (JsonRead.Str(status["publicDockerImageRepository"]) is { Length: > 0 } publicRepository) newStatus["publicDockerImageRepository"] = publicRepository;
        var statusTags = (status["tags"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(NamedTagEventList)
            .Where(t => t["items"] is JsonArray { Count: > 0 } || t["conditions"] is JsonArray { Count: > 0 })
            .OrderBy(t => JsonRead.Str(t["tag"]), StringComparer.Ordinal)
            .ToList();
        if (statusTags.Count > 0) newStatus["tags"] = new JsonArray(statusTags.Cast<JsonNode>().ToArray());

        Replace(stream, "spec", newSpec);
        Replace(stream, "status", newStatus);
    }

    /// <summary>A TagReference with defaults and field order: name, annotations (null), from, reference, generation, importPolicy, referencePolicy.</summary>
    public static JsonObject TagReference(JsonObject tag)
    {
        var result = new JsonObject
        {
            ["name"] = JsonRead.Str(tag["name"]) ?? "",
            ["annotations"] = tag["annotations"] is JsonObject { Count: > 0 } annotations ? annotations.DeepClone() : null,
        };
        if (tag["from"] is JsonObject from) result["from"] = ObjectReference(from);
        if (JsonRead.Bool(tag["reference"])) result["reference"] = true;
        result["generation"] = JsonRead.LongOrNull(tag["generation"]) is { } generation ? generation : null;
        result["importPolicy"] = ImportPolicy(tag["importPolicy"] as JsonObject);
        result["referencePolicy"] = ReferencePolicy(tag["referencePolicy"] as JsonObject);
        return result;
    }

    /// <summary>TagImportPolicy with <c>importMode</c> defaulted to Legacy; false/empty members omitted.</summary>
    public static JsonObject ImportPolicy(JsonObject? policy)
    {
        var result = new JsonObject();
        if (JsonRead.Bool(policy?["insecure"])) result["insecure"] = true;
        if (JsonRead.Bool(policy?["scheduled"])) result["scheduled"] = true;
        result["importMode"] = JsonRead.Str(policy?["importMode"]) is { Length: > 0 } mode ? mode : "Legacy";
        return result;
    }

    /// <summary>TagReferencePolicy with <c>type</c> defaulted to Source.</summary>
    public static JsonObject ReferencePolicy(JsonObject? policy) =>
        new() { ["type"] = JsonRead.Str(policy?["type"]) is { Length: > 0 } type ? type : "Source" };

    /// <summary>An ObjectReference in Go order (kind, namespace, name, ...), empty members omitted.</summary>
    public static JsonObject ObjectReference(JsonObject from)
    {
        var result = new JsonObject();
        foreach (var key in new[] { "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath" })
            if (JsonRead.Str(from[key]) is { Length: > 0 } value) result[key] = value;
        return result;
    }

    public static JsonObject NamedTagEventList(JsonObject list)
    {
        var items = list["items"] as JsonArray;
        var result = new JsonObject
        {
            ["tag"] = JsonRead.Str(list["tag"]) ?? "",
            ["items"] = items is { Count: > 0 } ? new JsonArray(items.OfType<JsonObject>().Select(TagEvent).Cast<JsonNode>().ToArray()) : null,
        };
        if (list["conditions"] is JsonArray { Count: > 0 } conditions)
            result["conditions"] = new JsonArray(conditions.OfType<JsonObject>().Select(Condition).Cast<JsonNode>().ToArray());
        return result;
    }

    /// <summary>A TagEvent: all four fields always present.</summary>
    public static JsonObject TagEvent(JsonObject item) => new()
    {
        ["created"] = item["created"]?.DeepClone(),
        ["dockerImageReference"] = JsonRead.Str(item["dockerImageReference"]) ?? "",
        ["image"] = JsonRead.Str(item["image"]) ?? "",
        ["generation"] = JsonRead.Long(item["generation"]),
    };

    public static JsonObject Condition(JsonObject condition)
    {
        var result = new JsonObject
        {
            ["type"] = JsonRead.Str(condition["type"]) ?? "",
            ["status"] = JsonRead.Str(condition["status"]) ?? "",
            ["lastTransitionTime"] = condition["lastTransitionTime"]?.DeepClone(),
        };
        if (JsonRead.Str(condition["reason"]) is { Length: > 0 } reason) result["reason"] = reason;
        if (JsonRead.Str(condition["message"]) is { Length: > 0 } message) result["message"] = message;
        result["generation"] = JsonRead.Long(condition["generation"]);
        return result;
    }

    private static void Replace(JsonObject target, string key, JsonNode value)
    {
        // Keep the key's position, as the generic layer writes metadata first.
        if (target.ContainsKey(key)) target[key] = value;
        else target.Add(key, value);
    }
}
