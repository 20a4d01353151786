using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>A Service as plain values: what <c>oc get svc</c> shows (kubectl's service printer).</summary>
/// <param name="Ports">The PORT(S) column: <c>10000/TCP</c>, <c>80:30080/TCP</c> for a node port, comma-separated.</param>
/// <param name="ExternalIp">The EXTERNAL-IP column: <c>&lt;none&gt;</c>, <c>&lt;pending&gt;</c>, or the addresses.</param>
public sealed record ServiceView(
    string Name, string Namespace, string Type, string ClusterIp, string ExternalIp, string Ports,
    IReadOnlyDictionary<string, string> Selector, IReadOnlyDictionary<string, string> Labels, DateTime? Created, JsonObject Manifest)
{
    public static ServiceView Of(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec ?? new V1ServiceSpec();
        var type = string.IsNullOrEmpty(spec.Type) ? "ClusterIP" : spec.Type;
        return new ServiceView(
            service.Metadata?.Name ?? "",
            service.Metadata?.NamespaceProperty ?? "",
            type,
            string.IsNullOrEmpty(spec.ClusterIP) ? "<none>" : spec.ClusterIP,
            ExternalIpOf(service, type),
            PortsText(spec.Ports),
            new Dictionary<string, string>(spec.Selector ?? new Dictionary<string, string>()),
            new Dictionary<string, string>(service.Metadata?.Labels ?? new Dictionary<string, string>()),
            service.Metadata?.CreationTimestamp,
            WireShape.Of(service, "v1", "Service"));
    }

    // kubectl makePortString: port[:nodePort]/protocol, joined by commas; <none> without ports.
    private static string PortsText(IList<V1ServicePort>? ports)
    {
        if (ports is null || ports.Count == 0) return "<none>";
        return string.Join(",", ports.Select(p =>
            p.Port.ToString(CultureInfo.InvariantCulture)
            + (p.NodePort is > 0 ? ":" + p.NodePort.Value.ToString(CultureInfo.InvariantCulture) : "")
            + "/" + (string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol)));
    }

    // kubectl getServiceExternalIP, for the types an app has.
    private static string ExternalIpOf(V1Service service, string type)
    {
        var external = service.Spec?.ExternalIPs ?? [];
        switch (type)
        {
            case "ExternalName":
                return service.Spec?.ExternalName ?? "<none>";
            case "LoadBalancer":
                var ingress = (service.Status?.LoadBalancer?.Ingress ?? []).Select(i => string.IsNullOrEmpty(i.Ip) ? i.Hostname : i.Ip)
                    .Where(a => !string.IsNullOrEmpty(a)).Concat(external).ToList();
                return ingress.Count == 0 ? "<pending>" : string.Join(",", ingress);
            default:
                return external.Count == 0 ? "<none>" : string.Join(",", external);
        }
    }
}
