using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 services: ClusterIP defaulting and allocation, port defaults, the <c>kubectl get svc</c> columns.</summary>
public sealed class ServiceStrategy : ResourceStrategy
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

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        var spec = ObjectMeta.Ensure(obj, "spec");
        Defaults(spec);
        var type = ObjectMeta.Str(spec, "type");
        if (type != "ExternalName" && string.IsNullOrEmpty(ObjectMeta.Str(spec, "clusterIP")))
            spec["clusterIP"] = AllocateClusterIp(context, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
        if (ObjectMeta.Str(spec, "clusterIP") is { } ip && spec["clusterIPs"] is null) spec["clusterIPs"] = new JsonArray(ip);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        var spec = ObjectMeta.Ensure(obj, "spec");
        // The allocated address stays with the service.
        foreach (var field in new[] { "clusterIP", "clusterIPs" })
            if (spec[field] is null && old["spec"]?[field] is { } value) spec[field] = value.DeepClone();
        Defaults(spec);
    }

    private static void Defaults(JsonObject spec)
    {
        ObjectMeta.Default(spec, "type", "ClusterIP");
        ObjectMeta.Default(spec, "sessionAffinity", "None");
        if (ObjectMeta.Str(spec, "type") != "ExternalName")
        {
            ObjectMeta.Default(spec, "ipFamilies", new JsonArray("IPv4"));
            ObjectMeta.Default(spec, "ipFamilyPolicy", "SingleStack");
            ObjectMeta.Default(spec, "internalTrafficPolicy", "Cluster");
        }
        if (spec["ports"] is JsonArray ports)
            foreach (var port in ports.OfType<JsonObject>())
            {
                ObjectMeta.Default(port, "protocol", "TCP");
                if (port["targetPort"] is null && port["port"] is { } number) port["targetPort"] = number.DeepClone();
            }
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj)
    {
        foreach (var error in Validation.DnsLabelName(ObjectMeta.Name(obj))) yield return error;
        var spec = obj["spec"] as JsonObject;
        var type = ObjectMeta.Str(spec, "type") ?? "ClusterIP";
        if (type is not ("ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName"))
            yield return FieldError.NotSupported("spec.type", type, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
        var headless = ObjectMeta.Str(spec, "clusterIP") == "None";
        if (type != "ExternalName" && !headless && (spec?["ports"] is not JsonArray { Count: > 0 }))
            yield return FieldError.Required("spec.ports");
        if (spec?["ports"] is JsonArray ports)
            for (var i = 0; i < ports.Count; i++)
            {
                var port = ObjectMeta.Int(ports[i], "port");
                if (port is null) yield return FieldError.Required($"spec.ports[{i}].port");
                else if (port is < 1 or > 65535) yield return FieldError.Invalid($"spec.ports[{i}].port", port.Value, "must be between 1 and 65535, inclusive");
                if (ports.Count > 1 && string.IsNullOrEmpty(ObjectMeta.Str(ports[i], "name")))
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

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var type = ObjectMeta.Str(spec, "type") ?? "ClusterIP";
        var ports = (spec?["ports"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => ObjectMeta.Int(p, "nodePort") is { } nodePort && nodePort > 0
                ? $"{ObjectMeta.Int(p, "port")}:{nodePort}/{ObjectMeta.Str(p, "protocol") ?? "TCP"}"
                : $"{ObjectMeta.Int(p, "port")}/{ObjectMeta.Str(p, "protocol") ?? "TCP"}").ToList() ?? [];
        var external = type == "ExternalName" ? ObjectMeta.Str(spec, "externalName") ?? "<none>"
            : (spec?["externalIPs"] as JsonArray)?.Count > 0 ? string.Join(",", (JsonArray)spec!["externalIPs"]!) : type == "LoadBalancer" ? "<pending>" : "<none>";
        var selector = spec?["selector"] is JsonObject s && s.Count > 0 ? string.Join(",", s.Select(p => $"{p.Key}={p.Value}")) : "<none>";
        return
        [
            ObjectMeta.Name(obj), type, ObjectMeta.Str(spec, "clusterIP") ?? "<none>", external,
            ports.Count == 0 ? "<none>" : string.Join(",", ports), Tables.Age(ObjectMeta.CreationTimestamp(obj), now), selector,
        ];
    }

    /// <summary>
    /// An address in 172.30.0.0/16 (OpenShift's default service network): the one derived from the
    /// name when free, else the next free one. Stored with the service, so it survives restarts.
    /// </summary>
    private static string AllocateClusterIp(RequestContext context, string ns, string name)
    {
        var used = context.Api.List("", "services", null).Items
            .Select(s => ObjectMeta.Str(s, "spec", "clusterIP")).OfType<string>().ToHashSet(StringComparer.Ordinal);
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
