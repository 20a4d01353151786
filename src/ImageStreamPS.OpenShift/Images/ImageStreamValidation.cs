using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// OpenShift's rules for image stream names, tag names and digests (openshift-apiserver
/// <c>validation.go</c>, library-go reference grammar, <c>oc tag</c>), with OpenShift's messages.
/// </summary>
public static class ImageStreamValidation
{
    /// <summary>The pattern a stream name must match in full.</summary>
    public const string StreamNamePattern = "[a-z0-9]+(?:[._-][a-z0-9]+)*";

    /// <summary>The pattern a tag must match in full (the Docker tag grammar, at most 128 characters).</summary>
    public const string TagPattern = "[\\w][\\w.-]{0,127}";

    private static readonly Regex StreamName = new("^" + StreamNamePattern + "\\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// Checks an image stream name; returns the failures (empty when valid) worded as the server
    /// words them on <c>metadata.name</c>.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateStreamName(string? name, string? @namespace = null)
    {
        const string field = "metadata.name";
        if (string.IsNullOrEmpty(name))
            return [FieldError.Required(field, "name or generateName is required")];

        var errors = new List<FieldError>();
        if (name == ".") errors.Add(FieldError.Invalid(field, name, "may not be '.'"));
        else if (name == "..") errors.Add(FieldError.Invalid(field, name, "may not be '..'"));
        if (name.Contains('/')) errors.Add(FieldError.Invalid(field, name, "may not contain '/'"));
        if (name.Contains('%')) errors.Add(FieldError.Invalid(field, name, "may not contain '%'"));
        if (errors.Count > 0) return errors;

        if (!StreamName.IsMatch(name))
            errors.Add(FieldError.Invalid(field, name, $"must match \"{StreamNamePattern}\""));
        if (!string.IsNullOrEmpty(@namespace) && @namespace.Length + 1 + name.Length > 255)
            errors.Add(FieldError.Invalid(field, name, "'namespace/name' cannot be longer than 255 characters"));
        return errors;
    }

    /// <summary>
    /// Checks a namespace name (an RFC 1123 label of at most 63 characters); null when valid, else the
    /// Kubernetes message.
    /// </summary>
    public static string? ValidateNamespace(string? @namespace)
    {
        if (string.IsNullOrEmpty(@namespace)) return "name or generateName is required";
        return NameValidation.Dns1123Label(@namespace) is [var first, ..] ? first : null;
    }

    /// <summary>Whether <paramref name="name"/> is a valid image stream name.</summary>
    public static bool IsValidStreamName(string? name) => ValidateStreamName(name).Count == 0;

    /// <summary>Whether <paramref name="tag"/> matches <c>^[\w][\w.-]{0,127}$</c>.</summary>
    public static bool IsValidTag(string? tag) => tag is not null && ReferenceGrammar.Tag.IsMatch(tag);

    /// <summary>
    /// Checks a tag name as <c>oc tag</c> does; null when valid, else oc's message
    /// (<c>invalid tag "x" format, tags must start with …</c>).
    /// </summary>
    public static string? ValidateTag(string? tag) => IsValidTag(tag)
        ? null
        : $"invalid tag \"{tag}\" format, tags must start with an alphanumeric character followed by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters";

    /// <summary>
    /// Checks a full digest (<c>sha256:</c> and 64 hex digits); null when valid, else the
    /// distribution library's message (<c>invalid checksum digest format</c>, <c>… length</c>, <c>unsupported digest algorithm</c>).
    /// </summary>
    public static string? ValidateDigest(string? digest) =>
        string.IsNullOrEmpty(digest) ? "invalid checksum digest format" : ReferenceGrammar.ValidateDigest(digest);

    /// <summary>Whether <paramref name="id"/> can name an image in a stream: a full digest or a hex prefix of one.</summary>
    public static bool IsValidImageId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return false;
        if (ReferenceGrammar.ValidateDigest(id) is null) return true;
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length is > 0 and <= 64 && hex.All(Uri.IsHexDigit);
    }

