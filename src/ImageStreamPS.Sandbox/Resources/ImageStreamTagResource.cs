using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Durations;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagestreamtags</c>: a view over one tag of a stream (openshift-apiserver <c>imagestreamtag/rest.go</c>).
/// GET/LIST need an image; POST adds a new spec tag (creating the stream); PUT upserts the spec tag (201
/// when new); DELETE removes the spec tag and its whole history. Writes go through the stream's strategy,
/// so status events follow §2.7.
/// </summary>
public sealed class ImageStreamTagResource : StreamTagResource
{
    public override ResourceType Type => ImageTypes.ImageStreamTags;

    protected override StatusException NotFound(string name) => ImageStreamTagView.NotFound(name);

    protected override StatusException UidPreconditionFailed(string name, string uid, ImageStream stream) =>
        ApiErrors.Conflict(Type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {stream.Metadata.Uid}");

    public override JsonObject Get(RequestContext context, string ns, string name)
    {
        var (streamName, tag) = Split(name);
        var stream = ReadStream(context, ns, streamName) ?? throw NotFound(streamName);
        return ImageStreamTagView.Build(context.Api, stream, tag, allowEmpty: false) ?? throw NotFound(name);
    }

    protected override IEnumerable<string> ListedTags(ImageStream stream) => (stream.Status.Tags ?? []).Select(t => t.Tag);

    protected override JsonObject? ListItem(RequestContext context, ImageStream stream, string tag) =>
        ImageStreamTagListItem.Build(context.Api, stream, tag);

    public override Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var request = Wire.Decode<ImageStreamTag>(body, Type.Kind);
        var name = request.Metadata?.Name ?? "";
        var (streamName, tag) = Split(name);
        if (request.Tag is not { } requested)
            throw ApiErrors.Invalid(Type, name, [FieldError.Required("tag", "tag is required on create")]);
        ValidateTag(name, tag);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ReadStream(context, ns, streamName);
            var exists = stream is not null;
            stream ??= ImageStreamTagView.NewStream(ns, streamName);
            if (stream.FindSpecTag(tag) is not null)
                throw new StatusException(StatusErrors.AlreadyExists(Type.Group, "imagestreamtag", name));
            var tagReference = Wire.Copy(requested);
            tagReference.Name = tag;
            stream.SetSpecTag(tagReference);
            try
            {
                var stored = ImageStreamTagView.Write(context, stream, exists);
                return Task.FromResult(new WriteResult(ImageStreamTagView.Build(context.Api, stored, tag, allowEmpty: true)!, true));
            }
            catch (StatusException e) when (IsRace(e) && attempt < Retries) { }
        }
    }

    public override Task<WriteResult> UpdateAsync(RequestContext context, string ns, string name, JsonObject body)
    {
        var (streamName, tag) = Split(name);
        var request = Wire.Decode<ImageStreamTag>(body, Type.Kind);
        var requestedVersion = request.Metadata?.ResourceVersion ?? "";
        for (var attempt = 0; ; attempt++)
        {
            var stream = ReadStream(context, ns, streamName);
            var exists = stream is not null;
            if (exists && requestedVersion.Length > 0 && requestedVersion != stream!.Metadata.ResourceVersion)
                throw ApiErrors.Conflict(Type, name, $"another caller has updated the resource version to {stream.Metadata.ResourceVersion}");
            stream ??= ImageStreamTagView.NewStream(ns, streamName);
            var oldSpecTag = stream.FindSpecTag(tag);
            var requested = request.Tag;
            if (requested is null && oldSpecTag is null)
                throw ApiErrors.BadRequest($"imagestreamtag {tag} is not a spec tag in imagestream {ns}/{streamName}, cannot be updated");

            var metaAnnotations = request.Metadata?.Annotations;
            if (requested?.Annotations is { Count: > 0 } tagAnnotations && metaAnnotations is { Count: > 0 } && !SameMap(tagAnnotations, metaAnnotations))
                throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("tag.annotations", GoMap(tagAnnotations),
                    "tag annotations must not be provided or must be equal to the object meta annotations")]);
            if (request.Metadata?.Labels is { Count: > 0 } labels && exists && !SameMap(labels, stream.Metadata.Labels))
                throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("metadata", "", "may not update fields other than metadata.annotations")]);

            var tagReference = Wire.Copy((requested ?? oldSpecTag)!);
            tagReference.Name = tag;
            var annotations = metaAnnotations is { Count: > 0 } ? metaAnnotations : requested?.Annotations;
            tagReference.Annotations = annotations is { Count: > 0 } ? new Dictionary<string, string>(annotations) : null;
            ValidateTag(name, tag);
            stream.SetSpecTag(tagReference);
            try
            {
                var stored = ImageStreamTagView.Write(context, stream, exists);
                return Task.FromResult(new WriteResult(ImageStreamTagView.Build(context.Api, stored, tag, allowEmpty: true)!, oldSpecTag is null));
            }
            catch (StatusException e) when (IsRace(e) && requestedVersion.Length == 0 && attempt < Retries) { }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict")
            {
                throw ApiErrors.Conflict(Type, name);
            }
        }
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Reference", "string", "The pull spec of the tag's current image."),
        new("Updated", "string", "When the tag's current image was set."),
        new("Image Name", "string", "The image id.", 1),
    ];

    /// <summary>openshift-apiserver's <c>printImageStreamTag</c>.</summary>
    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var view = Wire.Decode<ImageStreamTag>(obj, Type.Kind);
        var created = view.Metadata?.CreationTimestamp;
        return
        [
            view.Metadata?.Name ?? "",
            view.Image?.DockerImageReference ?? "",
            created is { } time ? HumanDuration.Ago(time, now.UtcDateTime) : "",
            view.Image?.Metadata?.Name ?? "",
        ];
    }

    private void ValidateTag(string name, string tag)
    {
        if (!ImageStreamValidation.IsValidTag(tag))
            throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("metadata.name", name, $"the tag must match \"{ImageStreamValidation.TagPattern}\"")]);
    }

    private static bool SameMap(IDictionary<string, string> a, IDictionary<string, string>? b) =>
        b is not null && a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>Go's <c>%v</c> of a map: <c>map[k:v k2:v2]</c>, keys sorted.</summary>
    private static string GoMap(IDictionary<string, string> map) =>
        "map[" + string.Join(" ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}")) + "]";
}
