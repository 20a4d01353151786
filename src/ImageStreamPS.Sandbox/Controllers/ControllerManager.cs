using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// Runs the sandbox's workload controllers (kube-controller-manager's deployment and replicaset
/// controllers, the kubelet's pod lifecycle, openshift-controller-manager's image trigger
/// controller) against the in-process API until the host stops.
/// </summary>
public sealed class ControllerManager : IDisposable
{
    private readonly IReadOnlyList<ControllerLoop> _controllers;

    public ControllerManager(ApiService api, SandboxSettings settings, ILogger<ControllerManager>? logger = null)
    {
        ILogger log = logger ?? NullLogger<ControllerManager>.Instance;
        var runtime = new PodRuntime(settings.PodStartDelay, NormalizedImageName.ParseError);
        _controllers =
        [
            new ImageTriggerController(api, log),
            new DeploymentController(api, log),
            new ReplicaSetController(api, log),
            new PodRuntimeController(api, runtime, log),
            .. (api.Catalog.Find("", EndpointsSync.Resource) is not null ? [new EndpointsController(api, log)] : Array.Empty<ControllerLoop>()),
        ];
    }

    /// <summary>True when no controller has work waiting or running (a settled cluster).</summary>
    public bool IsIdle => _controllers.All(c => c.IsIdle);

    /// <summary>Runs every controller until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(_controllers.Select(c => c.RunAsync(stopping)));

    public void Dispose()
    {
        foreach (var controller in _controllers) controller.Dispose();
    }
}
