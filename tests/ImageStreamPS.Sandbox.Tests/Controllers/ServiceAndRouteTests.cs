using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Hosting;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

public sealed class ServiceAndRouteTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "isps-svc-" + Guid.NewGuid().ToString("N"));
    private readonly SandboxCore _core;

    public ServiceAndRouteTests() => _core = SandboxCore.Open(_directory);

    public void Dispose()
    {
        _core.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static JsonObject Service(string name, string? clusterIP = null, string ns = Namespace)
    {
        var svc = NewAppService(ns);
        svc.Metadata()["name"] = name;
        if (clusterIP is not null) svc["spec"]!["clusterIP"] = clusterIP;
        return svc;
    }

    [Fact]
    public void ServicesGetDefaultedPortsAndAClusterIPInTheServiceNetwork()
    {
        var svc = NewAppService();
        svc["spec"]!["ports"]![0]!.AsObject().Remove("targetPort");
        svc["spec"]!["ports"]![0]!.AsObject().Remove("protocol");
        var created = _core.Api.Create("", "services", Namespace, svc);
        var port = created["spec"]!["ports"]![0]!;
        Assert.Equal(10000, WireFields.Long(port["targetPort"]));
        Assert.Equal("TCP", (string?)port["protocol"]);
        Assert.Equal("ClusterIP", (string?)created["spec"]!["type"]);
        Assert.Matches(@"^172\.30\.\d{1,3}\.\d{1,3}$", (string?)created["spec"]!["clusterIP"]);
        Assert.Equal((string?)created["spec"]!["clusterIP"], (string?)created["spec"]!["clusterIPs"]![0]);
    }

    [Fact]
    public void AClusterIPAlreadyInUseIsNotGivenTwice()
    {
        var probe = _core.Api.Create("", "services", Namespace, Service("second"));
        var preferred = (string)probe["spec"]!["clusterIP"]!;
        _core.Api.Delete("", "services", Namespace, "second");
        _core.Api.Create("", "services", "default", Service("first", preferred, "default"));

        var second = _core.Api.Create("", "services", Namespace, Service("second"));
        Assert.NotEqual(preferred, (string?)second["spec"]!["clusterIP"]);
        Assert.StartsWith("172.30.", (string?)second["spec"]!["clusterIP"]);
    }

    [Fact]
    public void AServiceKeepsItsClusterIPAcrossUpdatesAndRestarts()
    {
        var created = _core.Api.Create("", "services", Namespace, Service("app"));
        var ip = (string?)created["spec"]!["clusterIP"];
        created["spec"]!.AsObject().Remove("clusterIP");
        created["spec"]!.AsObject().Remove("clusterIPs");
        var updated = _core.Api.Update("", "services", Namespace, "app", created);
        Assert.Equal(ip, (string?)updated["spec"]!["clusterIP"]);

        _core.Dispose();
        using var reopened = SandboxCore.Open(_directory);
        Assert.Equal(ip, (string?)reopened.Api.Get("", "services", Namespace, "app")["spec"]!["clusterIP"]);
    }

    [Fact]
    public void ExposedRouteGetsTheGeneratedHostAndAnEmptyStatusForTheRouter()
    {
        // openshift-apiserver routeStrategy.PrepareForCreate: status is the router's to write (Router/ tests admit it).
        var route = _core.Api.Create("route.openshift.io", "routes", Namespace, ExposeRoute());
        Assert.Equal($"app-citas-{Namespace}.apps.sandbox.localhost", (string?)route["spec"]!["host"]);
        Assert.Equal("true", route.Annotation("openshift.io/host.generated"));
        Assert.Equal("Service", (string?)route["spec"]!["to"]!["kind"]);
        Assert.Equal(100, WireFields.Long(route["spec"]!["to"]!["weight"]));
        Assert.Equal("None", (string?)route["spec"]!["wildcardPolicy"]);
        Assert.Equal("{}", route["status"]!.ToJsonString());
    }

    [Fact]
    public void DotsInARouteNameBecomeDashesInItsHost()
    {
        var r = ExposeRoute();
        r.Metadata()["name"] = "app.citas";
        var route = _core.Api.Create("route.openshift.io", "routes", Namespace, r);
        Assert.Equal($"app-citas-{Namespace}.apps.sandbox.localhost", (string?)route["spec"]!["host"]);
    }

    // openshift-apiserver applies library-go validateRoute: a target port of 0 (or "") is Required; -5 and 70000 pass.
    [Theory]
    [InlineData("0", 422)]
    [InlineData("\"\"", 422)]
    [InlineData("-5", 201)]
    [InlineData("70000", 201)]
    public void RouteTargetPortsAreCheckedAsOpenShiftChecksThem(string port, int expected)
    {
        var route = ExposeRoute();
        route.Metadata()["name"] = "port" + expected + port.GetHashCode().ToString("x");
        route["spec"]!["port"]!["targetPort"] = JsonNode.Parse(port);

        var status = 201;
        try { _core.Api.Create("route.openshift.io", "routes", Namespace, route); }
        catch (ImageStreamPS.Sandbox.Api.StatusException e)
        {
            status = e.Code;
            Assert.Equal("spec.port.targetPort: Required value", e.Message[(e.Message.IndexOf("is invalid: ", StringComparison.Ordinal) + 12)..]);
        }
        Assert.Equal(expected, status);
    }
}
