using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagestreamimages</c>: <c>&lt;stream&gt;@&lt;id&gt;</c>, where the id is a digest or a unique prefix of
/// its hex, looked up among every image the stream's history references (sub-manifests included).
/// </summary>
public sealed class ImageStreamImageResource : IVirtualResource
{
    public ResourceType Type => ImageTypes.ImageStreamImages;

    public JsonObject Get(RequestContext context, string ns, string name)
    {
        var parts = name.Split('@');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw ApiErrors.BadRequest("ImageStreamImages must be retrieved with <name>@<id>");
        var (streamName, id) = (parts[0], parts[1]);
        var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName) ?? throw ApiErrors.NotFound(ImageTypes.ImageStreams, streamName);

        JsonObject? image = null;
        foreach (var candidate in Candidates(context, stream))
        {
            var colon = candidate.IndexOf(':');
            var hex = colon >= 0 ? candidate[(colon + 1)..] : candidate;
            if (!candidate.StartsWith(id, StringComparison.Ordinal) && !hex.StartsWith(id, StringComparison.Ordinal)) continue;
            image = context.Api.TryGet(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, candidate);
            if (image is not null) break;
        }
        if (image is null) throw NotFound(name);

        var embedded = (JsonObject)image.DeepClone();
        embedded.Remove("kind");
        embedded.Remove("apiVersion");
        embedded.Remove("dockerImageManifest");
        embedded.Remove("dockerImageConfig");
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["creationTimestamp"] = image["metadata"]?["creationTimestamp"]?.DeepClone(),
        };
        if (stream["metadata"]?["annotations"] is JsonObject { Count: > 0 } annotations) metadata["annotations"] = annotations.DeepClone();
        return new JsonObject
        {
            ["kind"] = Type.Kind,
            ["apiVersion"] = Type.ApiVersion,
            ["metadata"] = metadata,
            ["image"] = embedded,
        };
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Updated", "string", "When the image was created."),
        new("Image Reference", "string", "The pull spec of the image.", 1),
        new("Image Name", "string", "The image id.", 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var created = ObjectMeta.CreationTimestamp(obj);
        return
        [
            ObjectMeta.Name(obj),
            created is { } time ? HumanDuration.Format(now - time) + " ago" : "",
            Str(obj["image"]?["dockerImageReference"]) ?? "",
            Str(obj["image"]?["metadata"]?["name"]) ?? "",
        ];
    }

    /// <summary>Every image id in the stream's history, then the platform manifests of kept manifest lists.</summary>
    private static IEnumerable<string> Candidates(RequestContext context, JsonObject stream)
    {
        var ids = (stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(t => (t["items"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(i => Str(i["image"]) ?? "")
            .Where(i => i.Length > 0)
            .Distinct()
            .ToList();
        foreach (var id in ids) yield return id;
        foreach (var id in ids)
        {
            var image = context.Api.TryGet(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, id);
            foreach (var manifest in (image?["dockerImageManifests"] as JsonArray ?? []).OfType<JsonObject>())
                if (Str(manifest["digest"]) is { Length: > 0 } digest) yield return digest;
        }
    }

    private static StatusException NotFound(string name) =>
        new(404, "NotFound", $"imagestreamimage.image.openshift.io \"{name}\" not found",
            new JsonObject { ["name"] = name, ["group"] = "image.openshift.io", ["kind"] = "imagestreamimage" });
}
