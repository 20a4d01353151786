using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;

namespace ImageStreamPS.Sandbox.Resources.OpenShift;

/// <summary>
/// route.openshift.io/v1 routes: a generated host <c>&lt;name&gt;-&lt;namespace&gt;.&lt;apps domain&gt;</c> with the
/// <c>openshift.io/host.generated</c> annotation, <c>to.weight</c> 100, wildcardPolicy None, and an empty
/// status for the router to fill.
/// </summary>
public sealed class RouteStrategy(SandboxSettings settings) : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "route.openshift.io", Version = "v1", Resource = "routes", Kind = "Route", Namespaced = true,
        Categories = ["all"], Subresources = [SubresourceType.Status("Route")],
    };

    public override bool TracksGeneration => false;

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        var spec = ObjectMeta.Ensure(obj, "spec");
        if (string.IsNullOrEmpty(ObjectMeta.Str(spec, "host")))
        {
            // library-go hostassignment: dots in the route name become dashes.
            spec["host"] = $"{ObjectMeta.Name(obj).Replace('.', '-')}-{ObjectMeta.Namespace(obj)}.{settings.AppsDomain}";
            ObjectMeta.Ensure(obj, "metadata", "annotations")["openshift.io/host.generated"] = "true";
        }
        Defaults(spec);
        // As openshift-apiserver's routeStrategy: a new Route has an empty status; the router admits it (Router/).
        obj["status"] = new JsonObject();
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        var spec = ObjectMeta.Ensure(obj, "spec");
        if (string.IsNullOrEmpty(ObjectMeta.Str(spec, "host")) && ObjectMeta.Str(old, "spec", "host") is { } host) spec["host"] = host;
        Defaults(spec);
    }

    private static void Defaults(JsonObject spec)
    {
        ObjectMeta.Default(spec, "wildcardPolicy", "None");
        if (spec["to"] is JsonObject to)
        {
            ObjectMeta.Default(to, "kind", "Service");
            ObjectMeta.Default(to, "weight", 100);
        }
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj)
    {
        foreach (var error in Validation.DnsSubdomainName(ObjectMeta.Name(obj))) yield return error;
        var to = obj["spec"]?["to"];
        if (string.IsNullOrEmpty(ObjectMeta.Str(to, "name"))) yield return FieldError.Required("spec.to.name");
        if (ObjectMeta.Str(to, "kind") is { } kind && kind != "Service") yield return FieldError.Invalid("spec.to.kind", kind, "must reference a Service");
        var termination = ObjectMeta.Str(obj["spec"], "tls", "termination");
        if (termination is not (null or "edge" or "passthrough" or "reencrypt"))
            yield return FieldError.NotSupported("spec.tls.termination", termination, "edge", "passthrough", "reencrypt");
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Host/Port", "string", "Host is an alias/DNS that points to the service."),
        new("Path", "string", "Path that the router watches for, to route traffic for to the service."),
        new("Services", "string", "The name of the service(s) pointed to by this route."),
        new("Port", "string", "Target port on pods selected by the service this route points to."),
        new("Termination", "string", "Indicates termination type."),
        new("Wildcard", "string", "Wildcard policy of the route."),
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var services = new List<string>();
        if (ObjectMeta.Str(spec, "to", "name") is { } primary) services.Add(primary);
        if (spec?["alternateBackends"] is JsonArray alternates)
            services.AddRange(alternates.Select(a => ObjectMeta.Str(a, "name")).OfType<string>());
        var admitted = obj["status"]?["ingress"] is JsonArray ingress && ingress.Any(i =>
            (i?["conditions"] as JsonArray)?.Any(c => ObjectMeta.Str(c, "type") == "Admitted" && ObjectMeta.Str(c, "status") == "True") == true);
        var host = ObjectMeta.Str(spec, "host") ?? "";
        var port = spec?["port"]?["targetPort"]?.ToString() ?? "<all>";
        var tls = spec?["tls"];
        var termination = tls is null ? "" : ObjectMeta.Str(tls, "termination") + (ObjectMeta.Str(tls, "insecureEdgeTerminationPolicy") is { Length: > 0 } p ? "/" + p : "");
        return
        [
            ObjectMeta.Name(obj), admitted ? host : host + " ... not admitted", ObjectMeta.Str(spec, "path") ?? "",
            string.Join(",", services), port, termination, ObjectMeta.Str(spec, "wildcardPolicy") ?? "None",
        ];
    }

    protected override IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } = new Dictionary<string, Func<JsonObject, string>>
    {
        ["spec.host"] = o => ObjectMeta.Str(o, "spec", "host") ?? "",
        ["spec.path"] = o => ObjectMeta.Str(o, "spec", "path") ?? "",
        ["spec.to.name"] = o => ObjectMeta.Str(o, "spec", "to", "name") ?? "",
    };
}
