using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagestreamtags</c>: a view over one tag of a stream. GET/LIST need an image; POST adds a new
/// spec tag (creating the stream); PUT upserts the spec tag (201 when new); DELETE removes the spec
/// tag and its whole history. Writes go through the stream's strategy, so status events follow §2.7.
/// </summary>
public sealed class ImageStreamTagResource : IVirtualResource
{
    private const int Retries = 10;

    public ResourceType Type => ImageTypes.ImageStreamTags;

    public JsonObject Get(RequestContext context, string ns, string name)
    {
        var (streamName, tag) = Split(name);
        var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName) ?? throw ImageStreamTagView.NotFound(streamName);
        return ImageStreamTagView.Build(context.Api, stream, tag, allowEmpty: false) ?? throw ImageStreamTagView.NotFound(name);
    }

    public JsonObject List(RequestContext context, string? ns, ListOptions options)
    {
        var streams = context.Api.List(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns,
            new ListOptions { LabelSelector = options.LabelSelector });
        var items = new JsonArray();
        foreach (var stream in streams.Items.OrderBy(ObjectMeta.Namespace, StringComparer.Ordinal).ThenBy(ObjectMeta.Name, StringComparer.Ordinal))
        {
            foreach (var list in (stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>().OrderBy(t => Str(t["tag"]), StringComparer.Ordinal))
            {
                if (ImageStreamTagView.Build(context.Api, stream, Str(list["tag"]) ?? "", allowEmpty: false) is not { } view) continue;
                view.Remove("kind");
                view.Remove("apiVersion");
                items.Add(view);
            }
        }
        return new JsonObject
        {
            ["kind"] = Type.ListKind,
            ["apiVersion"] = Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = streams.ResourceVersion },
            ["items"] = items,
        };
    }

    public WriteResult Create(RequestContext context, string ns, JsonObject body)
    {
        var name = Str(body["metadata"]?["name"]) ?? "";
        var (streamName, tag) = Split(name);
        if (body["tag"] is not JsonObject requested)
            throw ApiErrors.Invalid(Type, name, [FieldError.Required("tag", "tag is required on create")]);
        ValidateTag(name, tag, requested);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName);
            var exists = stream is not null;
            stream ??= NewStream(ns, streamName);
            if (TagHistory.SpecTag(stream, tag) is not null)
                throw new StatusException(409, "AlreadyExists", $"imagestreamtag.image.openshift.io \"{name}\" already exists",
                    new JsonObject { ["name"] = name, ["group"] = Type.Group, ["kind"] = "imagestreamtag" });
            var tagReference = (JsonObject)requested.DeepClone();
            tagReference["name"] = tag;
            TagHistory.SetSpecTag(stream, tagReference);
            try
            {
                var stored = Write(context, ns, streamName, stream, exists);
                return new WriteResult(ImageStreamTagView.Build(context.Api, stored, tag, allowEmpty: true)!, true);
            }
            catch (StatusException e) when (IsRace(e) && attempt < Retries) { }
        }
    }

    public WriteResult Update(RequestContext context, string ns, string name, JsonObject body)
    {
        var (streamName, tag) = Split(name);
        var requestedVersion = Str(body["metadata"]?["resourceVersion"]) ?? "";
        for (var attempt = 0; ; attempt++)
        {
            var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName);
            var exists = stream is not null;
            if (exists && requestedVersion.Length > 0 && requestedVersion != ObjectMeta.ResourceVersion(stream!))
                throw ApiErrors.Conflict(Type, name, $"another caller has updated the resource version to {ObjectMeta.ResourceVersion(stream!)}");
            stream ??= NewStream(ns, streamName);
            var oldSpecTag = TagHistory.SpecTag(stream, tag);
            var requested = body["tag"] as JsonObject;
            if (requested is null && oldSpecTag is null)
                throw ApiErrors.BadRequest($"imagestreamtag {tag} is not a spec tag in imagestream {ns}/{streamName}, cannot be updated");

            var metaAnnotations = body["metadata"]?["annotations"] as JsonObject;
            if (requested?["annotations"] is JsonObject { Count: > 0 } tagAnnotations && metaAnnotations is { Count: > 0 } &&
                !JsonNode.DeepEquals(tagAnnotations, metaAnnotations))
                throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("tag.annotations", GoMap(tagAnnotations),
                    "tag annotations must not be provided or must be equal to the object meta annotations")]);
            if (body["metadata"]?["labels"] is JsonObject { Count: > 0 } labels && exists &&
                !JsonNode.DeepEquals(labels, stream["metadata"]?["labels"]))
                throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("metadata", "", "may not update fields other than metadata.annotations")]);

            var tagReference = (JsonObject)(requested ?? oldSpecTag)!.DeepClone();
            tagReference["name"] = tag;
            var annotations = metaAnnotations is { Count: > 0 } ? metaAnnotations : requested?["annotations"] as JsonObject;
            tagReference["annotations"] = annotations is { Count: > 0 } ? annotations.DeepClone() : null;
            ValidateTag(name, tag, tagReference);
            TagHistory.SetSpecTag(stream, tagReference);
            try
            {
                var stored = Write(context, ns, streamName, stream, exists);
                return new WriteResult(ImageStreamTagView.Build(context.Api, stored, tag, allowEmpty: true)!, oldSpecTag is null);
            }
            catch (StatusException e) when (IsRace(e) && requestedVersion.Length == 0 && attempt < Retries) { }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict")
            {
                throw ApiErrors.Conflict(Type, name);
            }
        }
    }

    public JsonObject Delete(RequestContext context, string ns, string name, DeleteOptions options)
    {
        var (streamName, tag) = Split(name);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName) ?? throw ImageStreamTagView.NotFound(name);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != ObjectMeta.Uid(stream))
                throw ApiErrors.Conflict(Type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(stream)}");
            var removedSpec = TagHistory.RemoveSpecTag(stream, tag);
            var removedStatus = TagHistory.RemoveStatusTag(stream, tag);
            if (!removedSpec && !removedStatus) throw ImageStreamTagView.NotFound(name);
            try
            {
                if (!context.DryRun)
                {
                    using (ImageStreamWrites.Internal())
                        context.Api.Update(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, streamName, stream);
                }
                return new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
            }
            catch (StatusException e) when (IsRace(e) && attempt < Retries) { }
        }
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Reference", "string", "The pull spec of the tag's current image."),
        new("Updated", "string", "When the tag's current image was set."),
        new("Image Name", "string", "The image id.", 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var created = ObjectMeta.CreationTimestamp(obj);
        return
        [
            ObjectMeta.Name(obj),
            Str(obj["image"]?["dockerImageReference"]) ?? "",
            created is { } time ? HumanDuration.Format(now - time) + " ago" : "",
            Str(obj["image"]?["metadata"]?["name"]) ?? "",
        ];
    }

    private JsonObject Write(RequestContext context, string ns, string streamName, JsonObject stream, bool exists)
    {
        if (context.DryRun) return stream;
        return exists
            ? context.Api.Update(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, streamName, stream)
            : context.Api.Create(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, stream);
    }

    private void ValidateTag(string name, string tag, JsonObject tagReference)
    {
        if (!ImageStreamValidation.IsValidTag(tag))
            throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("metadata.name", name, $"the tag must match \"{ImageStreamValidation.TagPattern}\"")]);
    }

    private static (string Stream, string Tag) Split(string name) =>
        ImageStreamTagView.TrySplit(name, out var stream, out var tag)
            ? (stream, tag)
            : throw ApiErrors.BadRequest("ImageStreamTags must be retrieved with <name>:<tag>");

    private static bool IsRace(StatusException e) => e.Code == 409 && e.Reason is "Conflict" or "AlreadyExists";

    private static JsonObject NewStream(string ns, string name) => new()
    {
        ["kind"] = ImageTypes.ImageStreams.Kind,
        ["apiVersion"] = ImageTypes.ImageStreams.ApiVersion,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["lookupPolicy"] = new JsonObject { ["local"] = false } },
    };

    /// <summary>Go's <c>%v</c> of a map: <c>map[k:v k2:v2]</c>, keys sorted.</summary>
    private static string GoMap(JsonObject map) =>
        "map[" + string.Join(" ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Str(p.Value)}")) + "]";
}
