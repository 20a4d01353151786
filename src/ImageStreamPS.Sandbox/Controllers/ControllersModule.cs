using ImageStreamPS.Sandbox.Hosting;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The workload controllers as a sandbox module: they run from start to shutdown.</summary>
public sealed class ControllersModule : ISandboxModule
{
    private ControllerManager? _manager;

    /// <summary>True when the controllers have no work waiting or running (false before they start).</summary>
    public bool IsIdle => _manager?.IsIdle ?? false;

    /// <summary>Serves v1 endpoints, which the endpoints controller keeps up to date.</summary>
    public void Register(Resources.ResourceCatalog catalog, SandboxSettings settings)
    {
        if (catalog.Find("", EndpointsSync.Resource) is null) catalog.Add(new Resources.GenericStrategy<k8s.Models.V1Endpoints>(EndpointsSync.Type));
    }

    public async Task RunAsync(SandboxCore core, CancellationToken stopping)
    {
        using var manager = new ControllerManager(core.Api, core.Settings);
        _manager = manager;
        await manager.RunAsync(stopping).ConfigureAwait(false);
    }
}
