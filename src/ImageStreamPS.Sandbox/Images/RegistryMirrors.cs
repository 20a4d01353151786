using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Mirrors per source registry, as OpenShift's ImageDigestMirrorSet/ImageTagMirrorSet configure them:
/// content for <c>docker.io/...</c> is fetched from the mirror host while every reference the API
/// writes still names the source registry. Mirrors are set by whoever starts the sandbox, so they
/// may answer plain HTTP.
/// </summary>
internal sealed class RegistryMirrors
{
    private readonly Dictionary<string, string> mirrors = new(StringComparer.OrdinalIgnoreCase);
    private readonly object gate = new();

    /// <summary>Adds or replaces the mirror of <paramref name="sourceRegistry"/> (<c>docker.io</c> → <c>127.0.0.1:5000</c>).</summary>
    public void Set(string sourceRegistry, string mirrorHost)
    {
        lock (gate) mirrors[Canonical(sourceRegistry)] = mirrorHost;
    }

    /// <summary>Parses one <c>--mirror registry=host:port</c> value.</summary>
    public bool TryAdd(string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0 || eq == assignment.Length - 1) return false;
        Set(assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
        return true;
    }

    /// <summary>The mirror host for a source registry, or null.</summary>
    public string? Find(string sourceRegistry)
    {
        lock (gate) return mirrors.GetValueOrDefault(Canonical(sourceRegistry));
    }

    private static string Canonical(string registry) =>
        DockerImageReference.IsRegistryDockerHub(registry) ? DockerImageReference.DockerDefaultRegistry : registry;
}
