using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Router;
using k8s;
using k8s.Models;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>The router's status.ingress entry, as openshift/router's StatusAdmitter writes it (recordIngressCondition).</summary>
public class RouteIngressStatusTests
{
    private static readonly DateTimeOffset Admitted = new(2022, 6, 18, 17, 4, 54, 321, TimeSpan.Zero);

    private static Route CrcRoute() => new()
    {
        Metadata = new V1ObjectMeta { Name = "lazy-dog-flask-lorem-ipsum", NamespaceProperty = "work01" },
        Spec = new RouteSpec
        {
            Host = "lazy-dog-flask-lorem-ipsum-work01.apps-crc.testing", WildcardPolicy = "None",
            To = new RouteTargetReference { Kind = "Service", Name = "lazy-dog-flask-lorem-ipsum", Weight = 100 },
        },
    };

    [Fact]
    public void AnAdmittedRouteGetsTheStatusACrcRouterWrote()
    {
        var route = CrcRoute();

        Assert.True(RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", RouteClaim.Accepted, Admitted));

        // The status of Fixtures/routelist-sjfke-crc.yaml (OpenShift Local's default router), time to the second.
        var expected = JsonNode.Parse("""
            { "ingress": [ { "conditions": [ { "lastTransitionTime": "2022-06-18T17:04:54Z", "status": "True", "type": "Admitted" } ],
                "host": "lazy-dog-flask-lorem-ipsum-work01.apps-crc.testing", "routerCanonicalHostname": "router-default.apps-crc.testing",
                "routerName": "default", "wildcardPolicy": "None" } ] }
            """);
        var actual = JsonNode.Parse(KubernetesJson.Serialize(route.Status));
        Assert.True(JsonNode.DeepEquals(Sorted(expected), Sorted(actual)), actual!.ToJsonString());
    }

    [Fact]
    public void AnUnchangedEntryIsNotWrittenAgainAndKeepsItsTime()
    {
        var route = CrcRoute();
        RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", RouteClaim.Accepted, Admitted);

        Assert.False(RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", RouteClaim.Accepted, Admitted.AddHours(1)));
        Assert.Equal(Admitted.UtcDateTime.AddMilliseconds(-321), route.Status!.Ingress![0].Conditions![0].LastTransitionTime);
    }

    [Fact]
    public void ARejectionReplacesTheConditionWithItsReasonAndANewTime()
    {
        var route = CrcRoute();
        RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", RouteClaim.Accepted, Admitted);

        var rejected = new RouteClaim(false, "HostAlreadyClaimed", "a route in another namespace holds x and is older than y");
        Assert.True(RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", rejected, Admitted.AddMinutes(1)));

        var condition = Assert.Single(Assert.Single(route.Status!.Ingress!).Conditions!);
        Assert.Equal(("Admitted", "False", "HostAlreadyClaimed"), (condition.Type, condition.Status, condition.Reason));
        Assert.Equal(rejected.Message, condition.Message);
        Assert.Equal(new DateTime(2022, 6, 18, 17, 5, 54, DateTimeKind.Utc), condition.LastTransitionTime);
    }

    [Fact]
    public void ANewHostIsRecordedAndAnotherRoutersEntryIsLeftAlone()
    {
        var route = CrcRoute();
        route.Status = new RouteStatus { Ingress = [new RouteIngress { RouterName = "sharded", Host = "old.example.com" }] };
        RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", RouteClaim.Accepted, Admitted);
        route.Spec.Host = "new.example.com";

        Assert.True(RouteIngressStatus.Record(route, "default", "router-default.apps-crc.testing", RouteClaim.Accepted, Admitted.AddMinutes(1)));

        Assert.Equal(["sharded", "default"], route.Status.Ingress!.Select(i => i.RouterName));
        Assert.Equal("old.example.com", route.Status.Ingress![0].Host);
        Assert.Equal("new.example.com", route.Status.Ingress![1].Host);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
