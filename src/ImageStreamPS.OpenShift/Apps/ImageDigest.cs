namespace ImageStreamPS.OpenShift.Apps;

/// <summary>The digest part of a by-digest pull spec (<c>repo@sha256:…</c>).</summary>
public static class ImageDigest
{
    public static string? Of(string? pullSpec)
    {
        if (string.IsNullOrEmpty(pullSpec)) return null;
        var at = pullSpec.LastIndexOf('@');
        return at >= 0 && pullSpec.IndexOf(':', at) > at ? pullSpec[(at + 1)..] : null;
    }
}
