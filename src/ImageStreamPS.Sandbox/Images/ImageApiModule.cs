using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Plugs the image API into the sandbox host: its strategies and virtual resources, the integrated
/// registry on the plain-HTTP endpoint, <c>--seed Tutorial</c>, and the import controller.
/// </summary>
public sealed class ImageApiModule : ISandboxModule
{
    private volatile ImageApi? images;
    private SandboxSettings? settings;

    public void Register(ResourceCatalog catalog, SandboxSettings sandboxSettings)
    {
        settings = sandboxSettings;
        images = new ImageApi(sandboxSettings);
        images.Register(catalog);
    }

    public void MapRegistry(IEndpointRouteBuilder registry)
    {
        // The host may map routes while the catalog is still being built; requests come after Register.
        registry.Map("/v2", Handle);
        registry.Map("/v2/{**path}", Handle);
        registry.Map(Distribution.RegistryAccessController.TokenPath, Handle);
    }

    private Task Handle(HttpContext context) =>
        images?.HandleRegistryAsync(context) ?? throw new InvalidOperationException("the image API is not registered yet");

    public Task PrepareAsync(SandboxCore core, CancellationToken cancellationToken)
    {
        if (images is not null && settings?.Seed is { Length: > 0 } seed) images.Seed(seed);
        return Task.CompletedTask;
    }

    public async Task RunAsync(SandboxCore core, CancellationToken stopping)
    {
        if (images is null) return;
        images.Start(core.Api);
        try { await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await images.DisposeAsync().ConfigureAwait(false);
    }
}
