using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// An image on a remote registry, with Docker client defaults applied (registry <c>docker.io</c>,
/// <c>library/</c> for single-component Hub names) and the spelling the user wrote kept apart, because
/// OpenShift stores <c>dockerImageReference</c> in the user's spelling with only the digest added.
/// </summary>
/// <param name="Registry">The defaulted registry host (<c>docker.io</c>, <c>quay.io</c>, <c>127.0.0.1:5000</c>).</param>
/// <param name="Path">The repository path on that registry (<c>josedom24/citas-backend</c>, <c>library/nginx</c>).</param>
/// <param name="Tag">The tag, or null when <paramref name="Digest"/> is set or none was given.</param>
/// <param name="Digest">The manifest digest, when the reference is by digest.</param>
/// <param name="WrittenRepository">The repository as written, without tag or digest (<c>josedom24/citas-backend</c>).</param>
internal sealed record RemoteImageReference(string Registry, string Path, string? Tag, string? Digest, string WrittenRepository)
{
    /// <summary>The tag or digest to ask the registry for (<c>latest</c> when neither was given).</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    /// <summary>The normalised name used in import errors: <c>docker.io/josedom24/citas-backend:v9</c>.</summary>
    public string NormalizedName => $"{Registry}/{Path}" + (Digest is not null ? "@" + Digest : ":" + (Tag ?? "latest"));

    /// <summary>The normalised repository: <c>docker.io/josedom24/citas-backend</c>.</summary>
    public string NormalizedRepository => $"{Registry}/{Path}";

    /// <summary>The written repository with a digest: what an imported image's <c>dockerImageReference</c> says.</summary>
    public string WithDigest(string digest) => $"{WrittenRepository}@{digest}";

    /// <summary>The same repository at another tag or digest.</summary>
    public RemoteImageReference At(string? tag, string? digest) => this with { Tag = tag, Digest = digest };

    /// <summary>True for Docker Hub, whose API lives on <c>registry-1.docker.io</c>.</summary>
    public bool IsDockerHub => DockerImageReference.IsRegistryDockerHub(Registry);
}
