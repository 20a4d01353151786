using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tagging;

/// <summary>
/// The source of <c>oc tag SOURCE DEST</c>: what kind of thing it names and the parsed reference.
/// Without an explicit type, a registry means <c>DockerImage</c>, else a digest means
/// <c>ImageStreamImage</c>, else a tag means <c>ImageStreamTag</c>, else <c>DockerImage</c>
/// (so <c>ns/name:tag</c> is an ImageStreamTag in namespace <c>ns</c>, not Docker Hub).
/// </summary>
public sealed record TagSource
{
    /// <summary>The text as the user wrote it.</summary>
    public required string Text { get; init; }
    /// <summary><see cref="TagSourceKind.DockerImage"/>, <see cref="TagSourceKind.ImageStreamTag"/> or <see cref="TagSourceKind.ImageStreamImage"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>The parsed source; for image stream sources Namespace is the stream's namespace (empty: the current one) and Name the stream.</summary>
    public required DockerImageReference Reference { get; init; }

    /// <summary>The source as oc prints it in "Tag … set to SOURCE." (<c>citas@sha256:…</c>).</summary>
    public string Exact => Reference.Exact();

    /// <summary>Whether <see cref="ResolveCurrentImage"/> must be applied before tagging (an ImageStreamTag source without <c>--alias</c>).</summary>
    public bool NeedsResolution(bool alias) => Kind == TagSourceKind.ImageStreamTag && !alias;

    /// <summary>The namespace of the source stream: the one written, or <paramref name="currentNamespace"/>.</summary>
    public string StreamNamespace(string currentNamespace) =>
        Reference.Namespace.Length > 0 ? Reference.Namespace : currentNamespace;

    /// <summary>
    /// Classifies <paramref name="text"/> as oc does. <paramref name="sourceType"/> is oc's <c>--source</c>
    /// (<c>docker</c>, <c>dockerimage</c>, <c>istag</c>, <c>imagestreamtag</c>, <c>isimage</c>, <c>imagestreamimage</c>,
    /// or a kind name, any case); null or empty to let the text decide.
    /// </summary>
    /// <exception cref="ImageTagException">With oc's message when the source is not usable.</exception>
    public static TagSource Classify(string text, string? sourceType, string currentNamespace)
    {
        var kind = NormalizeSourceType(sourceType);
        if (!DockerImageReference.TryParse(text, out var reference, out var error))
            throw new ImageTagException(ImageTagError.InvalidSource, $"invalid SOURCE: {error}");

        switch (kind)
        {
            case TagSourceKind.ImageStreamTag or TagSourceKind.ImageStreamImage:
                if (reference.Registry.Length > 0)
                    throw new ImageTagException(ImageTagError.InvalidSource, "server in SOURCE is only allowed when providing a container image");
                if (reference.Namespace == DockerImageReference.DockerDefaultNamespace)
                    reference = reference with { Namespace = currentNamespace };
                if (kind == TagSourceKind.ImageStreamTag && reference.Tag.Length == 0)
                    throw new ImageTagException(ImageTagError.InvalidSource, "--source=ImageStreamTag requires a valid <name>:<tag> in SOURCE");
                if (kind == TagSourceKind.ImageStreamImage && reference.ID.Length == 0)
                    throw new ImageTagException(ImageTagError.InvalidSource, "--source=ImageStreamImage requires a valid <name>@<id> in SOURCE");
                break;
            case null:
                kind = reference.Registry.Length > 0 ? TagSourceKind.DockerImage
                    : reference.ID.Length > 0 ? TagSourceKind.ImageStreamImage
                    : reference.Tag.Length > 0 ? TagSourceKind.ImageStreamTag
                    : TagSourceKind.DockerImage;
                break;
        }
        if (kind == TagSourceKind.DockerImage && RegistryHost.ValidatePort(reference.Registry) is { } portError)
            throw new ImageTagException(ImageTagError.InvalidSource, $"invalid SOURCE: {portError}");
        return new TagSource { Text = text, Kind = kind, Reference = reference };
    }

    /// <summary>
    /// Replaces an ImageStreamTag source by what it currently points to, read from the source stream's
    /// status: <c>stream@&lt;image id&gt;</c> (ImageStreamImage), or the pull spec when the tag is a reference
    /// without an image id (DockerImage). This is why <c>oc tag citas:v2 citas:latest</c> copies the digest.
    /// </summary>
    /// <exception cref="ImageTagException">When the tag has no current image (oc's message).</exception>
    public TagSource ResolveCurrentImage(ImageStream sourceStream)
    {
        ArgumentNullException.ThrowIfNull(sourceStream);
        if (Kind != TagSourceKind.ImageStreamTag) return this;
        var current = sourceStream.LatestTaggedImage(Reference.Tag);
        if (current is null)
            throw new ImageTagException(ImageTagError.SourceHasNoImage, $"\"{Text}\" is not currently pointing to an image, cannot use it as the source of a tag");
        if (string.IsNullOrEmpty(current.Image))
        {
            if (!DockerImageReference.TryParse(current.DockerImageReference, out var pullSpec, out var error))
                throw new ImageTagException(ImageTagError.SourceHasNoImage, $"the image stream tag \"{Text}\" has an invalid pull spec and cannot be used to tag: {error}");
            return this with { Kind = TagSourceKind.DockerImage, Reference = pullSpec };
        }
        return this with { Kind = TagSourceKind.ImageStreamImage, Reference = Reference with { ID = current.Image, Tag = "" } };
    }

    private static string? NormalizeSourceType(string? sourceType)
    {
        if (string.IsNullOrEmpty(sourceType)) return null;
        return sourceType.ToLowerInvariant() switch
        {
            "imagestreamtag" or "istag" or "imagestreamtags" => TagSourceKind.ImageStreamTag,
            "imagestreamimage" or "isimage" or "imagestreamimages" => TagSourceKind.ImageStreamImage,
            "docker" or "dockerimage" => TagSourceKind.DockerImage,
            _ => throw new ImageTagException(ImageTagError.InvalidSource,
                $"invalid source \"{sourceType}\"; valid values are docker, dockerimage, imagestreamimage, imagestreamtag, isimage, istag"),
        };
    }
}
