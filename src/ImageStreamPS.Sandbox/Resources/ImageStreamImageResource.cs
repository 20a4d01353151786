using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Durations;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using k8s.Models;

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

        Image? image = null;
        foreach (var candidate in Candidates(context, stream))
        {
            var colon = candidate.IndexOf(':');
            var hex = colon >= 0 ? candidate[(colon + 1)..] : candidate;
            if (!candidate.StartsWith(id, StringComparison.Ordinal) && !hex.StartsWith(id, StringComparison.Ordinal)) continue;
            image = context.Api.TryGet<Image>(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, candidate);
            if (image is not null) break;
        }
        if (image is null) throw new StatusException(StatusErrors.NotFound(Type.Group, "imagestreamimage", name));

        var created = image.Metadata.CreationTimestamp;
        ImageDocument.StripManifest(image);
        image.Kind = null;
        image.ApiVersion = null;
        var view = new ImageStreamImage
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                CreationTimestamp = created,
                Annotations = stream.Metadata.Annotations is { Count: > 0 } annotations ? annotations : null,
            },
        };
        var json = Wire.Encode(view);
        json["image"] = ImageDocument.Encode(image);
        return json;
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Updated", "string", "When the image was created."),
        new("Image Reference", "string", "The pull spec of the image.", 1),
        new("Image Name", "string", "The image id.", 1),
    ];

    /// <summary>openshift-apiserver's <c>printImageStreamImage</c>.</summary>
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var view = Wire.Decode<ImageStreamImage>(obj, Type.Kind);
        return
        [
            view.Metadata?.Name ?? "",
            view.Metadata?.CreationTimestamp is { } time ? HumanDuration.Ago(time, now.UtcDateTime) : "",
            view.Image?.DockerImageReference ?? "",
            view.Image?.Metadata?.Name ?? "",
        ];
    }

    /// <summary>Every image id in the stream's history, then the platform manifests of kept manifest lists.</summary>
    private static IEnumerable<string> Candidates(RequestContext context, ImageStream stream)
    {
        var ids = (stream.Status.Tags ?? []).SelectMany(t => t.Items ?? [])
            .Select(i => i.Image ?? "")
            .Where(i => i.Length > 0)
            .Distinct()
            .ToList();
        foreach (var id in ids) yield return id;
        foreach (var id in ids)
        {
            var image = context.Api.TryGet<Image>(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, id);
            foreach (var manifest in image?.DockerImageManifests ?? [])
                if (manifest.Digest is { Length: > 0 } digest) yield return digest;
        }
    }
}
