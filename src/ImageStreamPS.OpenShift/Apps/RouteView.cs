using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>A Route as plain values (the module never touches KubernetesClient types): what <c>oc get route</c> shows, plus its URL.</summary>
public sealed record RouteView(
    string Name, string Namespace, string? Host, string? Path, string Service, string? TargetPort,
    string? Termination, string? WildcardPolicy, string? Url, bool Admitted, DateTime? Created, JsonObject Manifest)
{
    /// <summary>The route's labels (<c>oc expose</c> copies the Service's, so the app label is among them).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public static RouteView Of(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return new RouteView(
            route.Metadata?.Name ?? "",
            route.Metadata?.NamespaceProperty ?? "",
            ServiceRoute.HostOf(route),
            route.Spec?.Path,
            route.Spec?.To?.Name ?? "",
            route.Spec?.Port?.TargetPort?.Value,
            route.Spec?.Tls?.Termination,
            route.Spec?.WildcardPolicy,
            ServiceRoute.UrlOf(route),
            route.Status?.Ingress?.Any(i => i.Conditions?.Any(c => c.Type == "Admitted" && c.Status == "True") == true) == true,
            route.Metadata?.CreationTimestamp,
            WireShape.Of(route, Route.KubeGroup + "/" + Route.KubeApiVersion, Route.KubeKind))
        {
            Labels = new Dictionary<string, string>(route.Metadata?.Labels ?? new Dictionary<string, string>()),
        };
    }
}
