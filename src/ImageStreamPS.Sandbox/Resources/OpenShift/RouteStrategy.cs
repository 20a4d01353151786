using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Resources.OpenShift;

/// <summary>
/// route.openshift.io/v1 routes: a generated host <c>&lt;name&gt;-&lt;namespace&gt;.&lt;apps domain&gt;</c> with the
/// <c>openshift.io/host.generated</c> annotation, <c>to.kind</c> Service and <c>to.weight</c> 100, wildcardPolicy
/// None, the engine's <see cref="RouteValidation"/>, and an empty status for the router to fill.
/// </summary>
public sealed class RouteStrategy(SandboxSettings settings) : ResourceStrategy<Route>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "route.openshift.io", Version = "v1", Resource = "routes", Kind = "Route", Namespaced = true,
        Categories = ["all"], Subresources = [SubresourceType.Status("Route")],
    };

    public override bool TracksGeneration => false;

    protected override void PrepareForCreate(RequestContext context, Route route)
    {
        var spec = route.Spec ??= new RouteSpec();
        if (string.IsNullOrEmpty(spec.Host))
        {
            // library-go hostassignment: dots in the route name become dashes.
            spec.Host = $"{route.Metadata.Name.Replace('.', '-')}-{route.Metadata.NamespaceProperty}.{settings.AppsDomain}";
            (route.Metadata.Annotations ??= new Dictionary<string, string>())["openshift.io/host.generated"] = "true";
        }
        Defaults(spec);
        // As openshift-apiserver's routeStrategy: a new Route has an empty status; the router admits it (Router/).
        route.Status = new RouteStatus();
    }

    protected override void PrepareForUpdate(RequestContext context, Route route, Route old)
    {
        var spec = route.Spec ??= new RouteSpec();
        if (string.IsNullOrEmpty(spec.Host) && old.Spec?.Host is { } host) spec.Host = host;
        Defaults(spec);
    }

    private static void Defaults(RouteSpec spec)
    {
        spec.WildcardPolicy ??= "None";
        spec.To ??= new RouteTargetReference();
        spec.To.Kind ??= "Service";
        spec.To.Weight ??= 100;
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, Route route) =>
        NameValidation.Name(route.Metadata?.Name ?? "", NameValidation.Dns1123Subdomain).Concat(RouteValidation.Validate(route));

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

    // The engine's RouteColumns, as openshift-apiserver's printRoute: a route no router has decided on yet shows its host.
    protected override IReadOnlyList<JsonNode?> Cells(Route route, DateTimeOffset now) =>
        [
            route.Metadata?.Name ?? "", RouteColumns.HostPort(route), route.Spec?.Path ?? "", RouteColumns.Services(route),
            RouteColumns.Port(route), RouteColumns.Termination(route), route.Spec?.WildcardPolicy ?? "None",
        ];

    protected override IReadOnlyDictionary<string, Func<Route, string>> Fields { get; } = new Dictionary<string, Func<Route, string>>
    {
        ["spec.host"] = r => r.Spec?.Host ?? "",
        ["spec.path"] = r => r.Spec?.Path ?? "",
        ["spec.to.name"] = r => r.Spec?.To?.Name ?? "",
    };
}
