using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>images</c>: cluster-scoped, named by manifest digest, created by imports and pushes. The raw
/// manifest and config are never stored (<c>PrepareImageForCreate</c>); <c>dockerImageReference</c> is required.
/// </summary>
public sealed class ImageStrategy : ResourceStrategy
{
    public override ResourceType Type => ImageTypes.Images;

    public override void PrepareForCreate(RequestContext context, JsonObject obj) => ImageDocument.StripManifest(obj);

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old) => ImageDocument.StripManifest(obj);

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj)
    {
        var reference = Str(obj["dockerImageReference"]) ?? "";
        if (reference.Length == 0) yield return FieldError.Required("dockerImageReference");
        else if (!DockerImageReference.TryParse(reference, out _, out var error)) yield return FieldError.Invalid("dockerImageReference", reference, error);
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Reference", "string", "The pull spec the image was imported or pushed from."),
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [ObjectMeta.Name(obj), Str(obj["dockerImageReference"]) ?? ""];
}
