using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// openshift-apiserver's rules for image signatures: the <c>&lt;imageName&gt;@&lt;signatureName&gt;</c> name
/// (<c>splitImageSignatureName</c>), what a create clears (imagesignature <c>strategy.PrepareForCreate</c>),
/// validation (<c>validateImageSignature</c>, also run on every signature of an Image) and how a signature is
/// found in its Image (<c>indexOfImageSignatureByName</c>, <c>indexOfImageSignature</c>).
/// </summary>
public static class ImageSignatureRules
{
    /// <summary>The condition types a verifier writes.</summary>
    public const string Trusted = "Trusted", ForImage = "ForImage";

    /// <summary>Splits <c>image@signature</c>; on failure <paramref name="error"/> holds the server's message.</summary>
    public static bool TrySplitName(string name, out string image, out string signature, out string? error)
    {
        var segments = name.Split('@');
        (image, signature, error) = ("", "", null);
        if (segments.Length != 2)
        {
            error = $"expected exactly one @ in the image signature name \"{name}\"";
            return false;
        }
        (image, signature) = (segments[0], segments[1]);
        if (image.Length > 0 && signature.Length > 0) return true;
        error = $"image signature name \"{name}\" must have an image name and signature name";
        return false;
    }

    /// <summary>Clears what only a verifier may set (conditions, identity, claims, creation, issuer, subject).</summary>
    public static void PrepareForCreate(ImageSignature signature)
    {
        signature.Conditions = null;
        signature.ImageIdentity = null;
        signature.SignedClaims = null;
        signature.Created = null;
        signature.IssuedBy = null;
        signature.IssuedTo = null;
    }

    /// <summary>
    /// <c>validateImageSignature</c>, its field paths under <paramref name="path"/> (<c>""</c> for an
    /// ImageSignature, <c>"signatures[0]"</c> inside an Image).
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(ImageSignature signature, string path = "")
    {
        string At(string field) => path.Length == 0 ? field : path + "." + field;
        var errors = new List<FieldError>();
        var name = signature.Metadata?.Name ?? "";
        if (name.Length == 0) errors.Add(FieldError.Required(At("metadata.name"), "name or generateName is required"));
        else errors.AddRange(NameValidation.Name(name, NameValidation.PathSegmentName, At("metadata.name")));
        if (signature.Metadata?.Labels is { Count: > 0 }) errors.Add(FieldError.Forbidden(At("metadata.labels"), "signature labels cannot be set"));
        if (signature.Metadata?.Annotations is { Count: > 0 }) errors.Add(FieldError.Forbidden(At("metadata.annotations"), "signature annotations cannot be set"));
        if (!TrySplitName(name, out _, out _, out _))
            errors.Add(FieldError.Invalid(At("metadata.name"), name, "name must be of format <imageName>@<signatureName>"));
        if (string.IsNullOrEmpty(signature.Type)) errors.Add(FieldError.Required(At("type")));
        if (signature.Content is not { Length: > 0 }) errors.Add(FieldError.Required(At("content")));

        SignatureCondition? trusted = null, forImage = null;
        foreach (var condition in signature.Conditions ?? [])
        {
            if (condition.Type == Trusted && (trusted is null || !Before(condition, trusted))) trusted = condition;
            else if (condition.Type == ForImage && (forImage is null || !Before(condition, forImage))) forImage = condition;
        }
        if (trusted is not null && forImage is null)
            errors.Add(FieldError.Invalid(At("conditions"), Conditions(signature), $"missing \"{ForImage}\" condition type"));
        else if (forImage is not null && trusted is null)
            errors.Add(FieldError.Invalid(At("conditions"), Conditions(signature), $"missing \"{Trusted}\" condition type"));

        if (trusted is null || trusted.Status == "Unknown")
        {
            const string unknown = "must be unset for unknown signature state";
            if (!string.IsNullOrEmpty(signature.ImageIdentity)) errors.Add(FieldError.Invalid(At("imageIdentity"), signature.ImageIdentity, unknown));
            if (signature.SignedClaims is { Count: > 0 } claims)
                errors.Add(FieldError.Invalid(At("signedClaims"), JsonSerializer.SerializeToNode(claims), unknown));
            if (signature.IssuedBy is { } issuer) errors.Add(FieldError.Invalid(At("issuedBy"), JsonSerializer.SerializeToNode(issuer), unknown));
            if (signature.IssuedTo is { } subject) errors.Add(FieldError.Invalid(At("issuedTo"), JsonSerializer.SerializeToNode(subject), unknown));
        }
        return errors;
    }

    /// <summary>The position of the signature named <paramref name="name"/>, or -1.</summary>
    public static int IndexOfName(IList<ImageSignature>? signatures, string name)
    {
        for (var i = 0; i < (signatures?.Count ?? 0); i++)
            if (signatures![i].Metadata?.Name == name) return i;
        return -1;
    }

    /// <summary>The position of a signature with this type and content, or -1.</summary>
    public static int IndexOfContent(IList<ImageSignature>? signatures, string type, byte[]? content)
    {
        for (var i = 0; i < (signatures?.Count ?? 0); i++)
            if (signatures![i].Type == type && (signatures[i].Content ?? []).AsSpan().SequenceEqual(content ?? [])) return i;
        return -1;
    }

    private static bool Before(SignatureCondition a, SignatureCondition b) =>
        a.LastProbeTime is { } at && b.LastProbeTime is { } bt && at < bt;

    private static JsonNode? Conditions(ImageSignature signature) => JsonSerializer.SerializeToNode(signature.Conditions);
}
