using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using Route = ImageStreamPS.OpenShift.Api.Route;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// The router's control loop (openshift/router's route and endpoints informers with the UniqueHost and
/// StatusAdmitter plugins): on any change to Routes or Endpoints it decides which Routes it admits,
/// opens or closes the hosts' loopback ports, swaps in the new <see cref="RouteTable"/>, then writes what
/// changed: each Route's <c>status.ingress</c> entry for router "default", and the
/// <see cref="ServiceRoute.SandboxUrlAnnotation"/> that says where the Route answers without DNS.
/// </summary>
internal sealed class RouterController(
    ApiService api, SandboxSettings settings, RouterListeners listeners, Action<RouteTable> publish, ILogger logger) : ControllerLoop(api, logger)
{
    public const string RouterName = "default";
    private const string Everything = "router";

    public override string Name => "router";

    protected override IEnumerable<WatchSource> Sources =>
    [
        new(Route.KubeGroup, Route.KubePluralName, _ => [Everything]),
        new("", "endpoints", _ => [Everything]),
    ];

    /// <summary>The router's canonical host name, as the default IngressController names it.</summary>
    public string CanonicalHostname => "router-" + RouterName + "." + settings.AppsDomain;

    protected override TimeSpan? Reconcile(string key)
    {
        var routes = Api.List(Route.KubeGroup, Route.KubePluralName, null).Items.Select(Decode<Route>).ToList();
        var claims = RouteClaims.Resolve(routes);
        var admitted = routes.Where(r => claims[RouteClaims.Key(r)].Admitted).ToList();

        var ports = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var sharing in admitted.GroupBy(r => r.Spec.Host!, StringComparer.OrdinalIgnoreCase))
        {
            var previous = sharing.Select(r => PortOf(SandboxUrl(r))).FirstOrDefault(p => p is not null);
            ports[sharing.Key] = listeners.EnsureAsync(sharing.Key, previous, CancellationToken.None).GetAwaiter().GetResult();
        }
        listeners.RetainAsync(ports.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase)).GetAwaiter().GetResult();

        var endpoints = Api.List("", "endpoints", null).Items.Select(Decode<V1Endpoints>)
            .ToDictionary(e => e.Metadata.NamespaceProperty + "/" + e.Metadata.Name, StringComparer.Ordinal);
        publish(RouteTable.Build(admitted, endpoints));

        foreach (var route in routes)
        {
            var claim = claims[RouteClaims.Key(route)];
            var url = claim.Admitted && ServedOverHttp(route) ? $"http://127.0.0.1:{ports[route.Spec.Host!]}{route.Spec.Path}" : null;
            if (url != SandboxUrl(route)) WriteUrl(route, url);
            if (RouteIngressStatus.Record(route, RouterName, CanonicalHostname, claim, Api.Now)) WriteIngress(route);
        }
        return null;
    }

    private static bool ServedOverHttp(Route route) => route.Spec.Tls is null || route.Spec.Tls.InsecureEdgeTerminationPolicy == "Allow";

    private static string? SandboxUrl(Route route) =>
        route.Metadata.Annotations?.TryGetValue(ServiceRoute.SandboxUrlAnnotation, out var url) == true ? url : null;

    private static int? PortOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1" ? uri.Port : null;

    private void WriteUrl(Route route, string? url)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ServiceRoute.SandboxUrlAnnotation] = url } },
        };
        Api.Patch(Route.KubeGroup, Route.KubePluralName, route.Metadata.NamespaceProperty, route.Metadata.Name, PatchType.Merge, patch);
    }

    // The whole ingress list, as the router's UpdateStatus writes it.
    private void WriteIngress(Route route)
    {
        var ingress = JsonNode.Parse(KubernetesJson.Serialize(route.Status!.Ingress));
        var patch = new JsonObject { ["status"] = new JsonObject { ["ingress"] = ingress } };
        Api.Patch(Route.KubeGroup, Route.KubePluralName, route.Metadata.NamespaceProperty, route.Metadata.Name, PatchType.Merge, patch, subresource: "status");
    }

    private static T Decode<T>(JsonObject json) where T : class => KubernetesJson.Deserialize<T>(json.ToJsonString());
}
