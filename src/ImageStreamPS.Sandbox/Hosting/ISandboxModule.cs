using ImageStreamPS.Sandbox.Resources;
using Microsoft.AspNetCore.Routing;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// A part of the sandbox beyond the API machinery (the image API and integrated registry, the
/// controllers). Implement the members you need and add one line to <see cref="SandboxModules.All"/>.
/// Order of calls: <see cref="Register"/> (building the catalog), <see cref="MapRegistry"/> (building the
/// HTTP pipeline), <see cref="PrepareAsync"/> (after the ports are bound, before SANDBOX READY — e.g. seeding),
/// then <see cref="RunAsync"/> in the background until shutdown cancels the token.
/// </summary>
public interface ISandboxModule
{
    /// <summary>Adds or replaces catalog entries: <c>catalog.Add(new ImageStreamStrategy(settings));</c></summary>
    void Register(ResourceCatalog catalog, SandboxSettings settings) { }

    /// <summary>
    /// Maps handlers on the integrated registry's plain-HTTP endpoint (OCI distribution paths, e.g.
    /// <c>registry.Map("/v2/{**path}", handler)</c>). Runs while the store may still be opening: handlers
    /// that need the API should capture the core given to <see cref="PrepareAsync"/>.
    /// </summary>
    void MapRegistry(IEndpointRouteBuilder registry) { }

    /// <summary>Work that must finish before the sandbox reports ready (settings.PublicRegistryHost and Server are set).</summary>
    Task PrepareAsync(SandboxCore core, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Background work (controllers, scheduled imports) until <paramref name="stopping"/> is cancelled.</summary>
    Task RunAsync(SandboxCore core, CancellationToken stopping) => Task.CompletedTask;
}

/// <summary>The modules the sandbox program runs, in order.</summary>
public static class SandboxModules
{
    public static IReadOnlyList<ISandboxModule> All => [new Images.ImageApiModule(), new Controllers.ControllersModule(), new Router.RouterModule()];
}
