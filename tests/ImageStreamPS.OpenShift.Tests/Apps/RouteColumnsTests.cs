using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>The cells of <c>oc get route</c> as openshift-apiserver's printRoute (pkg/route/printers/internalversion) writes them.</summary>
public class RouteColumnsTests
{
    private static Route Route(params RouteIngress[]? ingress) => new()
    {
        Metadata = new V1ObjectMeta { Name = "app-citas" },
        Spec = new RouteSpec { Host = "app.example.com", To = new RouteTargetReference { Kind = "Service", Name = "app-citas", Weight = 100 } },
        Status = ingress is null ? null : new RouteStatus { Ingress = ingress },
    };

    private static RouteIngress Ingress(string router, string status, string? reason = null, string host = "app.example.com") => new()
    {
        RouterName = router, Host = host,
        Conditions = [new RouteIngressCondition { Type = "Admitted", Status = status, Reason = reason }],
    };

    [Fact]
    public void TheHostOfTheCapturedCrcRouteIsItsHost()
    {
        var route = Assert.Single(KubernetesYaml.Deserialize<RouteList>(Fixture.Read("routelist-sjfke-crc.yaml")).Items);

        Assert.Equal("lazy-dog-flask-lorem-ipsum-work01.apps-crc.testing", RouteColumns.HostPort(route));
        Assert.Equal("lazy-dog-flask-lorem-ipsum", RouteColumns.Services(route));
        Assert.Equal("http", RouteColumns.Port(route));
        Assert.Equal("", RouteColumns.Termination(route));
    }

    [Fact]
    public void TheHostColumnSaysWhatTheRoutersDecided()
    {
        Assert.Equal("app.example.com", RouteColumns.HostPort(Route(null)));             // no status yet: the legacy case
        Assert.Equal("app.example.com", RouteColumns.HostPort(Route([])));               // stored, an empty list is nil
        Assert.Equal("Pending", RouteColumns.HostPort(Route(new RouteIngress { RouterName = "default", Host = "app.example.com" })));
        Assert.Equal("HostAlreadyClaimed", RouteColumns.HostPort(Route(Ingress("default", "False", "HostAlreadyClaimed"))));
        Assert.Equal("app.example.com ... 1 rejected",
            RouteColumns.HostPort(Route(Ingress("default", "True"), Ingress("sharded", "False", "RouteNotAdmitted"))));
        Assert.Equal("app.example.com ... 1 more", RouteColumns.HostPort(Route(Ingress("default", "True"), Ingress("sharded", "True"))));
        Assert.Equal("other.example.com", RouteColumns.HostPort(Route(Ingress("default", "True", host: "other.example.com"))));
    }

    [Fact]
    public void SeveralWeightedBackendsShowTheirShare()
    {
        var route = Route(null);
        route.Spec.AlternateBackends = [new RouteTargetReference { Kind = "Service", Name = "canary", Weight = 50 }, new RouteTargetReference { Kind = "Service", Name = "old" }];

        Assert.Equal("app-citas(66%),canary(33%),old", RouteColumns.Services(route));
        route.Spec.To.Weight = 0;
        route.Spec.AlternateBackends[0].Weight = 0;
        Assert.Equal("app-citas(0%),canary(0%),old", RouteColumns.Services(route));
    }

    [Theory]
    [InlineData("edge", "Redirect", "edge/Redirect")]
    [InlineData("passthrough", null, "passthrough")]
    [InlineData("", "Allow", "default/Allow")]
    public void TheTerminationColumnJoinsTheInsecurePolicy(string termination, string? insecure, string expected)
    {
        var route = Route(null);
        route.Spec.Tls = new TlsConfig { Termination = termination, InsecureEdgeTerminationPolicy = insecure };

        Assert.Equal(expected, RouteColumns.Termination(route));
    }
}
