using System.Diagnostics.CodeAnalysis;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>What an <see cref="ImageStreamReference"/> names.</summary>
public enum ImageStreamReferenceKind
{
    /// <summary>A whole stream: <c>citas</c>.</summary>
    Stream,
    /// <summary>A tag: <c>citas:v1</c> (an ImageStreamTag).</summary>
    Tag,
    /// <summary>An image by digest: <c>citas@sha256:…</c> (an ImageStreamImage).</summary>
    Image,
}

/// <summary>
/// The image stream forms users type: <c>citas</c>, <c>citas:v1</c>, <c>ns/citas:v1</c>,
/// <c>citas@sha256:…</c>. The stream name and tag are validated with OpenShift's rules.
/// </summary>
public sealed record ImageStreamReference
{
    /// <summary>The namespace when written (<c>ns/citas:v1</c>); null otherwise.</summary>
    public string? Namespace { get; init; }
    /// <summary>The stream name.</summary>
    public string Name { get; init; } = "";
    /// <summary>The tag, for <see cref="ImageStreamReferenceKind.Tag"/>.</summary>
    public string? Tag { get; init; }
    /// <summary>The image id (digest or digest prefix), for <see cref="ImageStreamReferenceKind.Image"/>.</summary>
    public string? ImageId { get; init; }

    /// <summary>Whether this names a stream, a tag or an image.</summary>
    public ImageStreamReferenceKind Kind =>
        ImageId is not null ? ImageStreamReferenceKind.Image : Tag is not null ? ImageStreamReferenceKind.Tag : ImageStreamReferenceKind.Stream;

    /// <summary>The ImageStreamTag or ImageStreamImage object name: <c>citas:v1</c>, <c>citas@sha256:…</c>, or <c>citas</c>.</summary>
    public string ObjectName => Kind switch
    {
        ImageStreamReferenceKind.Tag => Name + ":" + Tag,
        ImageStreamReferenceKind.Image => Name + "@" + ImageId,
        _ => Name,
    };

    /// <summary>The namespace, or <paramref name="defaultNamespace"/> when none was written.</summary>
    public string NamespaceOr(string defaultNamespace) => string.IsNullOrEmpty(Namespace) ? defaultNamespace : Namespace;

    /// <summary>As typed: <c>[ns/]name[:tag|@id]</c>.</summary>
    public override string ToString() => (string.IsNullOrEmpty(Namespace) ? "" : Namespace + "/") + ObjectName;

    /// <summary>Parses any of the forms; throws <see cref="FormatException"/> with a message naming the problem.</summary>
    public static ImageStreamReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses a form that must name a tag (<c>[ns/]stream:tag</c>), as <c>oc tag</c> destinations must.</summary>
    public static ImageStreamReference ParseTag(string text)
    {
        var reference = Parse(text);
        if (reference.Kind != ImageStreamReferenceKind.Tag)
            throw new FormatException($"\"{text}\" must be of the form <stream_name>:<tag>");
        return reference;
    }

    /// <summary>Parses any of the forms; false with a message when the text is not one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageStreamReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an image stream name is required";
            return false;
        }

        string? ns = null;
        var rest = text;
        if (text.Contains('/'))
        {
            var parts = text.Split('/');
            if (parts.Length != 2)
            {
                error = $"invalid image stream \"{text}\"";
                return false;
            }
            if (parts[0].Length == 0)
            {
                error = $"invalid namespace \"\" for image stream \"{text}\"";
                return false;
            }
            if (parts[1].Length == 0)
            {
                error = $"invalid name \"\" for image stream \"{text}\"";
                return false;
            }
            if (ImageStreamValidation.ValidateNamespace(parts[0]) is { } nsError)
            {
                error = $"invalid namespace \"{parts[0]}\" for image stream \"{text}\": {nsError}";
                return false;
            }
            (ns, rest) = (parts[0], parts[1]);
        }

        string name;
        string? tag = null, id = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (rest.IndexOf('@', at + 1) >= 0)
            {
                error = $"expected exactly one @ in the isimage name \"{rest}\"";
                return false;
            }
            (name, id) = (rest[..at], rest[(at + 1)..]);
            if (name.Length == 0 || id.Length == 0)
            {
                error = $"image stream image name \"{rest}\" must have a name and ID";
                return false;
            }
            if (!ImageStreamValidation.IsValidImageId(id))
            {
                error = $"invalid image id \"{id}\" in \"{text}\": expected a digest such as sha256:<64 hex digits> or a hex prefix of one";
                return false;
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                if (rest.IndexOf(':', colon + 1) >= 0)
                {
                    error = $"expected exactly one : delimiter in the istag \"{rest}\"";
                    return false;
                }
                (name, tag) = (rest[..colon], rest[(colon + 1)..]);
                if (name.Length == 0 || tag.Length == 0)
                {
                    error = $"image stream tag name \"{rest}\" must have a name and a tag";
                    return false;
                }
                if (ImageStreamValidation.ValidateTag(tag) is { } tagError)
                {
                    error = tagError;
                    return false;
                }
            }
            else
            {
                name = rest;
            }
        }

        var nameErrors = ImageStreamValidation.ValidateStreamName(name, ns);
        if (nameErrors.Count > 0)
        {
            error = $"invalid image stream name \"{name}\": {nameErrors[0].Detail}";
            return false;
        }

        reference = new ImageStreamReference { Namespace = ns, Name = name, Tag = tag, ImageId = id };
        error = null;
        return true;
    }
}
