using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagesignatures</c> (cluster-scoped, create and delete only): a signature named <c>image@signature</c> is
/// stored in its Image's <c>signatures</c> (openshift-apiserver <c>imagesignature/rest.go</c> and <c>strategy.go</c>,
/// the engine's <see cref="ImageSignatureRules"/>). Create answers the stored signature (201); delete a Success Status.
/// The Image is written through its own strategy, so a conflicting write of the Image answers 409.
/// </summary>
internal sealed class ImageSignatureResource : IVirtualResource
{
    // The resource as the REST names it in its errors (imagegroup.Resource("imageSignatures")).
    private static readonly ResourceType ErrorType = ImageTypes.ImageSignatures with { Resource = "imageSignatures" };

    public ResourceType Type => ImageTypes.ImageSignatures;

    public Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var signature = Wire.Decode<ImageSignature>(body, Type.Kind);
        signature.Metadata ??= new();
        // BeforeCreate names it from generateName as the strategy's GenerateName does (the base unchanged).
        if (string.IsNullOrEmpty(signature.Metadata.Name) && signature.Metadata.GenerateName is { Length: > 0 } generateName)
            signature.Metadata.Name = generateName;
        // FillObjectMetaSystemFields, then BeforeCreate: a cluster-scoped object has no namespace.
        signature.Metadata.Uid = Guid.NewGuid().ToString();
        signature.Metadata.CreationTimestamp = Wire.Time(context.Now);
        signature.Metadata.NamespaceProperty = null;
        ImageSignatureRules.PrepareForCreate(signature);
        var name = signature.Metadata.Name ?? "";
        if (ImageSignatureRules.Validate(signature) is { Count: > 0 } errors) throw ApiErrors.Invalid(Type, name, errors);
        if (!ImageSignatureRules.TrySplitName(name, out var imageName, out _, out var error)) throw ApiErrors.BadRequest(error!);

        var image = ReadImage(context, imageName);
        if (ImageSignatureRules.IndexOfName(image.Signatures, name) >= 0 || ImageSignatureRules.IndexOfContent(image.Signatures, signature.Type, signature.Content) >= 0)
            throw ApiErrors.AlreadyExists(ErrorType, name);
        var stored = Wire.Copy(signature);
        (stored.Kind, stored.ApiVersion) = (null, null);
        (image.Signatures ??= []).Add(stored);
        if (!context.DryRun) image = context.Api.Update(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, imageName, image);

        var index = ImageSignatureRules.IndexOfName(image.Signatures, name);
        if (index < 0) throw ApiErrors.Internal("failed to store given signature");
        var answer = image.Signatures![index];
        (answer.Kind, answer.ApiVersion) = (Type.Kind, Type.ApiVersion);
        return Task.FromResult(new WriteResult(Wire.Encode(answer), true));
    }

    public Task<JsonObject> DeleteAsync(RequestContext context, string ns, string name, DeleteOptions options)
    {
        if (!ImageSignatureRules.TrySplitName(name, out var imageName, out _, out _))
            throw ApiErrors.BadRequest("ImageSignatures must be accessed with <imageName>@<signatureName>");
        var image = ReadImage(context, imageName);
        var index = ImageSignatureRules.IndexOfName(image.Signatures, name);
        if (index < 0) throw ApiErrors.NotFound(ErrorType, name);
        image.Signatures!.RemoveAt(index);
        if (!options.DryRun) context.Api.Update(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, imageName, image);
        return Task.FromResult(Wire.Encode(ApiStatus.Succeeded().TopLevel()));
    }

    private static Image ReadImage(RequestContext context, string name) =>
        context.Api.Get<Image>(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, name);
}
