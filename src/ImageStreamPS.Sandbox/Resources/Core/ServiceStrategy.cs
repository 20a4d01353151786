using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 services: ClusterIP defaulting and allocation, port defaults, the <c>kubectl get svc</c> columns.</summary>
public sealed class ServiceStrategy : ResourceStrategy<V1Service>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "services", Kind = "Service", Namespaced = true,
        ShortNames = ["svc"], Categories = ["all"],
        Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
        Subresources = [SubresourceType.Status("Service")],
    };

    public override bool TracksGeneration => false;

    // kubernetes pkg/registry/core/service/storage: the store sets ReturnDeletedObject, so DELETE answers with the Service.
    public override bool ReturnDeletedObject => true;

    protected override void PrepareForCreate(RequestContext context, V1Service obj)
    {
        var spec = obj.Spec ??= new V1ServiceSpec();
        Defaults(spec);
        if (spec.Type != "ExternalName" && string.IsNullOrEmpty(spec.ClusterIP))
            spec.ClusterIP = AllocateClusterIp(context, obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name ?? "");
        if (spec.ClusterIP is { } ip && spec.ClusterIPs is null) spec.ClusterIPs = [ip];
        obj.Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus() };
    }

    protected override void PrepareForUpdate(RequestContext context, V1Service obj, V1Service old)
    {
        var spec = obj.Spec ??= new V1ServiceSpec();
        // The allocated address stays with the service.
        spec.ClusterIP ??= old.Spec?.ClusterIP;
        spec.ClusterIPs ??= old.Spec?.ClusterIPs;
        Defaults(spec);
    }

    private static void Defaults(V1ServiceSpec spec)
    {
        spec.Type ??= "ClusterIP";
        spec.SessionAffinity ??= "None";
        if (spec.Type != "ExternalName")
        {
            spec.IpFamilies ??= ["IPv4"];
            spec.IpFamilyPolicy ??= "SingleStack";
            spec.InternalTrafficPolicy ??= "Cluster";
        }
        foreach (var port in spec.Ports ?? [])
        {
            port.Protocol ??= "TCP";
            port.TargetPort ??= port.Port;
        }
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1Service obj)
    {
        foreach (var error in NameValidation.Name(obj.Metadata?.Name ?? "", NameValidation.Dns1035Label)) yield return error;
        var spec = obj.Spec;
        var type = spec?.Type ?? "ClusterIP";
        if (type is not ("ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName"))
            yield return FieldError.NotSupported("spec.type", type, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
        var headless = spec?.ClusterIP == "None";
        if (type != "ExternalName" && !headless && spec?.Ports is not { Count: > 0 })
            yield return FieldError.Required("spec.ports");
        var ports = spec?.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            // validateServicePort: a missing port decodes as 0, which IsValidPortNum rejects.
            var port = ports[i].Port;
            if (port is < 1 or > 65535) yield return FieldError.Invalid($"spec.ports[{i}].port", port, "must be between 1 and 65535, inclusive");
            if (ports.Count > 1 && string.IsNullOrEmpty(ports[i].Name))
                yield return FieldError.Required($"spec.ports[{i}].name");
        }
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", "The type of the service (ClusterIP, NodePort, LoadBalancer, ExternalName)."),
        new("Cluster-IP", "string", "The IP address of the service within the cluster."),
        new("External-IP", "string", "External IP addresses of the service."),
        new("Port(s)", "string", "The ports the service listens on."),
        TableColumn.Age,
        new("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.", 1),
    ];

    protected override IReadOnlyList<JsonNode?> Cells(V1Service obj, DateTimeOffset now)
    {
        var spec = obj.Spec;
        var type = spec?.Type ?? "ClusterIP";
        var ports = (spec?.Ports ?? [])
            .Select(p => p.NodePort is { } nodePort && nodePort > 0 ? $"{p.Port}:{nodePort}/{p.Protocol ?? "TCP"}" : $"{p.Port}/{p.Protocol ?? "TCP"}")
            .ToList();
        var external = type == "ExternalName" ? spec?.ExternalName ?? "<none>"
            : spec?.ExternalIPs is { Count: > 0 } ips ? string.Join(",", ips) : type == "LoadBalancer" ? "<pending>" : "<none>";
        var selector = spec?.Selector is { Count: > 0 } s ? string.Join(",", s.Select(p => $"{p.Key}={p.Value}")) : "<none>";
        return
        [
            obj.Metadata?.Name ?? "", type, spec?.ClusterIP ?? "<none>", external,
            ports.Count == 0 ? "<none>" : string.Join(",", ports), Tables.Age(obj.Metadata?.CreationTimestamp, now), selector,
        ];
    }

    /// <summary>
    /// An address in 172.30.0.0/16 (OpenShift's default service network): the one derived from the
    /// name when free, else the next free one. Stored with the service, so it survives restarts.
    /// </summary>
    private static string AllocateClusterIp(RequestContext context, string ns, string name)
    {
        var used = context.Api.List<V1Service>("", "services", null)
            .Select(s => s.Spec?.ClusterIP).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ns + "/" + name));
        // Host part 1..65534 of the /16, skipping .0 and .255 last octets.
        var start = (hash[0] << 8 | hash[1]) % 65534 + 1;
        for (var i = 0; i < 65534; i++)
        {
            var n = (start - 1 + i) % 65534 + 1;
            if ((n & 0xFF) is 0 or 255) continue;
            var ip = $"172.30.{n >> 8}.{n & 0xFF}";
            if (!used.Contains(ip)) return ip;
        }
        throw new InvalidOperationException("The service network 172.30.0.0/16 is exhausted.");
    }
}
