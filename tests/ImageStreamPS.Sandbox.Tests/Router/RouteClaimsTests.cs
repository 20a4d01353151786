using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Router;
using k8s.Models;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>Admission as openshift/router's UniqueHost plugin with hostindex.SameNamespace decides it (RouteLessThan: oldest, then uid).</summary>
public class RouteClaimsTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static Route Route(string ns, string name, string? host, int minute, string? path = null, string uid = "u", string? wildcard = "None", TlsConfig? tls = null) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name, Uid = uid + name, CreationTimestamp = T0.AddMinutes(minute) },
        Spec = new RouteSpec { Host = host, Path = path, WildcardPolicy = wildcard, To = new RouteTargetReference { Kind = "Service", Name = name }, Tls = tls },
    };

    [Fact]
    public void TheOldestRouteOfAHostGivesItToItsNamespace()
    {
        var claims = RouteClaims.Resolve([Route("b", "newer", "app.example.com", 5), Route("a", "older", "app.example.com", 1)]);

        Assert.True(claims["a/older"].Admitted);
        Assert.Equal(new RouteClaim(false, "HostAlreadyClaimed", "a route in another namespace holds app.example.com and is older than newer"), claims["b/newer"]);
    }

    [Fact]
    public void RoutesOfTheOwningNamespaceShareTheHostOnOtherPaths()
    {
        var claims = RouteClaims.Resolve(
        [
            Route("a", "root", "app.example.com", 1),
            Route("a", "api", "app.example.com", 2, path: "/api"),
            Route("a", "api-again", "app.example.com", 3, path: "/api"),
        ]);

        Assert.True(claims["a/root"].Admitted);
        Assert.True(claims["a/api"].Admitted);
        Assert.Equal(new RouteClaim(false, "HostAlreadyClaimed", "route root already exposes app.example.com and is older"), claims["a/api-again"]);
    }

    [Fact]
    public void OfTwoRoutesCreatedInTheSameSecondTheSmallerUidWins()
    {
        var claims = RouteClaims.Resolve([Route("b", "x", "app.example.com", 1, uid: "2"), Route("a", "x", "app.example.com", 1, uid: "1")]);

        Assert.True(claims["a/x"].Admitted);
        Assert.False(claims["b/x"].Admitted);
    }

    [Fact]
    public void APassthroughRouteKeepsOtherTlsRoutesOffItsHost()
    {
        var claims = RouteClaims.Resolve(
        [
            Route("a", "tcp", "app.example.com", 1, tls: new TlsConfig { Termination = "passthrough" }),
            Route("a", "edge", "app.example.com", 2, path: "/web", tls: new TlsConfig { Termination = "edge" }),
            Route("a", "plain", "app.example.com", 3, path: "/plain"),
        ]);

        Assert.True(claims["a/tcp"].Admitted);
        Assert.False(claims["a/edge"].Admitted);
        Assert.True(claims["a/plain"].Admitted);
    }

    [Fact]
    public void TheAdmissionCheckRejectsRoutesWithoutAHostAndWildcardRoutes()
    {
        var claims = RouteClaims.Resolve([Route("a", "nohost", null, 1), Route("a", "wild", "www.example.com", 1, wildcard: "Subdomain")]);

        Assert.Equal(new RouteClaim(false, "NoHostValue", "no host value was defined for the route"), claims["a/nohost"]);
        Assert.Equal(new RouteClaim(false, "RouteNotAdmitted", "wildcard routes are not allowed"), claims["a/wild"]);
    }
}
