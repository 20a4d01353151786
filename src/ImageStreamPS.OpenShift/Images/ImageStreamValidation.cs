using System.Text.RegularExpressions;

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

    private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant);

    private static readonly Regex StreamName = new("^" + StreamNamePattern + "\\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// Checks an image stream name; returns the failures (empty when valid) worded as the server
    /// words them on <c>metadata.name</c>.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateStreamName(string? name, string? @namespace = null)
    {
        const string field = "metadata.name";
        if (string.IsNullOrEmpty(name))
            return [new FieldError(FieldErrorType.Required, field, null, "name or generateName is required")];

        var errors = new List<FieldError>();
        if (name == ".") errors.Add(new(FieldErrorType.Invalid, field, name, "may not be '.'"));
        else if (name == "..") errors.Add(new(FieldErrorType.Invalid, field, name, "may not be '..'"));
        if (name.Contains('/')) errors.Add(new(FieldErrorType.Invalid, field, name, "may not contain '/'"));
        if (name.Contains('%')) errors.Add(new(FieldErrorType.Invalid, field, name, "may not contain '%'"));
        if (errors.Count > 0) return errors;

        if (!StreamName.IsMatch(name))
            errors.Add(new(FieldErrorType.Invalid, field, name, $"must match \"{StreamNamePattern}\""));
        if (!string.IsNullOrEmpty(@namespace) && @namespace.Length + 1 + name.Length > 255)
            errors.Add(new(FieldErrorType.Invalid, field, name, "'namespace/name' cannot be longer than 255 characters"));
        return errors;
    }

    /// <summary>
    /// Checks a namespace name (an RFC 1123 label of at most 63 characters); null when valid, else the
    /// Kubernetes message.
    /// </summary>
    public static string? ValidateNamespace(string? @namespace)
    {
        if (string.IsNullOrEmpty(@namespace)) return "name or generateName is required";
        if (@namespace.Length > 63) return "must be no more than 63 characters";
        return Dns1123Label.IsMatch(@namespace) ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
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
}
