using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>The digest part of a by-digest pull spec (<c>repo@sha256:…</c>).</summary>
public static class ImageDigest
{
    public static string? Of(string? pullSpec) =>
        DockerImageReference.TryParse(pullSpec, out var reference) && !string.IsNullOrEmpty(reference.ID) ? reference.ID : null;
}
