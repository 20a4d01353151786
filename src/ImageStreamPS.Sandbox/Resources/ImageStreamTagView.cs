using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// The views over one tag of a stream, as openshift-apiserver builds them (<c>imagestreamtag/rest.go</c>
/// <c>newISTag</c>, <c>imagetag/rest.go</c> <c>newITag</c>), and the stream reads and writes they share.
/// </summary>
internal static class ImageStreamTagView
{
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

    /// <summary><c>status.tags[tag].items[0]</c> for exactly this tag (no <c>latest</c> default), or null.</summary>
    public static TagEvent? Latest(ImageStream stream, string tag) =>
        stream.FindStatusTag(tag)?.Items is { Count: > 0 } items ? items[0] : null;

    /// <summary>
    /// The ImageStreamTag; null when the tag has no image (no status, or a top event without an image id)
    /// unless <paramref name="allowEmpty"/>, as create/update responses answer even before the first import.
    /// </summary>
    public static JsonObject? Build(ApiService api, ImageStream stream, string tag, bool allowEmpty)
    {
        var latest = Latest(stream, tag);
        Image? image = null;
        if (latest is { Image.Length: > 0 }) image = api.TryGet<Image>(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, latest.Image);
        if (image is null && !allowEmpty) return null;

        var specTag = stream.FindSpecTag(tag);
        var view = new ImageStreamTag
        {
            Metadata = ViewMetadata(stream, tag, latest?.Created,
                stream.Metadata.Labels is { Count: > 0 } labels ? labels : null,
                specTag?.Annotations is { Count: > 0 } annotations ? annotations : null),
            Tag = specTag is null ? null : ImageStreamShape.Normalize(Wire.Copy(specTag)),
            Generation = latest?.Generation ?? specTag?.Generation ?? 0,
            LookupPolicy = new ImageLookupPolicy { Local = stream.Spec.LookupPolicy?.Local ?? false },
            Conditions = stream.FindStatusTag(tag)?.Conditions is { Count: > 0 } conditions ? conditions : null,
        };
        var json = Wire.Encode(view);
        json["image"] = image is null ? ImageDocument.WithLayers(new JsonObject { ["metadata"] = new JsonObject() }) : EmbeddedImage(stream, tag, latest!, image, specTag);
        return json;
    }

    // A tag view's metadata: named stream:tag, with the stream's namespace, uid and resourceVersion.
    private static V1ObjectMeta ViewMetadata(ImageStream stream, string tag, DateTime? created,
        IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null) => new()
    {
        Name = $"{stream.Metadata.Name}:{tag}",
        NamespaceProperty = stream.Metadata.NamespaceProperty,
        Uid = stream.Metadata.Uid,
        ResourceVersion = stream.Metadata.ResourceVersion,
        CreationTimestamp = created,
        Labels = labels,
        Annotations = annotations,
    };

    /// <summary>
    /// A list of tag views: the views <paramref name="viewsOf"/> builds for each stream the selector matches,
    /// streams in namespace/name order, items without kind and apiVersion, the streams' list resourceVersion.
    /// </summary>
    public static JsonObject List(ApiService api, ResourceType type, string? ns, ListOptions options, Func<ImageStream, IEnumerable<JsonObject?>> viewsOf)
    {
        var streams = api.List(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, new ListOptions { LabelSelector = options.LabelSelector });
        var items = new JsonArray();
        foreach (var stream in streams.Items.Select(s => Wire.Decode<ImageStream>(s))
                     .OrderBy(s => s.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(s => s.Metadata.Name, StringComparer.Ordinal))
        {
            foreach (var view in viewsOf(stream))
            {
                if (view is null) continue;
                view.Remove("kind");
                view.Remove("apiVersion");
                items.Add(view);
            }
        }
        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = streams.ResourceVersion },
            ["items"] = items,
        };
    }

    /// <summary>The Image as embedded in a view: no kind, no raw manifest, the tag's pull spec and annotations.</summary>
    public static JsonObject EmbeddedImage(ImageStream stream, string tag, TagEvent latest, Image image, TagReference? specTag)
    {
        ImageDocument.StripManifest(image);
        image.Kind = null;
        image.ApiVersion = null;
        image.DockerImageReference = stream.ResolveReferenceForTagEvent(tag, latest);
        if (specTag?.Annotations is { Count: > 0 } tagAnnotations)
        {
            var annotations = image.Metadata.Annotations ??= new Dictionary<string, string>();
            foreach (var (key, value) in tagAnnotations) annotations[key] = value;
        }
        return ImageDocument.Encode(image);
    }

    /// <summary>The ImageTag view (<c>newITag</c>); null when the stream has neither a spec nor a status tag of that name.</summary>
    public static JsonObject? BuildImageTag(ApiService api, ImageStream stream, string tag, bool withImage)
    {
        var specTag = stream.FindSpecTag(tag);
        var statusTag = stream.FindStatusTag(tag);
        if (specTag is null && statusTag is null) return null;
        var view = new ImageTag
        {
            Metadata = ViewMetadata(stream, tag, stream.Metadata.CreationTimestamp),
            Spec = specTag is null ? null : ImageStreamShape.Normalize(Wire.Copy(specTag)),
            Status = statusTag is null ? null : ImageStreamShape.Normalize(Wire.Copy(statusTag)),
        };
        var json = Wire.Encode(view);
        if (withImage && Latest(stream, tag) is { Image.Length: > 0 } latest &&
            api.TryGet<Image>(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, latest.Image) is { } stored)
            json["image"] = EmbeddedImage(stream, tag, latest, stored, specTag);
        return json;
    }

    public static StatusException NotFound(string name) => ApiErrors.NotFound(ImageTypes.ImageStreamTags, name);

    public static ImageStream? GetStream(ApiService api, string ns, string name) =>
        api.TryGet<ImageStream>(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name);

    /// <summary>A new stream for a tag written before its stream exists (<c>oc tag</c> creates it).</summary>
    public static ImageStream NewStream(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
    };

    /// <summary>Writes the stream (or, for a dry run, returns it as it would be written).</summary>
    public static ImageStream Write(RequestContext context, ImageStream stream, bool exists, bool @internal = false)
    {
        if (context.DryRun) return stream;
        var options = new WriteOptions { Internal = @internal };
        var (group, resource) = (ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource);
        return exists
            ? context.Api.Update(group, resource, stream.Metadata.NamespaceProperty, stream.Metadata.Name, stream, options)
            : context.Api.Create(group, resource, stream.Metadata.NamespaceProperty, stream, options);
    }
}
