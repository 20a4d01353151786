using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagestreams</c> as openshift-apiserver's strategy (<c>pkg/image/apiserver/registry/imagestream/strategy.go</c>):
/// status replaced on create and ignored on the main endpoint (except for the server's own import/push
/// writes, its internal strategy), generations, spec tag generations, status events computed synchronously
/// for ImageStreamImage/ImageStreamTag/reference sources, tracking tags, validation (the engine's
/// <see cref="ImageStreamValidation.ValidateImageStream"/>), repositories recomputed on every read, sorted tags.
/// </summary>
public sealed class ImageStreamStrategy(SandboxSettings settings) : ResourceStrategy<ImageStream>
{
    public override ResourceType Type => ImageTypes.ImageStreams;

    public override bool AllowUnconditionalUpdate => false;

    protected override bool IgnoresStatus(RequestContext context) => !context.Internal;

    protected override void PrepareForCreate(RequestContext context, ImageStream stream)
    {
        // The server's own writes (an import creating its stream) keep their status tags.
        stream.Status = new ImageStreamStatus
        {
            DockerImageRepository = DockerImageRepository(stream),
            PublicDockerImageRepository = PublicDockerImageRepository(stream),
            Tags = context.Internal ? stream.Status?.Tags : null,
        };
        ImageStreamShape.Normalize(stream);
        stream.Metadata.Generation = 1;
        SpecTagGenerations.SetAllForCreate(stream, 1);
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, ImageStream stream) => ValidateStream(context, null, stream);

    protected override void PrepareForUpdate(RequestContext context, ImageStream stream, ImageStream old)
    {
        stream.Status ??= new ImageStreamStatus();
        ImageStreamShape.Normalize(stream);
        var generation = old.Metadata.Generation ?? 0;
        stream.Metadata.Generation = generation;
        SpecTagGenerations.KeepStored(stream, old);
        if (!JsonNode.DeepEquals(Wire.Encode(stream.Spec), Wire.Encode(old.Spec)) || generation == 0) generation++;
        stream.Metadata.Generation = generation;
        SpecTagGenerations.EnsureSet(stream, old, stream.Metadata.NamespaceProperty ?? "", generation);
    }

    protected override IEnumerable<FieldError> ValidateUpdate(RequestContext context, ImageStream stream, ImageStream old) =>
        ValidateStream(context, old, stream);

    protected override void PrepareForStatusUpdate(RequestContext context, ImageStream stream, ImageStream old)
    {
        ImageStreamShape.Normalize(stream);
        var generation = stream.Metadata.Generation ?? 0;
        // Every new top event gets a generation: its spec tag's when the event changed, else the stream's.
        foreach (var list in stream.Status.Tags ?? [])
        {
            if (list.Items is not { Count: > 0 } items || items[0].Generation != 0) continue;
            var top = items[0];
            var older = old.FindStatusTag(list.Tag)?.Items is { Count: > 0 } oldItems ? oldItems[0] : null;
            var changed = older is not null &&
                (older.Image != top.Image || older.DockerImageReference != top.DockerImageReference || older.Generation > top.Generation);
            top.Generation = changed && stream.FindSpecTag(list.Tag)?.Generation is { } specGeneration ? specGeneration : generation;
        }
    }

    protected override bool Decorates => true;

    protected override void Decorate(ImageStream stream)
    {
        stream.Status ??= new ImageStreamStatus();
        stream.Status.DockerImageRepository = DockerImageRepository(stream);
        stream.Status.PublicDockerImageRepository = PublicDockerImageRepository(stream);
        ImageStreamShape.Normalize(stream);
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Repository", "string", "The pull spec of the image stream's repository."),
        new("Tags", "string", "The tags of the image stream, most recently updated first."),
        new("Updated", "string", "When the most recent tag was updated."),
    ];

    protected override IReadOnlyList<JsonNode?> Cells(ImageStream stream, DateTimeOffset now) =>
        ImageStreamTable.Row(stream, now.UtcDateTime).Select(cell => (JsonNode?)cell).ToList();

    protected override IReadOnlyDictionary<string, Func<ImageStream, string>> Fields { get; } = new Dictionary<string, Func<ImageStream, string>>
    {
        ["spec.dockerImageRepository"] = s => s.Spec?.DockerImageRepository ?? "",
        ["status.dockerImageRepository"] = s => s.Status?.DockerImageRepository ?? "",
    };

    private List<FieldError> ValidateStream(RequestContext context, ImageStream? old, ImageStream stream)
    {
        var errors = new List<FieldError>();
        var sources = new TagEventSources(
            (ns, name) => context.Api.TryGet<ImageStream>(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name),
            settings.InternalRegistryHost);
        var tagErrors = sources.Apply(old, stream, Wire.Time(context.Now));
        if (tagErrors.Count > 0) errors.Add(TagEventSources.Wrap(stream.Metadata.Name ?? "", tagErrors));
        errors.AddRange(ImageStreamValidation.ValidateImageStream(stream));
        ImageStreamShape.Normalize(stream);
        return errors;
    }

    private string DockerImageRepository(ImageStream stream) =>
        settings.InternalRegistryHost.Length > 0
            ? $"{settings.InternalRegistryHost}/{stream.Metadata.NamespaceProperty}/{stream.Metadata.Name}"
            : stream.Spec?.DockerImageRepository ?? "";

    private string? PublicDockerImageRepository(ImageStream stream) =>
        settings.PublicRegistryHost.Length > 0 ? $"{settings.PublicRegistryHost}/{stream.Metadata.NamespaceProperty}/{stream.Metadata.Name}" : null;
}
