using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ImageStreamPS.OpenShift.Api;
using Route = ImageStreamPS.OpenShift.Api.Route;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// What the router serves, as HAProxy's maps and backends hold it: admitted Routes by host, each
/// with its backends (the ready addresses of its Services' Endpoints). Immutable: the router builds a
/// new one whenever Routes or Endpoints change and swaps it in.
/// </summary>
public sealed class RouteTable
{
    private readonly IReadOnlyDictionary<string, HostRoutes> _hosts;

    private RouteTable(IReadOnlyDictionary<string, HostRoutes> hosts) => _hosts = hosts;

    public static RouteTable Empty { get; } = new(new Dictionary<string, HostRoutes>());

    /// <summary>The hosts of the admitted Routes.</summary>
    public IEnumerable<string> Hosts => _hosts.Keys;

    /// <param name="admitted">The Routes the router admitted.</param>
    /// <param name="endpoints">Endpoints by "namespace/name" (a Service's Endpoints carry its name).</param>
    public static RouteTable Build(IEnumerable<Route> admitted, IReadOnlyDictionary<string, V1Endpoints> endpoints)
    {
        var hosts = new Dictionary<string, (List<ServedRoute> Served, List<ServedRoute> Redirected)>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in admitted)
        {
            var host = route.Spec.Host!;
            if (!hosts.TryGetValue(host, out var lists)) hosts[host] = lists = ([], []);
            var served = ServedRoute.Of(route, endpoints);
            switch (served.Insecure)
            {
                case InsecureHandling.Serve: lists.Served.Add(served); break;
                case InsecureHandling.Redirect: lists.Redirected.Add(served); break;
            }
        }
        return new RouteTable(hosts.ToDictionary(
            h => h.Key,
            h => new HostRoutes(MostSpecificFirst(h.Value.Served), MostSpecificFirst(h.Value.Redirected)),
            StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The Route a plain-HTTP request for <paramref name="host"/> (already lowercased, without port) and
    /// <paramref name="path"/> goes to: a Redirect route first (HAProxy checks os_route_http_redirect.map
    /// before os_http_be.map), then the most specific served path.
    /// </summary>
    public ServedRoute? Match(string host, string path)
    {
        if (!_hosts.TryGetValue(host, out var routes)) return null;
        return routes.Redirected.FirstOrDefault(r => r.Matches(path)) ?? routes.Served.FirstOrDefault(r => r.Matches(path));
    }

    /// <summary>Whether <paramref name="host"/> is a host of an admitted Route.</summary>
    public bool HasHost(string host) => _hosts.ContainsKey(host);

    // The generated map lines are sorted in reverse, so for one host a longer path is tried first.
    private static List<ServedRoute> MostSpecificFirst(List<ServedRoute> routes) =>
        routes.OrderByDescending(r => r.Path.TrimEnd('/').Length).ThenByDescending(r => r.Path, StringComparer.Ordinal).ToList();

    private sealed record HostRoutes(IReadOnlyList<ServedRoute> Served, IReadOnlyList<ServedRoute> Redirected);
}

/// <summary>How the plain-HTTP frontend treats a Route (openshift/router map_entry.go).</summary>
public enum InsecureHandling
{
    /// <summary>Plain routes, and edge/reencrypt routes with insecureEdgeTerminationPolicy Allow.</summary>
    Serve,
    /// <summary>edge/reencrypt routes with insecureEdgeTerminationPolicy Redirect: 302 to https.</summary>
    Redirect,
    /// <summary>Passthrough routes and edge/reencrypt routes without an insecure policy: not on plain HTTP.</summary>
    None,
}

/// <summary>One admitted Route as the router serves it.</summary>
public sealed partial record ServedRoute(
    string Key, string Host, string Path, InsecureHandling Insecure, IReadOnlyList<RouteBackend> Backends,
    BalanceAlgorithm Balance, string? CookieName)
{
    public const string BalanceAnnotation = "haproxy.router.openshift.io/balance";
    public const string DisableCookiesAnnotation = "haproxy.router.openshift.io/disable_cookies";
    public const string CookieNameAnnotation = "router.openshift.io/cookie_name";

    /// <summary>GenerateRouteRegexp's path part: "" or "/" matches all, "/a/" matches its subtree, "/a" matches /a and /a/...</summary>
    public bool Matches(string requestPath)
    {
        if (Path.TrimEnd('/').Length == 0) return true;
        if (Path.EndsWith('/')) return requestPath.StartsWith(Path, StringComparison.Ordinal);
        return requestPath == Path || requestPath.StartsWith(Path + "/", StringComparison.Ordinal);
    }

    /// <summary>The backends that take new requests (weight above 0).</summary>
    public IEnumerable<RouteBackend> Active => Backends.Where(b => b.Weight > 0);

    public static ServedRoute Of(Route route, IReadOnlyDictionary<string, V1Endpoints> endpoints)
    {
        var annotations = route.Metadata.Annotations ?? new Dictionary<string, string>();
        var ns = route.Metadata.NamespaceProperty;
        var units = new List<(string Service, int Weight)> { (route.Spec.To.Name, Weight(route.Spec.To.Weight)) };
        units.AddRange((route.Spec.AlternateBackends ?? []).Where(b => b.Kind is null or "Service").Select(b => (b.Name, Weight(b.Weight))));
        var backends = RouteBackend.For(ns, units, route.Spec.Port?.TargetPort?.Value, endpoints);

        var activeUnits = units.Count(u => u.Weight > 0);
        var balance = annotations.TryGetValue(BalanceAnnotation, out var requested) && Enum.TryParse<BalanceAlgorithm>(requested, true, out var chosen)
            ? chosen
            : activeUnits > 1 ? BalanceAlgorithm.RoundRobin : BalanceAlgorithm.Random;
        string? cookie = null;
        if (!(annotations.TryGetValue(DisableCookiesAnnotation, out var disable) && bool.TryParse(disable, out var disabled) && disabled))
        {
            cookie = annotations.TryGetValue(CookieNameAnnotation, out var named) && CookieNamePattern().IsMatch(named)
                ? named
                : Hash(ns + ":" + route.Metadata.Name);
        }
        return new ServedRoute(RouteClaims.Key(route), route.Spec.Host!, route.Spec.Path ?? "", InsecureOf(route.Spec.Tls), backends, balance, cookie);
    }

    private static InsecureHandling InsecureOf(TlsConfig? tls) => tls switch
    {
        null => InsecureHandling.Serve,
        { Termination: "edge" or "reencrypt", InsecureEdgeTerminationPolicy: "Allow" } => InsecureHandling.Serve,
        { Termination: "edge" or "reencrypt", InsecureEdgeTerminationPolicy: "Redirect" } => InsecureHandling.Redirect,
        _ => InsecureHandling.None,
    };

    // The apiserver defaults a backend's weight to 100; the router keeps it within 0..256.
    private static int Weight(int? weight) => Math.Clamp(weight ?? 100, 0, 256);

    internal static string Hash(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex CookieNamePattern();
}

/// <summary>The balance algorithms of haproxy.router.openshift.io/balance.</summary>
public enum BalanceAlgorithm { Random, RoundRobin, LeastConn, Source }

/// <summary>One server of a Route's backend: a ready endpoint address and port, with its weight.</summary>
public sealed record RouteBackend(string Service, string IP, int Port, int Weight, string? PodNamespace, string? PodName, string CookieValue)
{
    /// <summary>
    /// The servers of a Route (openshift/router <c>processEndpointsForAlias</c> and
    /// <c>calculateServiceWeights</c>): the ready addresses of each Service's Endpoints on the
    /// Route's target port (a port name or number; every port without one); each Service's weight is
    /// shared by its endpoints and scaled so the largest is 256.
    /// </summary>
    public static IReadOnlyList<RouteBackend> For(
        string ns, IReadOnlyList<(string Service, int Weight)> units, string? targetPort, IReadOnlyDictionary<string, V1Endpoints> endpoints)
    {
        var tables = units
            .Select(u => (u.Service, u.Weight, Table: endpoints.TryGetValue(ns + "/" + u.Service, out var e) ? EndpointTable(e) : []))
            .ToList();
        var perEndpoint = tables.Select(t => t.Table.Count > 0 ? (double)t.Weight / t.Table.Count : 0).ToList();
        var max = perEndpoint.DefaultIfEmpty(0).Max();
        var scale = max > 0 ? 256 / max : 0;

        var backends = new List<RouteBackend>();
        for (var i = 0; i < tables.Count; i++)
        {
            var weight = (int)(perEndpoint[i] * scale);
            if (perEndpoint[i] > 0 && weight < 1) weight = 1;
            foreach (var endpoint in tables[i].Table)
            {
                if (!string.IsNullOrEmpty(targetPort) && endpoint.PortName != targetPort && endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) != targetPort)
                    continue;
                var id = $"pod:{endpoint.PodName}:{tables[i].Service}:{endpoint.PortName}:{endpoint.IP}:{endpoint.Port}";
                backends.Add(new RouteBackend(tables[i].Service, endpoint.IP, endpoint.Port, weight, endpoint.PodNamespace, endpoint.PodName, ServedRoute.Hash(id)));
            }
        }
        return backends;
    }

    private static List<(string IP, int Port, string PortName, string? PodNamespace, string? PodName)> EndpointTable(V1Endpoints endpoints)
    {
        var table = new List<(string, int, string, string?, string?)>();
        foreach (var subset in endpoints.Subsets ?? [])
            foreach (var port in subset.Ports ?? [])
                foreach (var address in subset.Addresses ?? [])
                    table.Add((address.Ip, port.Port, port.Name ?? "", address.TargetRef?.NamespaceProperty, address.TargetRef?.Name));
        return table;
    }
}
