namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// Settings every part of the sandbox may read (strategies, controllers, the image importer). Filled
/// from the command line; <see cref="PublicRegistryHost"/> and <see cref="Server"/> are known only once
/// Kestrel has bound its ports, so read them at request time, not at construction.
/// </summary>
public sealed class SandboxSettings
{
    public string DataPath { get; init; } = "";
    public string AppsDomain { get; init; } = "apps.sandbox.localhost";
    /// <summary>Host:port of the integrated registry as seen inside the cluster (image streams' dockerImageRepository).</summary>
    public string InternalRegistryHost { get; init; } = "image-registry.openshift-image-registry.svc:5000";
    /// <summary>127.0.0.1:RPORT of the integrated registry's plain-HTTP endpoint (publicDockerImageRepository).</summary>
    public string PublicRegistryHost { get; set; } = "";
    /// <summary>https://127.0.0.1:PORT of the API.</summary>
    public string Server { get; set; } = "";
    /// <summary>Registry mirrors from <c>--mirror registry=host:port</c>.</summary>
    public IReadOnlyDictionary<string, string> Mirrors { get; init; } = new Dictionary<string, string>();
    public TimeSpan PodStartDelay { get; init; } = TimeSpan.Zero;
    public TimeSpan ImportInterval { get; init; } = TimeSpan.FromSeconds(900);
    public string? Seed { get; init; }
    /// <summary>The cluster's bearer token; the integrated registry requires it. Set by the host before modules register.</summary>
    public AccessToken? Token { get; set; }
}
