using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagetags</c>: the full view of one tag (<c>spec</c> = the spec tag, <c>status</c> = its history,
/// <c>image</c> = the current Image). It exists when either a spec or a status tag does; create needs a
/// new spec tag; update changes only the spec; delete removes spec and history.
/// </summary>
public sealed class ImageTagResource : IVirtualResource
{
    private const int Retries = 10;

    public ResourceType Type => ImageTypes.ImageTags;

    public JsonObject Get(RequestContext context, string ns, string name)
    {
        var (streamName, tag) = Split(name);
        var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName) ?? throw ApiErrors.NotFound(Type, name);
        return View(context.Api, stream, tag, withImage: true) ?? throw ApiErrors.NotFound(Type, name);
    }

    public JsonObject List(RequestContext context, string? ns, ListOptions options)
    {
        var streams = context.Api.List(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns,
            new ListOptions { LabelSelector = options.LabelSelector });
        var items = new JsonArray();
        foreach (var stream in streams.Items.OrderBy(ObjectMeta.Namespace, StringComparer.Ordinal).ThenBy(ObjectMeta.Name, StringComparer.Ordinal))
        {
            var tags = (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>().Select(t => Str(t["name"]) ?? "")
                .Concat((stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>().Select(t => Str(t["tag"]) ?? ""))
                .Distinct().Order(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                if (View(context.Api, stream, tag, withImage: false) is not { } view) continue;
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
        if (body["spec"] is not JsonObject spec)
            throw ApiErrors.Invalid(Type, name, [FieldError.Required("spec", "spec is required on create")]);
        if (Str(spec["name"]) is { Length: > 0 } specName && specName != tag)
            throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("spec.name", specName, "must match the tag part of the name")]);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName);
            var exists = stream is not null;
            stream ??= NewStream(ns, streamName);
            if (TagHistory.SpecTag(stream, tag) is not null) throw ApiErrors.AlreadyExists(Type, name);
            var tagReference = (JsonObject)spec.DeepClone();
            tagReference["name"] = tag;
            TagHistory.SetSpecTag(stream, tagReference);
            try
            {
                var stored = Write(context, ns, streamName, stream, exists);
                return new WriteResult(View(context.Api, stored, tag, withImage: true)!, true);
            }
            catch (StatusException e) when (e.Code == 409 && attempt < Retries) { }
        }
    }

    public WriteResult Update(RequestContext context, string ns, string name, JsonObject body)
    {
        var (streamName, tag) = Split(name);
        var requestedVersion = Str(body["metadata"]?["resourceVersion"]) ?? "";
        for (var attempt = 0; ; attempt++)
        {
            var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName) ?? throw ApiErrors.NotFound(Type, name);
            if (requestedVersion.Length > 0 && requestedVersion != ObjectMeta.ResourceVersion(stream)) throw ApiErrors.Conflict(Type, name);
            if (TagHistory.SpecTag(stream, tag) is null && TagHistory.StatusTag(stream, tag) is null) throw ApiErrors.NotFound(Type, name);
            if (body["spec"] is JsonObject spec)
            {
                var tagReference = (JsonObject)spec.DeepClone();
                tagReference["name"] = tag;
                TagHistory.SetSpecTag(stream, tagReference);
            }
            else TagHistory.RemoveSpecTag(stream, tag);
            try
            {
                var stored = Write(context, ns, streamName, stream, exists: true);
                return new WriteResult(View(context.Api, stored, tag, withImage: true) ?? throw ApiErrors.NotFound(Type, name), false);
            }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict" && requestedVersion.Length == 0 && attempt < Retries) { }
        }
    }

    public JsonObject Delete(RequestContext context, string ns, string name, DeleteOptions options)
    {
        var (streamName, tag) = Split(name);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ImageStreamTagView.GetStream(context.Api, ns, streamName) ?? throw ApiErrors.NotFound(Type, name);
            var removedSpec = TagHistory.RemoveSpecTag(stream, tag);
            var removedStatus = TagHistory.RemoveStatusTag(stream, tag);
            if (!removedSpec && !removedStatus) throw ApiErrors.NotFound(Type, name);
            try
            {
                if (!context.DryRun)
                {
                    using (ImageStreamWrites.Internal())
                        context.Api.Update(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, streamName, stream);
                }
                return new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
            }
            catch (StatusException e) when (e.Code == 409 && attempt < Retries) { }
        }
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Spec", "string", "Tag, Ref, Scheduled, Track or Push: how the tag gets its image."),
        new("Status", "string", "The current source or image, Importing, or ImportFailed (reason)."),
        new("History", "integer", "How many images the tag has pointed to."),
        new("Updated", "string", "When the tag last changed."),
    ];

    /// <summary>openshift-apiserver's <c>printImageTag</c>.</summary>
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        long generation = 0;
        string source = "", status = "", spec = "", updated = "";
        if (obj["spec"] is JsonObject specTag)
        {
            spec = Bool(specTag["importPolicy"]?["scheduled"]) ? "Scheduled" : Bool(specTag["reference"]) ? "Ref" : "Tag";
            generation = LongOrNull(specTag["generation"]) ?? 0;
            if (specTag["from"] is JsonObject from)
            {
                var fromName = Str(from["name"]) ?? "";
                switch (Str(from["kind"]))
                {
                    case "DockerImage": source = fromName; break;
                    case "ImageStreamImage":
                        var at = fromName.Split('@');
                        if (at.Length == 2) source = "image/" + at[1]; else status = "InvalidRefName";
                        break;
                    case "ImageStreamTag":
                        source = Str(from["namespace"]) is { Length: > 0 } fromNamespace ? $"istag {fromNamespace}/{fromName}" : $"istag/{fromName}";
                        if (!ImageStreamTagView.TrySplit(fromName, out _, out _)) spec = "Track";
                        break;
                    default: status = "InvalidRefKind"; break;
                }
            }
            else spec = "";
        }
        int? count = null;
        if (obj["status"] is JsonObject history)
        {
            var items = history["items"] as JsonArray ?? [];
            DateTimeOffset? last = null;
            if (items.Count > 0 && items[0] is JsonObject top)
            {
                count = items.Count;
                last = ObjectMeta.Time(Str(top["created"]));
                var eventGeneration = Long(top["generation"]);
                if (generation > 0 && eventGeneration > 0 && eventGeneration < generation) status = "Importing";
                else if (Str(top["image"]) is { Length: > 0 } image) source = "image/" + image;
                else if (Str(top["dockerImageReference"]) is { Length: > 0 } reference) source = reference;
                if (source.Length > 0 && spec.Length == 0) spec = "Push";
                else if (spec != "Track" && generation > 0 && eventGeneration > generation) spec = "Push";
            }
            foreach (var condition in (history["conditions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Str(condition["type"]) == "ImportSuccess" && Str(condition["status"]) == "False") status = $"ImportFailed ({Str(condition["reason"])})";
                if (ObjectMeta.Time(Str(condition["lastTransitionTime"])) is { } transition && (last is null || transition > last)) last = transition;
            }
            if (last is { } time) updated = HumanDuration.Format(now - time) + " ago";
        }
        if (status.Length == 0) status = source;
        return [ObjectMeta.Name(obj), spec, status, count is { } n ? JsonValue.Create(n) : null, updated];
    }

    private static JsonObject? View(ApiService api, JsonObject stream, string tag, bool withImage)
    {
        var specTag = TagHistory.SpecTag(stream, tag);
        var statusTag = TagHistory.StatusTag(stream, tag);
        if (specTag is null && statusTag is null) return null;
        var streamMeta = ObjectMeta.Metadata(stream);
        var view = new JsonObject
        {
            ["kind"] = ImageTypes.ImageTags.Kind,
            ["apiVersion"] = ImageTypes.ImageTags.ApiVersion,
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{ObjectMeta.Name(stream)}:{tag}",
                ["namespace"] = ObjectMeta.Namespace(stream),
                ["uid"] = streamMeta["uid"]?.DeepClone(),
                ["resourceVersion"] = streamMeta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = streamMeta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = specTag is null ? null : ImageStreamShape.TagReference(specTag),
            ["status"] = statusTag is null ? null : ImageStreamShape.NamedTagEventList(statusTag),
        };
        if (!withImage) return view;
        JsonObject? image = null;
        if (TagHistory.Latest(stream, tag) is { } latest && Str(latest["image"]) is { Length: > 0 } imageName &&
            api.TryGet(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, imageName) is { } stored)
            image = ImageStreamTagView.EmbeddedImage(stream, tag, latest, stored, specTag);
        view["image"] = image;
        return view;
    }

    private static JsonObject Write(RequestContext context, string ns, string streamName, JsonObject stream, bool exists)
    {
        if (context.DryRun) return stream;
        return exists
            ? context.Api.Update(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, streamName, stream)
            : context.Api.Create(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, stream);
    }

    private static (string Stream, string Tag) Split(string name) =>
        ImageStreamTagView.TrySplit(name, out var stream, out var tag)
            ? (stream, tag)
            : throw ApiErrors.BadRequest("ImageTags must be retrieved with <name>:<tag>");

    private static JsonObject NewStream(string ns, string name) => new()
    {
        ["kind"] = ImageTypes.ImageStreams.Kind,
        ["apiVersion"] = ImageTypes.ImageStreams.ApiVersion,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["lookupPolicy"] = new JsonObject { ["local"] = false } },
    };
}
