using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images.Streams;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>The <c>oc get is</c> row (openshift-apiserver's printer): NAME, IMAGE REPOSITORY, TAGS, UPDATED.</summary>
internal static class ImageStreamTable
{
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
        return [ObjectMeta.Name(stream), repository, global::ImageStreamPS.OpenShift.ImageStreams.ImageStreamTable.TagsUpToWidth(ordered), updated];
    }
}
