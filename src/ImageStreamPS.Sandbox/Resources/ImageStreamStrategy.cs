using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagestreams</c> as openshift-apiserver's strategy: status replaced on create and ignored on the
/// main endpoint (except for the server's own import/push writes), generations, spec tag generations,
/// status events computed synchronously for ImageStreamImage/ImageStreamTag/reference sources,
/// tracking tags, validation, repositories recomputed on every read, sorted tags.
/// </summary>
public sealed class ImageStreamStrategy(SandboxSettings settings) : ResourceStrategy
{
    public override ResourceType Type => ImageTypes.ImageStreams;

    public override bool AllowUnconditionalUpdate => false;

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        // The server's own writes (an import creating its stream) keep their status tags.
        var status = new JsonObject { ["dockerImageRepository"] = DockerImageRepository(obj) };
        if (PublicDockerImageRepository(obj) is { } publicRepository) status["publicDockerImageRepository"] = publicRepository;
        if (ImageStreamWrites.IsInternal && obj["status"]?["tags"] is JsonArray tags) status["tags"] = tags.DeepClone();
        obj["status"] = status;
        ImageStreamShape.Normalize(obj);
        ObjectMeta.Metadata(obj)["generation"] = 1L;
        SpecTagGenerations.SetAllForCreate(obj, 1);
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) => ValidateStream(context, null, obj);

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        if (!ImageStreamWrites.IsInternal) obj["status"] = old["status"]?.DeepClone() ?? new JsonObject();
        ImageStreamShape.Normalize(obj);
        var generation = ObjectMeta.Generation(old);
        ObjectMeta.Metadata(obj)["generation"] = generation;
        SpecTagGenerations.KeepStored(obj, old);
        if (!JsonNode.DeepEquals(obj["spec"], old["spec"]) || generation == 0) generation++;
        ObjectMeta.Metadata(obj)["generation"] = generation;
        SpecTagGenerations.EnsureSet(obj, old, ObjectMeta.Namespace(obj), generation);
    }

    public override IEnumerable<FieldError> ValidateUpdate(RequestContext context, JsonObject obj, JsonObject old) => ValidateStream(context, old, obj);

    public override void PrepareForStatusUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForStatusUpdate(context, obj, old);
        ImageStreamShape.Normalize(obj);
        var generation = ObjectMeta.Generation(obj);
        // Every new top event gets a generation: its spec tag's when the event changed, else the stream's.
        foreach (var list in (obj["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (list["items"] is not JsonArray { Count: > 0 } items || items[0] is not JsonObject top || Long(top["generation"]) != 0) continue;
            var tag = Str(list["tag"]) ?? "";
            var older = TagHistory.Latest(old, tag);
            var changed = older is not null &&
                (Str(older["image"]) != Str(top["image"]) || Str(older["dockerImageReference"]) != Str(top["dockerImageReference"]) ||
                 Long(older["generation"]) > Long(top["generation"]));
            top["generation"] = changed && LongOrNull(TagHistory.SpecTag(obj, tag)?["generation"]) is { } specGeneration ? specGeneration : generation;
        }
    }

    public override void Decorate(JsonObject obj)
    {
        if (obj["status"] is not JsonObject) obj["status"] = new JsonObject();
        var status = (JsonObject)obj["status"]!;
        status["dockerImageRepository"] = DockerImageRepository(obj);
        if (PublicDockerImageRepository(obj) is { } publicRepository) status["publicDockerImageRepository"] = publicRepository;
        else status.Remove("publicDockerImageRepository");
        ImageStreamShape.Normalize(obj);
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Repository", "string", "The pull spec of the image stream's repository."),
        new("Tags", "string", "The tags of the image stream, most recently updated first."),
        new("Updated", "string", "When the most recent tag was updated."),
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) => ImageStreamTable.Cells(obj, now);

    protected override IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } = new Dictionary<string, Func<JsonObject, string>>
    {
        ["spec.dockerImageRepository"] = o => Str(o["spec"]?["dockerImageRepository"]) ?? "",
        ["status.dockerImageRepository"] = o => Str(o["status"]?["dockerImageRepository"]) ?? "",
    };

    private List<FieldError> ValidateStream(RequestContext context, JsonObject? old, JsonObject stream)
    {
        var errors = new List<FieldError>();
        var sources = new TagEventSources(
            (ns, name) => context.Api.TryGet(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name),
            settings.InternalRegistryHost);
        var tagErrors = sources.Apply(old, stream, ObjectMeta.FormatTime(context.Now));
        if (tagErrors.Count > 0) errors.Add(TagEventSources.Wrap(ObjectMeta.Name(stream), tagErrors));
        errors.AddRange(ImageStreamRules.Validate(stream));
        ImageStreamShape.Normalize(stream);
        return errors;
    }

    private string DockerImageRepository(JsonObject stream) =>
        settings.InternalRegistryHost.Length > 0
            ? $"{settings.InternalRegistryHost}/{ObjectMeta.Namespace(stream)}/{ObjectMeta.Name(stream)}"
            : Str(stream["spec"]?["dockerImageRepository"]) ?? "";

    private string? PublicDockerImageRepository(JsonObject stream) =>
        settings.PublicRegistryHost.Length > 0 ? $"{settings.PublicRegistryHost}/{ObjectMeta.Namespace(stream)}/{ObjectMeta.Name(stream)}" : null;
}
