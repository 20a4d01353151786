using ImageStreamPS.Sandbox.Containers;
using ImageStreamPS.Sandbox.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// The sandbox's router, as OpenShift's default router (HAProxy) is: it admits Routes and writes their
/// <c>status.ingress</c>, and serves each admitted host over plain HTTP on a loopback port of its own,
/// matching the Host header and path, balancing over the ready addresses of the Route's Services'
/// Endpoints, and answering 503 "Application is not available" when nothing can take the request.
/// The Pods behind it are simulated (<see cref="SimulatedPods"/>).
/// </summary>
public sealed class RouterModule : ISandboxModule
{
    private RouteTable _table = RouteTable.Empty;
    private RouterController? _controller;

    /// <summary>What the router did with the requests it took.</summary>
    public RouterStatistics Statistics { get; } = new();

    /// <summary>What the router serves now.</summary>
    public RouteTable Table => Volatile.Read(ref _table);

    /// <summary>True when the router has no changes waiting to be served (false before it starts).</summary>
    public bool IsIdle => _controller?.IsIdle ?? false;

    public async Task RunAsync(SandboxCore core, CancellationToken stopping)
    {
        var frontend = new RouterFrontend(() => Table, new SimulatedPods(core.Api), Statistics);
        await using var listeners = new RouterListeners(frontend);
        using var controller = new RouterController(core.Api, core.Settings, listeners, table => Volatile.Write(ref _table, table), NullLogger.Instance);
        _controller = controller;
        await controller.RunAsync(stopping).ConfigureAwait(false);
    }
}
