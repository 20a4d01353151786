using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Router;
using k8s.Models;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>
/// What the router serves: openshift/router's GenerateRouteRegexp (host, path), its map entries
/// (map_entry.go: which routes plain HTTP serves or redirects), processEndpointsForAlias (ready
/// addresses on the route's target port) and calculateServiceWeights (weights shared by endpoints, scaled to 256).
/// </summary>
public class RouteTableTests
{
    private static Route Route(string name, string host = "app.example.com", string? path = null, TlsConfig? tls = null,
        string service = "app", int? weight = null, IList<RouteTargetReference>? alternates = null, string? targetPort = null) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = "ns", Name = name },
        Spec = new RouteSpec
        {
            Host = host, Path = path, Tls = tls, AlternateBackends = alternates,
            To = new RouteTargetReference { Kind = "Service", Name = service, Weight = weight },
            Port = targetPort is null ? null : new RoutePort { TargetPort = targetPort },
        },
    };

    private static V1Endpoints Endpoints(string service, string[] ready, string[]? notReady = null, params (string Name, int Port)[] ports) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = "ns", Name = service },
        Subsets =
        [
            new V1EndpointSubset
            {
                Addresses = ready.Select(ip => new V1EndpointAddress { Ip = ip, TargetRef = new V1ObjectReference { Kind = "Pod", NamespaceProperty = "ns", Name = "pod-" + ip } }).ToList(),
                NotReadyAddresses = notReady?.Select(ip => new V1EndpointAddress { Ip = ip }).ToList(),
                Ports = (ports.Length == 0 ? [("10000-tcp", 10000)] : ports).Select(p => new Corev1EndpointPort { Name = p.Name, Port = p.Port, Protocol = "TCP" }).ToList(),
            },
        ],
    };

    private static Dictionary<string, V1Endpoints> Map(params V1Endpoints[] endpoints) =>
        endpoints.ToDictionary(e => "ns/" + e.Metadata.Name);

    [Theory]
    [InlineData("", "/", true)]
    [InlineData("", "/anything/at/all", true)]
    [InlineData("/", "/x", true)]
    [InlineData("/api", "/api", true)]
    [InlineData("/api", "/api/v1", true)]
    [InlineData("/api", "/apis", false)]
    [InlineData("/api/", "/api/v1", true)]
    [InlineData("/api/", "/api", false)]
    public void APathMatchesItselfAndItsSubtree(string routePath, string requestPath, bool matches)
    {
        var table = RouteTable.Build([Route("r", path: routePath)], Map(Endpoints("app", ["10.128.0.2"])));

        Assert.Equal(matches, table.Match("app.example.com", requestPath) is not null);
    }

    [Fact]
    public void TheMostSpecificPathOfAHostWins()
    {
        var table = RouteTable.Build([Route("root"), Route("api", path: "/api"), Route("v1", path: "/api/v1")], Map(Endpoints("app", ["10.128.0.2"])));

        Assert.Equal("ns/v1", table.Match("app.example.com", "/api/v1/x")!.Key);
        Assert.Equal("ns/api", table.Match("app.example.com", "/api/v2")!.Key);
        Assert.Equal("ns/root", table.Match("app.example.com", "/web")!.Key);
        Assert.Null(table.Match("other.example.com", "/"));
    }

    [Fact]
    public void PlainHttpServesPlainAndAllowRoutesRedirectsRedirectRoutesAndLeavesTheRestOut()
    {
        var table = RouteTable.Build(
        [
            Route("allow", host: "allow.example.com", tls: new TlsConfig { Termination = "edge", InsecureEdgeTerminationPolicy = "Allow" }),
            Route("redirect", host: "redirect.example.com", tls: new TlsConfig { Termination = "reencrypt", InsecureEdgeTerminationPolicy = "Redirect" }),
            Route("secure-only", host: "secure.example.com", tls: new TlsConfig { Termination = "edge" }),
            Route("passthrough", host: "tcp.example.com", tls: new TlsConfig { Termination = "passthrough" }),
        ], Map(Endpoints("app", ["10.128.0.2"])));

        Assert.Equal(InsecureHandling.Serve, table.Match("allow.example.com", "/")!.Insecure);
        Assert.Equal(InsecureHandling.Redirect, table.Match("redirect.example.com", "/")!.Insecure);
        Assert.Null(table.Match("secure.example.com", "/"));
        Assert.Null(table.Match("tcp.example.com", "/"));
        Assert.True(table.HasHost("secure.example.com"));
    }

    [Fact]
    public void OnlyReadyAddressesOnTheTargetPortBecomeServers()
    {
        var endpoints = Endpoints("app", ["10.128.0.2", "10.128.0.3"], notReady: ["10.128.0.4"], ("http", 8080), ("metrics", 9090));

        var byName = RouteTable.Build([Route("r", targetPort: "http")], Map(endpoints)).Match("app.example.com", "/")!;
        var byNumber = RouteTable.Build([Route("r", targetPort: "9090")], Map(endpoints)).Match("app.example.com", "/")!;
        var every = RouteTable.Build([Route("r")], Map(endpoints)).Match("app.example.com", "/")!;

        Assert.Equal(["10.128.0.2:8080", "10.128.0.3:8080"], byName.Backends.Select(b => $"{b.IP}:{b.Port}"));
        Assert.Equal(["10.128.0.2:9090", "10.128.0.3:9090"], byNumber.Backends.Select(b => $"{b.IP}:{b.Port}"));
        Assert.Equal(4, every.Backends.Count);
        Assert.DoesNotContain(every.Backends, b => b.IP == "10.128.0.4");
        Assert.Equal(("ns", "pod-10.128.0.2"), (byName.Backends[0].PodNamespace, byName.Backends[0].PodName));
    }

    [Fact]
    public void ServiceWeightsAreSharedByTheirEndpointsAndScaledTo256()
    {
        // calculateServiceWeights' own example: "A" weight 20 with 2 endpoints, "B" weight 10 with 4 endpoints.
        var route = Route("ab", service: "a", weight: 20, alternates: [new RouteTargetReference { Kind = "Service", Name = "b", Weight = 10 }]);
        var table = RouteTable.Build([route], Map(Endpoints("a", ["10.0.0.1", "10.0.0.2"]), Endpoints("b", ["10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.4"])));

        var served = table.Match("app.example.com", "/")!;

        Assert.Equal([256, 256, 64, 64, 64, 64], served.Backends.Select(b => b.Weight));
        Assert.Equal(BalanceAlgorithm.RoundRobin, served.Balance);
    }

    [Fact]
    public void AServiceWithWeight0TakesNoNewRequestsAndOneServiceBalancesAtRandom()
    {
        var route = Route("ab", service: "a", alternates: [new RouteTargetReference { Kind = "Service", Name = "b", Weight = 0 }]);
        var served = RouteTable.Build([route], Map(Endpoints("a", ["10.0.0.1"]), Endpoints("b", ["10.0.1.1"]))).Match("app.example.com", "/")!;

        Assert.Equal(["10.0.0.1"], served.Active.Select(b => b.IP));
        Assert.Equal(2, served.Backends.Count);
        Assert.Equal(BalanceAlgorithm.Random, served.Balance);
    }

    [Fact]
    public void TheBalanceAndCookieAnnotationsAreHonoured()
    {
        var route = Route("r");
        route.Metadata.Annotations = new Dictionary<string, string>
        {
            [ServedRoute.BalanceAnnotation] = "roundrobin",
            [ServedRoute.CookieNameAnnotation] = "my_cookie",
        };
        var cookieless = Route("c", host: "c.example.com");
        cookieless.Metadata.Annotations = new Dictionary<string, string> { [ServedRoute.DisableCookiesAnnotation] = "true" };

        var table = RouteTable.Build([route, cookieless], Map(Endpoints("app", ["10.0.0.1"])));

        Assert.Equal((BalanceAlgorithm.RoundRobin, "my_cookie"), (table.Match("app.example.com", "/")!.Balance, table.Match("app.example.com", "/")!.CookieName));
        Assert.Null(table.Match("c.example.com", "/")!.CookieName);
    }
}
