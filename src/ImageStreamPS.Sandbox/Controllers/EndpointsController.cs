using ImageStreamPS.Sandbox.Api;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The endpoints controller: keeps each selector Service's Endpoints in step with its Pods.</summary>
internal sealed class EndpointsController(ApiService api, ILogger logger) : ControllerLoop(api, logger)
{
    public override string Name => "endpoint-controller";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new("", "services", e => [Key(e.Object.Namespace(), e.Object.Name())]),
        // A pod change concerns every service of its namespace whose selector matches it; the sync decides.
        new("", "pods", e => Api.List("", "services", e.Object.Namespace()).Items.Select(s => Key(s.Namespace(), s.Name()))),
    ];

    protected override TimeSpan? Reconcile(string key)
    {
        var (ns, name) = SplitKey(key);
        var current = Api.TryGet("", EndpointsSync.Resource, ns, name);
        if (Api.TryGet("", "services", ns, name) is not { } service)
        {
            // The Service is gone: its Endpoints go too (when the controller made them).
            if (current is not null) Api.Delete("", EndpointsSync.Resource, ns, name);
            return null;
        }
        var desired = EndpointsSync.Desired(service, Api.List("", "pods", ns).Items, current);
        if (desired is null) return null;
        if (current is null) Api.Create("", EndpointsSync.Resource, ns, desired);
        else Api.Update("", EndpointsSync.Resource, ns, name, desired);
        return null;
    }
}
