using ImageStreamPS.Sandbox.Hosting;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>The sandbox as a user starts it for the tutorial: every module (image API, controllers), --seed Tutorial.</summary>
public sealed class TutorialCluster : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public SandboxHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await SandboxHost.StartAsync(new CommandLine { DataPath = _dir.Path, Seed = "Tutorial" });

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        _dir.Dispose();
    }
}
