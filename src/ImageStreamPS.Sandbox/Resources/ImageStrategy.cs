using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>images</c>: cluster-scoped, named by manifest digest, created by imports and pushes. The raw
/// manifest and config are never stored; <c>dockerImageReference</c> is required.
/// </summary>
public sealed class ImageStrategy : ResourceStrategy<Image>
{
    public override ResourceType Type => ImageTypes.Images;

    protected override void PrepareForCreate(RequestContext context, Image image) => ImageDocument.StripManifest(image);

    protected override void PrepareForUpdate(RequestContext context, Image image, Image old) => ImageDocument.StripManifest(image);

    protected override JsonObject Encode(Image image) => ImageDocument.Encode(image);

    protected override IEnumerable<FieldError> Validate(RequestContext context, Image image)
    {
        var reference = image.DockerImageReference ?? "";
        if (reference.Length == 0) yield return FieldError.Required("dockerImageReference");
        else if (!DockerImageReference.TryParse(reference, out _, out var error)) yield return FieldError.Invalid("dockerImageReference", reference, error);
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Reference", "string", "The pull spec the image was imported or pushed from."),
    ];

    protected override IReadOnlyList<JsonNode?> Cells(Image image, DateTimeOffset now) => [image.Metadata.Name, image.DockerImageReference ?? ""];
}
