using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Durations;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagetags</c>: the full view of one tag (<c>spec</c> = the spec tag, <c>status</c> = its history,
/// <c>image</c> = the current Image), openshift-apiserver <c>imagetag/rest.go</c>. It exists when either a
/// spec or a status tag does; create needs a new spec tag; update changes only the spec; delete removes
/// spec and history.
/// </summary>
public sealed class ImageTagResource : StreamTagResource
{
    public override ResourceType Type => ImageTypes.ImageTags;

    protected override StatusException NotFound(string name) => ApiErrors.NotFound(Type, name);

    protected override StatusException UidPreconditionFailed(string name, string uid, ImageStream stream) =>
        ApiErrors.Conflict(Type, name, "the UID precondition was not met");

    public override JsonObject Get(RequestContext context, string ns, string name)
    {
        var (streamName, tag) = Split(name);
        var stream = ReadStream(context, ns, streamName) ?? throw NotFound(name);
        return ImageStreamTagView.BuildImageTag(context.Api, stream, tag, withImage: true) ?? throw NotFound(name);
    }

    protected override IEnumerable<string> ListedTags(ImageStream stream) =>
        (stream.Spec.Tags ?? []).Select(t => t.Name).Concat((stream.Status.Tags ?? []).Select(t => t.Tag));

    protected override JsonObject? ListItem(RequestContext context, ImageStream stream, string tag) =>
        ImageStreamTagView.BuildImageTag(context.Api, stream, tag, withImage: false);

    public override Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var request = Wire.Decode<ImageTag>(body, Type.Kind);
        var name = request.Metadata?.Name ?? "";
        var (streamName, tag) = Split(name);
        if (request.Spec is not { } spec)
            throw ApiErrors.Invalid(Type, name, [FieldError.Required("spec", "spec is required on create")]);
        if (spec.Name is { Length: > 0 } specName && specName != tag)
            throw ApiErrors.Invalid(Type, name, [FieldError.Invalid("spec.name", specName, "must match the tag part of the name")]);
        for (var attempt = 0; ; attempt++)
        {
            var stream = ReadStream(context, ns, streamName);
            var exists = stream is not null;
            stream ??= ImageStreamTagView.NewStream(ns, streamName);
            if (stream.FindSpecTag(tag) is not null) throw ApiErrors.AlreadyExists(Type, name);
            var tagReference = Wire.Copy(spec);
            tagReference.Name = tag;
            stream.SetSpecTag(tagReference);
            try
            {
                var stored = ImageStreamTagView.Write(context, stream, exists);
                return Task.FromResult(new WriteResult(ImageStreamTagView.BuildImageTag(context.Api, stored, tag, withImage: true)!, true));
            }
            catch (StatusException e) when (IsRace(e) && attempt < Retries) { }
        }
    }

    public override Task<WriteResult> UpdateAsync(RequestContext context, string ns, string name, JsonObject body)
    {
        var (streamName, tag) = Split(name);
        var request = Wire.Decode<ImageTag>(body, Type.Kind);
        var requestedVersion = request.Metadata?.ResourceVersion ?? "";
        for (var attempt = 0; ; attempt++)
        {
            var stream = ReadStream(context, ns, streamName) ?? throw NotFound(name);
            if (requestedVersion.Length > 0 && requestedVersion != stream.Metadata.ResourceVersion) throw ApiErrors.Conflict(Type, name);
            if (stream.FindSpecTag(tag) is null && stream.FindStatusTag(tag) is null) throw NotFound(name);
            if (request.Spec is { } spec)
            {
                var tagReference = Wire.Copy(spec);
                tagReference.Name = tag;
                stream.SetSpecTag(tagReference);
            }
            else stream.RemoveSpecTag(tag);
            try
            {
                var stored = ImageStreamTagView.Write(context, stream, exists: true);
                return Task.FromResult(new WriteResult(
                    ImageStreamTagView.BuildImageTag(context.Api, stored, tag, withImage: true) ?? throw NotFound(name), false));
            }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict" && requestedVersion.Length == 0 && attempt < Retries) { }
        }
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Spec", "string", "Tag, Ref, Scheduled, Track or Push: how the tag gets its image."),
        new("Status", "string", "The current source or image, Importing, or ImportFailed (reason)."),
        new("History", "integer", "How many images the tag has pointed to."),
        new("Updated", "string", "When the tag last changed."),
    ];

    /// <summary>openshift-apiserver's <c>printImageTag</c>.</summary>
    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var view = Wire.Decode<ImageTag>(obj, Type.Kind);
        long generation = 0;
        string source = "", status = "", spec = "", updated = "";
        if (view.Spec is { } specTag)
        {
            spec = specTag.ImportPolicy?.Scheduled == true ? "Scheduled" : specTag.Reference ? "Ref" : "Tag";
            generation = specTag.Generation ?? 0;
            if (specTag.From is { } from)
            {
                var fromName = from.Name ?? "";
                switch (from.Kind)
                {
                    case TagSourceKind.DockerImage: source = fromName; break;
                    case TagSourceKind.ImageStreamImage:
                        var at = fromName.Split('@');
                        if (at.Length == 2) source = "image/" + at[1]; else status = "InvalidRefName";
                        break;
                    case TagSourceKind.ImageStreamTag:
                        source = from.Namespace is { Length: > 0 } fromNamespace ? $"istag {fromNamespace}/{fromName}" : $"istag/{fromName}";
                        if (!ImageStreamTagView.TrySplit(fromName, out _, out _)) spec = "Track";
                        break;
                    default: status = "InvalidRefKind"; break;
                }
            }
            else spec = "";
        }
        int? count = null;
        if (view.Status is { } history)
        {
            DateTime? last = null;
            if (history.Items is { Count: > 0 } items)
            {
                var top = items[0];
                count = items.Count;
                last = top.Created;
                if (generation > 0 && top.Generation > 0 && top.Generation < generation) status = "Importing";
                else if (top.Image is { Length: > 0 } image) source = "image/" + image;
                else if (top.DockerImageReference is { Length: > 0 } reference) source = reference;
                if (source.Length > 0 && spec.Length == 0) spec = "Push";
                else if (spec != "Track" && generation > 0 && top.Generation > generation) spec = "Push";
            }
            foreach (var condition in history.Conditions ?? [])
            {
                if (condition.Type == TagEventCondition.ImportSuccess && condition.Status == "False") status = $"ImportFailed ({condition.Reason})";
                if (condition.LastTransitionTime is { } transition && (last is null || transition > last)) last = transition;
            }
            if (last is { } time) updated = HumanDuration.Ago(time, now.UtcDateTime);
        }
        if (status.Length == 0) status = source;
        return [view.Metadata?.Name ?? "", spec, status, count is { } n ? JsonValue.Create(n) : null, updated];
    }
}
