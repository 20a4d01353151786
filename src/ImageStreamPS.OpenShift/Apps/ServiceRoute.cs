using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The Route <c>oc expose service NAME</c> creates (openshift-image-api.md §7.4; oc
/// <c>pkg/cli/expose</c>, <c>pkg/cli/create/route</c>): it points at the service, copies its labels,
/// and targets <c>--port</c> (a number or a port name) or else the first TCP port's name.
/// </summary>
public static class ServiceRoute
{
    public static Route For(V1Service service, string? port, string? hostname, string? name)
    {
        ArgumentNullException.ThrowIfNull(service);
        var serviceName = service.Metadata?.Name ?? throw new ArgumentException("the service has no name", nameof(service));
        var tcpPorts = (service.Spec?.Ports ?? []).Where(p => string.IsNullOrEmpty(p.Protocol) || p.Protocol == "TCP").ToList();
        if (tcpPorts.Count == 0)
        {
            throw new ArgumentException($"service \"{serviceName}\" has no TCP ports, so it cannot be exposed as a route", nameof(service));
        }

        var routeName = string.IsNullOrEmpty(name) ? serviceName : name;
        if (!NewAppObjects.IsDns1123Subdomain(routeName))
        {
            throw new ArgumentException($"invalid route name \"{routeName}\": it must be a lowercase DNS-1123 subdomain", nameof(name));
        }

        return new Route
        {
            Metadata = new V1ObjectMeta
            {
                Name = routeName,
                NamespaceProperty = service.Metadata.NamespaceProperty,
                Labels = service.Metadata.Labels is { Count: > 0 } labels ? new Dictionary<string, string>(labels) : null,
            },
            Spec = new RouteSpec
            {
                Host = string.IsNullOrEmpty(hostname) ? null : hostname,
                To = new RouteTargetReference { Kind = "Service", Name = serviceName },
                Port = new RoutePort { TargetPort = TargetPort(port, tcpPorts[0]) },
            },
        };
    }

    // A numeric --port is sent as a number, anything else as a port name (IntOrString writes it that way).
    private static IntOrString TargetPort(string? port, V1ServicePort first)
    {
        if (!string.IsNullOrEmpty(port)) return port;
        if (!string.IsNullOrEmpty(first.Name)) return first.Name;
        var target = first.TargetPort?.Value;
        return string.IsNullOrEmpty(target) || target == "0" ? first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : target;
    }

    /// <summary>The host the router serves: the admitted ingress host, else <c>spec.host</c>.</summary>
    public static string? HostOf(Route route) =>
        route.Status?.Ingress?.FirstOrDefault(i => !string.IsNullOrEmpty(i.Host))?.Host ?? route.Spec?.Host;

    /// <summary>
    /// Where the ImageStreamPS sandbox's router serves a Route on this machine (<c>http://127.0.0.1:PORT/path</c>):
    /// the sandbox cannot point a wildcard DNS name at itself, so its router gives each host a loopback port.
    /// </summary>
    public const string SandboxUrlAnnotation = "sandbox.imagestreamps.io/url";

    /// <summary>
    /// <c>http://host/path</c>, or https when the route terminates TLS; for a route the sandbox's router
    /// admitted, the loopback URL it serves the route at (<see cref="SandboxUrlAnnotation"/>).
    /// </summary>
    public static string? UrlOf(Route route)
    {
        if (SandboxUrlOf(route) is { } sandbox) return sandbox;
        var host = HostOf(route);
        if (string.IsNullOrEmpty(host)) return null;
        var scheme = route.Spec?.Tls is null ? "http" : "https";
        return $"{scheme}://{host}{route.Spec?.Path}";
    }

    // Only a loopback http URL, and only while a router admits the route at its current host.
    private static string? SandboxUrlOf(Route route)
    {
        if (route.Metadata?.Annotations?.TryGetValue(SandboxUrlAnnotation, out var url) != true
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !uri.IsLoopback)
            return null;
        var admitted = route.Status?.Ingress?.Any(i => i.Host == route.Spec?.Host
            && i.Conditions?.Any(c => c.Type == "Admitted" && c.Status == "True") == true) == true;
        return admitted ? url : null;
    }
}
