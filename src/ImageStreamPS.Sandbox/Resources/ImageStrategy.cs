using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>images</c>: cluster-scoped, named by manifest digest, created by imports and pushes. The raw
/// manifest and config are never stored; <c>dockerImageReference</c> is required and every signature valid
/// (openshift-apiserver image <c>strategy.go</c>, <c>validateImage</c>).
/// </summary>
public sealed class ImageStrategy : ResourceStrategy<Image>
{
    public override ResourceType Type => ImageTypes.Images;

    protected override void PrepareForCreate(RequestContext context, Image image)
    {
        ImageDocument.StripManifest(image);
        RemoveManagedSignatureAnnotation(image);
    }

    protected override void PrepareForUpdate(RequestContext context, Image image, Image old)
    {
        ImageDocument.StripManifest(image);
        RemoveManagedSignatureAnnotation(image);
    }

    /// <summary>image strategy.go <c>removeManagedSignatureAnnotation</c>: an annotation older servers let through (rhbz#1557607).</summary>
    private static void RemoveManagedSignatureAnnotation(Image image)
    {
        foreach (var signature in image.Signatures ?? []) signature.Metadata?.Annotations?.Remove("image.openshift.io/managed-signature");
    }

    protected override JsonObject Encode(Image image) => ImageDocument.Encode(image);

    protected override IEnumerable<FieldError> Validate(RequestContext context, Image image)
    {
        var reference = image.DockerImageReference ?? "";
        if (reference.Length == 0) yield return FieldError.Required("dockerImageReference");
        else if (!DockerImageReference.TryParse(reference, out _, out var error)) yield return FieldError.Invalid("dockerImageReference", reference, error);
        // validateImage: every stored signature as validateImageSignature sees it.
        for (var i = 0; i < (image.Signatures?.Count ?? 0); i++)
            foreach (var signatureError in ImageSignatureRules.Validate(image.Signatures![i], $"signatures[{i}]")) yield return signatureError;
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Image Reference", "string", "The pull spec the image was imported or pushed from."),
    ];

    protected override IReadOnlyList<JsonNode?> Cells(Image image, DateTimeOffset now) => [image.Metadata.Name, image.DockerImageReference ?? ""];
}
