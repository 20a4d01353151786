using System.Text.Json.Nodes;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// Reads and writes an ImageStream's spec and status tags (JSON) the way openshift-apiserver's
/// imageutil does: events are prepended newest first and collapsed against <c>items[0]</c>,
/// conditions are kept apart, and same-stream tracking tags follow the tag they track.
/// </summary>
internal static class TagHistory
{
    public static JsonArray SpecTags(JsonObject stream)
    {
        var spec = stream["spec"] as JsonObject ?? (JsonObject)(stream["spec"] = new JsonObject());
        return spec["tags"] as JsonArray ?? (JsonArray)(spec["tags"] = new JsonArray());
    }

    public static JsonArray StatusTags(JsonObject stream)
    {
        var status = stream["status"] as JsonObject ?? (JsonObject)(stream["status"] = new JsonObject());
        return status["tags"] as JsonArray ?? (JsonArray)(status["tags"] = new JsonArray());
    }

    public static JsonObject? SpecTag(JsonObject stream, string tag) =>
        (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Str(t["name"]) == tag);

    public static JsonObject? StatusTag(JsonObject stream, string tag) =>
        (stream["status"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Str(t["tag"]) == tag);

    /// <summary><c>status.tags[tag].items[0]</c>, or null.</summary>
    public static JsonObject? Latest(JsonObject stream, string tag) =>
        StatusTag(stream, tag)?["items"] is JsonArray { Count: > 0 } items ? items[0] as JsonObject : null;

    public static void SetSpecTag(JsonObject stream, JsonObject tagReference)
    {
        var tags = SpecTags(stream);
        var name = Str(tagReference["name"]);
        var index = tags.Select((t, i) => (t, i)).FirstOrDefault(p => Str(p.t?["name"]) == name, (null, -1)).Item2;
        if (index >= 0) tags[index] = tagReference;
        else tags.Add(tagReference);
    }

    public static bool RemoveSpecTag(JsonObject stream, string tag) => Remove(stream["spec"]?["tags"] as JsonArray, "name", tag);

    public static bool RemoveStatusTag(JsonObject stream, string tag) => Remove(stream["status"]?["tags"] as JsonArray, "tag", tag);

    /// <summary>Adds a tag event with the collapse rules of <c>AddTagEventToImageStream</c>; true when anything changed.</summary>
    public static bool AddTagEvent(JsonObject stream, string tag, JsonObject next)
    {
        var list = EnsureStatusTag(stream, tag);
        if (list["items"] is not JsonArray { Count: > 0 } items)
        {
            list["items"] = new JsonArray(next);
            return true;
        }
        var previous = (JsonObject)items[0]!;
        var sameRef = Str(previous["dockerImageReference"]) == Str(next["dockerImageReference"]);
        var sameImage = (Str(previous["image"]) ?? "") == (Str(next["image"]) ?? "");
        var sameGeneration = Long(previous["generation"]) == Long(next["generation"]);
        if (sameRef && sameImage && sameGeneration) return false;
        if (sameRef && sameImage) { }
        else if (sameRef) previous["image"] = Str(next["image"]) ?? "";
        else if (sameImage) previous["dockerImageReference"] = Str(next["dockerImageReference"]);
        else
        {
            items.Insert(0, next);
            list.Remove("conditions");
            return true;
        }
        previous["generation"] = Long(next["generation"]);
        list.Remove("conditions");
        return true;
    }

    /// <summary>Records an ImportSuccess=False condition; false (nothing changed) when an identical type/status/reason/message is there.</summary>
    public static bool AddImportFailure(JsonObject stream, string tag, string reason, string message, long generation, string now)
    {
        var list = EnsureStatusTag(stream, tag);
        if (list["conditions"] is JsonArray { Count: > 0 } conditions && conditions[0] is JsonObject first &&
            Str(first["type"]) == "ImportSuccess" && Str(first["status"]) == "False" &&
            Str(first["reason"]) == reason && Str(first["message"]) == message)
            return false;
        list["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "ImportSuccess",
            ["status"] = "False",
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
            ["generation"] = generation,
        });
        return true;
    }

    /// <summary>
    /// Copies a changed tag's newest event to the spec tags of the same stream that track it
    /// (<c>from.kind: ImageStreamTag</c>, <c>from.name</c> = tag or <c>thisstream:tag</c>, same namespace).
    /// </summary>
    public static int UpdateTrackingTags(JsonObject stream, string namespaceName, string streamName, string updatedTag)
    {
        if (Latest(stream, updatedTag) is not { } latest) return 0;
        var changed = 0;
        foreach (var spec in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>().ToList())
        {
            var name = Str(spec["name"]) ?? "";
            if (spec["from"] is not JsonObject from || Str(from["kind"]) != "ImageStreamTag") continue;
            var ns = Str(from["namespace"]) is { Length: > 0 } n ? n : namespaceName;
            if (ns != namespaceName) continue;
            var fromName = Str(from["name"]) ?? "";
            string tracked;
            if (fromName.Contains(':'))
            {
                var parts = fromName.Split(':');
                if (parts.Length != 2 || parts[0] != streamName) continue;
                tracked = parts[1];
            }
            else tracked = fromName;
            if (tracked != updatedTag || name == updatedTag) continue;
            var copy = (JsonObject)latest.DeepClone();
            if (LongOrNull(spec["generation"]) is { } generation) copy["generation"] = generation;
            if (AddTagEvent(stream, name, copy)) changed++;
        }
        return changed;
    }

    /// <summary>
    /// Finds an image id (full digest or hex prefix) in every history item of the stream, as
    /// <c>ResolveImageID</c>: one match gives a new event; none or several are errors.
    /// </summary>
    public static JsonObject ResolveImageId(JsonObject stream, string id, string now)
    {
        JsonObject? found = null;
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in (stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var image = Str(item["image"]) ?? "";
                var colon = image.IndexOf(':');
                var hex = colon >= 0 ? image[(colon + 1)..] : image;
                if ((colon >= 0 && hex.StartsWith(id, StringComparison.Ordinal)) || image.StartsWith(id, StringComparison.Ordinal))
                {
                    found = item;
                    matches.Add(image);
                }
            }
        }
        return matches.Count switch
        {
            1 => new JsonObject
            {
                ["created"] = now,
                ["dockerImageReference"] = Str(found!["dockerImageReference"]),
                ["image"] = Str(found["image"]),
                ["generation"] = 0,
            },
            0 => throw new ImageIdException($"imagestreamimage.image.openshift.io \"{id}\" not found", notFound: true),
            _ => throw new ImageIdException(
                $"Operation cannot be fulfilled on imagestreamimage.image.openshift.io \"{id}\": multiple images match the prefix \"{id}\": {string.Join(", ", matches)}",
                notFound: false),
        };
    }

    private static JsonObject EnsureStatusTag(JsonObject stream, string tag)
    {
        if (StatusTag(stream, tag) is { } existing) return existing;
        var created = new JsonObject { ["tag"] = tag, ["items"] = null };
        StatusTags(stream).Add(created);
        return created;
    }

    private static bool Remove(JsonArray? array, string key, string value)
    {
        if (array is null) return false;
        var index = -1;
        for (var i = 0; i < array.Count; i++)
            if (Str(array[i]?[key]) == value) { index = i; break; }
        if (index < 0) return false;
        array.RemoveAt(index);
        return true;
    }
}

/// <summary>An image id that matches no image, or several, in a stream's history.</summary>
internal sealed class ImageIdException(string message, bool notFound) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
