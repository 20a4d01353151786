using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Controllers;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

public class EndpointsSyncTests
{
    private static JsonObject Pod(string name, string ip, bool ready, string deployment = "app-citas") => JsonNode.Parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"myproject","uid":"u-NAME","labels":{"deployment":"DEPLOYMENT"}},
         "spec":{"nodeName":"sandbox","containers":[{"name":"citas","image":"x","ports":[{"name":"web","containerPort":8080}]}]},
         "status":{"podIP":"@IP@","conditions":[{"type":"Ready","status":"READY"}]}}
        """.Replace("NAME", name).Replace("DEPLOYMENT", deployment).Replace("@IP@", ip).Replace("READY", ready ? "True" : "False"))!.AsObject();

    [Fact]
    public void ReadyAndNotReadyPodsOfTheSelectorBecomeAddresses()
    {
        var endpoints = WireFields.Endpoints(NewAppService(), [Pod("a", "10.128.0.3", true), Pod("b", "10.128.0.2", false), Pod("c", "10.128.0.4", true, "other")], null)!;
        var subset = endpoints["subsets"]![0]!;
        Assert.Equal("10.128.0.3", (string?)subset["addresses"]![0]!["ip"]);
        Assert.Single((JsonArray)subset["addresses"]!);
        Assert.Equal("10.128.0.2", (string?)subset["notReadyAddresses"]![0]!["ip"]);
        Assert.Equal("app-citas", endpoints.Name());
        Assert.Equal("app-citas", endpoints.Labels()["app"]);
    }

    [Fact]
    public void NamedTargetPortsResolveThroughTheContainerAndUnchangedEndpointsAreNotRewritten()
    {
        var service = NewAppService();
        service["spec"]!["ports"]![0]!["targetPort"] = "web";
        var pods = new[] { Pod("a", "10.128.0.3", true) };
        var endpoints = WireFields.Endpoints(service, pods, null)!;
        Assert.Equal(8080, WireFields.Long(endpoints["subsets"]![0]!["ports"]![0]!["port"]));
        Assert.Null(WireFields.Endpoints(service, pods, endpoints));
    }

    [Fact]
    public void AServiceWithoutSelectorIsLeftAlone()
    {
        var service = NewAppService();
        service["spec"]!.AsObject().Remove("selector");
        Assert.Null(WireFields.Endpoints(service, [Pod("a", "10.128.0.3", true)], null));
    }
}