    /// <summary>
    /// openshift-apiserver <c>ValidateImageStream</c>: the stream name, the deprecated
    /// <c>spec.dockerImageRepository</c>, every spec tag (<see cref="ValidateTagReference"/>) and every status
    /// item's pull spec, with the server's causes and messages. Path problems of the name ('/', '%', '.', '..')
    /// are left to the generic metadata checks, as the apiserver reports them once.
    /// </summary>
    public static List<FieldError> ValidateImageStream(ImageStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new List<FieldError>();
        var name = stream.Metadata?.Name ?? "";
        if (name.Length > 0 && name is not ("." or "..") && !name.Contains('/') && !name.Contains('%'))
            errors.AddRange(ValidateStreamName(name, stream.Metadata?.NamespaceProperty));

        if (stream.Spec?.DockerImageRepository is { Length: > 0 } repository)
        {
            const string field = "spec.dockerImageRepository";
            if (!DockerImageReference.TryParse(repository, out var reference, out var error))
                errors.Add(FieldError.Invalid(field, repository, error));
            else
            {
                if (reference.Tag.Length > 0) errors.Add(FieldError.Invalid(field, repository, "the repository name may not contain a tag"));
                if (reference.ID.Length > 0) errors.Add(FieldError.Invalid(field, repository, "the repository name may not contain an ID"));
            }
        }

        foreach (var tag in stream.Spec?.Tags ?? [])
            errors.AddRange(ValidateTagReference(tag, $"spec.tags[{tag.Name}]"));

        foreach (var list in stream.Status?.Tags ?? [])
        {
            var items = list.Items ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var field = $"status.tags[{list.Tag}].items[{i}].dockerImageReference";
                var pullSpec = items[i].DockerImageReference ?? "";
                if (pullSpec.Length == 0) errors.Add(FieldError.Required(field));
                else if (!DockerImageReference.TryParse(pullSpec, out _, out var error)) errors.Add(FieldError.Invalid(field, pullSpec, error));
            }
        }
        return errors;
    }

    /// <summary>
    /// openshift-apiserver <c>ValidateImageStreamTagReference</c> (source kind and name, scheduled only for
    /// DockerImage, reference policy, import mode) plus the tag-name grammar, under <paramref name="path"/>.
    /// </summary>
    public static List<FieldError> ValidateTagReference(TagReference tag, string path)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var errors = new List<FieldError>();
        var tagName = tag.Name ?? "";
        if (!IsValidTag(tagName))
            errors.Add(FieldError.Invalid(path + ".name", tagName, $"must match \"{TagPattern}\""));
        if (tag.From is { } from)
        {
            var fromName = from.Name ?? "";
            if (fromName.Length == 0) errors.Add(FieldError.Required(path + ".from.name"));
            switch (from.Kind)
            {
                case TagSourceKind.DockerImage:
                    if (fromName.Length > 0 && !DockerImageReference.TryParse(fromName, out _, out var error))
                        errors.Add(FieldError.Invalid(path + ".from.name", fromName, error));
                    break;
                case TagSourceKind.ImageStreamImage:
                case TagSourceKind.ImageStreamTag:
                    if (tag.ImportPolicy?.Scheduled == true)
                        errors.Add(FieldError.Invalid(path + ".importPolicy.scheduled", JsonValue.Create(true),
                            "only tags pointing to Docker repositories may be scheduled for background import"));
                    break;
                default:
                    errors.Add(FieldError.Required(path + ".from.kind", "valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'"));
                    break;
            }
        }
        var policy = tag.ReferencePolicy?.Type ?? "";
        if (policy is not (TagReferencePolicyType.Source or TagReferencePolicyType.Local))
            errors.Add(FieldError.Invalid(path + ".referencePolicy.type", policy, "valid values are \"Source\", \"Local\""));
        var mode = tag.ImportPolicy?.ImportMode ?? "";
        if (mode is not ("" or ImportMode.Legacy or ImportMode.PreserveOriginal))
            errors.Add(FieldError.Invalid(path + ".importPolicy.importMode", mode, "invalid import mode, valid modes are '', 'Legacy', 'PreserveOriginal'"));
        return errors;
    }
}
