using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images.Streams;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.Sandbox.Registry;

/// <summary>The <c>oc get is</c> row (openshift-apiserver's printer): NAME, IMAGE REPOSITORY, TAGS, UPDATED.</summary>
internal static class ImageStreamTable
{
    private const int TagsWidth = 40;

    public static IReadOnlyList<JsonNode?> Cells(JsonObject stream, DateTimeOffset now)
    {
        var repository = Str(stream["status"]?["publicDockerImageRepository"]) is { Length: > 0 } publicRepository ? publicRepository
            : Str(stream["spec"]?["dockerImageRepository"]) is { Length: > 0 } specRepository ? specRepository
            : Str(stream["status"]?["dockerImageRepository"]) ?? "";
        var tags = (stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(list => (Tag: Str(list["tag"]) ?? "", Created: ObjectMeta.Time(Str(TagHistory.Latest(stream, Str(list["tag"]) ?? "")?["created"]))))
            .ToList();
        var latest = tags.Where(t => t.Created is not null).Select(t => t.Created!.Value).DefaultIfEmpty().Max();
        var updated = tags.Any(t => t.Created is not null) ? HumanDuration.Format(now - latest) + " ago" : "";
        var ordered = tags.OrderByDescending(t => t.Created ?? DateTimeOffset.MinValue).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Select(t => t.Tag).ToList();
        return [ObjectMeta.Name(stream), repository, UpToWidth(ordered), updated];
    }

    /// <summary>
    /// <c>printTagsUpToWidth</c>: as many tags as fit in about 40 characters (a little more when that
    /// evens the edge), then " + N more...".
    /// </summary>
    private static string UpToWidth(List<string> tags)
    {
        var shown = tags.Count;
        var remaining = TagsWidth;
        for (var i = 0; i < tags.Count; i++)
        {
            remaining -= tags[i].Length + 1;
            if (remaining >= 0) continue;
            if (i == 0) { shown = 1; break; }
            const int margin = TagsWidth / 4;
            if (margin < remaining + tags[i].Length && margin >= -remaining) continue;
            shown = i;
            break;
        }
        var hidden = tags.Count - shown;
        var text = string.Join(",", tags.Take(shown));
        return hidden > 0 ? $"{text} + {hidden} more..." : text;
    }
}
