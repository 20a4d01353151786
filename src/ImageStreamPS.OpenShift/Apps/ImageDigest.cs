using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>The digest part of a by-digest pull spec (<c>repo@sha256:…</c>), and its short form.</summary>
public static class ImageDigest
{
    /// <summary>Hex digits kept by <see cref="Short"/>: the length of a short image id in <c>docker images</c>.</summary>
    public const int ShortHexLength = 12;

    /// <summary><c>sha256:24ffc068a860</c> for <c>sha256:24ffc068a860…</c> (what a narrow column shows); anything else unchanged.</summary>
    public static string Short(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var colon = digest.IndexOf(':');
        return colon > 0 && digest.Length - colon - 1 > ShortHexLength ? digest[..(colon + 1 + ShortHexLength)] : digest;
    }

    /// <summary>
    /// <c>repo@sha256:24ffc068a860</c> for a by-digest reference, <c>sha256:24ffc068a860</c> for a bare
    /// digest; a reference by tag (<c>127.0.0.1:5000/ns/citas:v1</c>) unchanged.
    /// </summary>
    public static string ShortIn(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.LastIndexOf('@');
        var digest = reference[(at + 1)..];
        return ReferenceGrammar.ValidateDigest(digest) is null ? reference[..(at + 1)] + Short(digest) : reference;
    }

    public static string? Of(string? pullSpec) =>
        DockerImageReference.TryParse(pullSpec, out var reference) && !string.IsNullOrEmpty(reference.ID) ? reference.ID : null;
}
