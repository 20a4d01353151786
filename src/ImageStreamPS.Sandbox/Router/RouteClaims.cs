using ImageStreamPS.OpenShift.Api;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>Whether the router serves a Route, and if not, the reason its Admitted=False condition gives.</summary>
public sealed record RouteClaim(bool Admitted, string? Reason = null, string? Message = null)
{
    public static readonly RouteClaim Accepted = new(true);
}

/// <summary>
/// Which Routes the router admits, as openshift/router decides it with wildcard routes disallowed (the
/// default IngressController): the admission check (<c>RouterSelection.RouteAdmissionFunc</c>), then host
/// ownership (<c>UniqueHost.HandleRoute</c> with <c>hostindex.SameNamespace</c>): the oldest Route of a host
/// (creation time, then uid: <c>RouteLessThan</c>) gives the host to its namespace; other Routes of that
/// namespace share it on other paths; any other claim is rejected as HostAlreadyClaimed.
/// </summary>
public static class RouteClaims
{
    /// <returns>A claim for every Route, keyed "namespace/name".</returns>
    public static IReadOnlyDictionary<string, RouteClaim> Resolve(IEnumerable<Route> routes)
    {
        var claims = new Dictionary<string, RouteClaim>(StringComparer.Ordinal);
        var byHost = new Dictionary<string, List<Route>>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            if (AdmissionCheck(route) is { } rejected)
            {
                claims[Key(route)] = rejected;
                continue;
            }
            var host = route.Spec!.Host!;
            if (!byHost.TryGetValue(host, out var sharing)) byHost[host] = sharing = [];
            sharing.Add(route);
        }

        foreach (var (host, sharing) in byHost)
        {
            sharing.Sort(Compare);
            var owner = sharing[0];
            var active = new List<Route>();
            foreach (var route in sharing)
            {
                if (route.Metadata.NamespaceProperty != owner.Metadata.NamespaceProperty)
                {
                    claims[Key(route)] = new RouteClaim(false, "HostAlreadyClaimed", $"a route in another namespace holds {host} and is older than {route.Metadata.Name}");
                }
                else if (active.Any(a => Blocks(a, route)))
                {
                    claims[Key(route)] = new RouteClaim(false, "HostAlreadyClaimed", $"route {owner.Metadata.Name} already exposes {host} and is older");
                }
                else
                {
                    active.Add(route);
                    claims[Key(route)] = RouteClaim.Accepted;
                }
            }
        }
        return claims;
    }

    public static string Key(Route route) => route.Metadata.NamespaceProperty + "/" + route.Metadata.Name;

    private static RouteClaim? AdmissionCheck(Route route)
    {
        if (string.IsNullOrEmpty(route.Spec?.Host)) return new RouteClaim(false, "NoHostValue", "no host value was defined for the route");
        return route.Spec.WildcardPolicy switch
        {
            null or "" or "None" => null,
            "Subdomain" => new RouteClaim(false, "RouteNotAdmitted", "wildcard routes are not allowed"),
            var other => new RouteClaim(false, "RouteNotAdmitted", $"unknown wildcard policy {other}"),
        };
    }

    // hostindex hasExistingMatch: the same path, or any path next to a passthrough route.
    private static bool Blocks(Route existing, Route route) =>
        (existing.Spec?.Path ?? "") == (route.Spec?.Path ?? "")
        || (existing.Spec?.Tls?.Termination == "passthrough" && route.Spec?.Tls is not null);

    // routeapihelpers.RouteLessThan: older first, then the smaller uid.
    private static int Compare(Route a, Route b)
    {
        var byAge = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return byAge != 0 ? byAge : string.CompareOrdinal(a.Metadata.Uid, b.Metadata.Uid);
    }
}
