using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>Builds the ImageStreamTag view of one tag of a stream (shape of openshift-apiserver's <c>newISTag</c>).</summary>
internal static class ImageStreamTagView
{
    public const string Group = "image.openshift.io";

    /// <summary>(stream, tag) from <c>stream:tag</c>; false when there is not exactly one ':' or there is an '@'.</summary>
    public static bool TrySplit(string name, out string stream, out string tag)
    {
        var parts = name.Split(':');
        if (parts.Length != 2 || name.Contains('@') || parts[0].Length == 0 || parts[1].Length == 0)
        {
            stream = tag = "";
            return false;
        }
        (stream, tag) = (parts[0], parts[1]);
        return true;
    }

    /// <summary>
    /// The view; null when the tag has no image (no status, or a top event without an image id) unless
    /// <paramref name="allowEmpty"/>, as create/update responses answer even before the first import.
    /// </summary>
    public static JsonObject? Build(ApiService api, JsonObject stream, string tag, bool allowEmpty)
    {
        var latest = TagHistory.Latest(stream, tag);
        JsonObject? image = null;
        if (latest is not null && Str(latest["image"]) is { Length: > 0 } imageName)
            image = api.TryGet(Group, "images", null, imageName);
        if (image is null && !allowEmpty) return null;

        var specTag = TagHistory.SpecTag(stream, tag);
        var streamMeta = ObjectMeta.Metadata(stream);
        var metadata = new JsonObject
        {
            ["name"] = $"{ObjectMeta.Name(stream)}:{tag}",
            ["namespace"] = ObjectMeta.Namespace(stream),
            ["uid"] = streamMeta["uid"]?.DeepClone(),
            ["resourceVersion"] = streamMeta["resourceVersion"]?.DeepClone(),
            ["creationTimestamp"] = latest?["created"]?.DeepClone(),
        };
        if (streamMeta["labels"] is JsonObject { Count: > 0 } labels) metadata["labels"] = labels.DeepClone();
        if (specTag?["annotations"] is JsonObject { Count: > 0 } tagAnnotations) metadata["annotations"] = tagAnnotations.DeepClone();

        var view = new JsonObject
        {
            ["kind"] = ImageTypes.ImageStreamTags.Kind,
            ["apiVersion"] = ImageTypes.ImageStreamTags.ApiVersion,
            ["metadata"] = metadata,
            ["tag"] = specTag is null ? null : ImageStreamShape.TagReference(specTag),
            ["generation"] = latest is null ? LongOrNull(specTag?["generation"]) ?? 0 : Long(latest["generation"]),
            ["lookupPolicy"] = new JsonObject { ["local"] = Bool(stream["spec"]?["lookupPolicy"]?["local"]) },
        };
        if (TagHistory.StatusTag(stream, tag)?["conditions"] is JsonArray { Count: > 0 } conditions) view["conditions"] = conditions.DeepClone();
        view["image"] = image is null ? new JsonObject { ["metadata"] = new JsonObject(), ["dockerImageLayers"] = null } : EmbeddedImage(stream, tag, latest!, image, specTag);
        return view;
    }

    /// <summary>The Image as embedded in a view: no kind, no raw manifest, the tag's pull spec and annotations.</summary>
    public static JsonObject EmbeddedImage(JsonObject stream, string tag, JsonObject latest, JsonObject image, JsonObject? specTag)
    {
        var result = ImageDocument.StripManifest((JsonObject)image.DeepClone());
        result.Remove("kind");
        result.Remove("apiVersion");
        result["dockerImageReference"] = ResolveReference(stream, tag, latest);
        if (specTag?["annotations"] is JsonObject { Count: > 0 } tagAnnotations)
        {
            var metadata = (JsonObject)result["metadata"]!;
            var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in tagAnnotations) annotations[key] = value?.DeepClone();
            metadata["annotations"] = annotations;
        }
        return result;
    }

    /// <summary><c>ResolveReferenceForTagEvent</c>: Source gives the event's pull spec; Local the stream's repository with the image id.</summary>
    public static string ResolveReference(JsonObject stream, string tag, JsonObject latest)
    {
        var reference = Str(latest["dockerImageReference"]) ?? "";
        var specTag = TagHistory.SpecTag(stream, tag);
        if (specTag is null || Str(specTag["referencePolicy"]?["type"]) != "Local") return reference;
        var local = Str(stream["status"]?["dockerImageRepository"]) ?? "";
        var image = Str(latest["image"]) ?? "";
        if (local.Length == 0 || image.Length == 0 || !DockerImageReference.TryParse(local, out var parsed)) return reference;
        return (parsed with { Tag = "", ID = image }).Exact();
    }

    public static StatusException NotFound(string name) => ApiErrors.NotFound(ImageTypes.ImageStreamTags, name);

    public static JsonObject? GetStream(ApiService api, string ns, string name) =>
        api.TryGet(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name);
}
