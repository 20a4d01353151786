using ImageStreamPS.Sandbox.Api;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The endpoints controller: keeps each selector Service's Endpoints in step with its Pods.</summary>
internal sealed class EndpointsController(ApiService api, ILogger logger) : ControllerLoop(api, logger)
{
    public override string Name => "endpoint-controller";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new("", "services", e => [Key(ControllerRefs.Meta(e.Object))]),
        // A pod change concerns every service of its namespace whose selector matches it; the sync decides.
        new("", "pods", e => Api.List<V1Service>("", "services", ControllerRefs.Meta(e.Object).NamespaceProperty).Select(s => Key(s.Metadata))),
    ];

    protected override TimeSpan? Reconcile(string key)
    {
        var (ns, name) = SplitKey(key);
        var current = Api.TryGet<V1Endpoints>("", EndpointsSync.Resource, ns, name);
        if (Api.TryGet<V1Service>("", "services", ns, name) is not { } service)
        {
            // The Service is gone: its Endpoints go too (when the controller made them).
            if (current is not null) Api.Delete("", EndpointsSync.Resource, ns, name);
            return null;
        }
        var desired = EndpointsSync.Desired(service, Api.List<V1Pod>("", "pods", ns), current);
        if (desired is null) return null;
        if (current is null) Api.Create("", EndpointsSync.Resource, ns, desired);
        else Api.Update("", EndpointsSync.Resource, ns, name, desired);
        return null;
    }
}
