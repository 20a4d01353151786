using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class ServiceRouteTests
{
    private static V1Service AppCitas() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "app-citas", NamespaceProperty = "NS",
            Labels = new Dictionary<string, string> { ["app"] = "app-citas", ["app.kubernetes.io/component"] = "app-citas", ["app.kubernetes.io/instance"] = "app-citas" },
        },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "10000-tcp", Protocol = "TCP", Port = 10000, TargetPort = 10000 }] },
    };

    [Fact]
    public void ExposingWithANumericPortSendsWhatOcExposeSends()
    {
        var route = ServiceRoute.For(AppCitas(), "10000", hostname: null, name: null);

        // openshift-image-api.md §7.4, plus the server's default kind written by the client.
        var expected = JsonNode.Parse("""
            { "kind": "Route", "apiVersion": "route.openshift.io/v1",
              "metadata": { "name": "app-citas", "namespace": "NS",
                "labels": { "app": "app-citas", "app.kubernetes.io/component": "app-citas", "app.kubernetes.io/instance": "app-citas" } },
              "spec": { "to": { "kind": "Service", "name": "app-citas" }, "port": { "targetPort": 10000 } } }
            """);
        var actual = JsonNode.Parse(KubernetesJson.Serialize(route));
        Assert.True(JsonNode.DeepEquals(expected, actual), actual!.ToJsonString());
    }

    [Fact]
    public void WithoutAPortTheFirstTcpPortsNameIsTargeted()
    {
        var route = ServiceRoute.For(AppCitas(), null, null, null);

        Assert.Equal("10000-tcp", route.Spec.Port!.TargetPort.Value);
        Assert.Contains("\"targetPort\":\"10000-tcp\"", KubernetesJson.Serialize(route));
    }

    [Fact]
    public void HostnameAndNameAreUsedAsGiven()
    {
        var route = ServiceRoute.For(AppCitas(), "10000", "citas.example.com", "citas-public");

        Assert.Equal(("citas-public", "citas.example.com"), (route.Metadata.Name, route.Spec.Host));
    }

    [Fact]
    public void AServiceWithOnlyUdpPortsCannotBeExposed()
    {
        var service = AppCitas();
        service.Spec.Ports[0].Protocol = "UDP";

        Assert.Throws<ArgumentException>(() => ServiceRoute.For(service, null, null, null));
    }

    [Fact]
    public void TheUrlUsesTheAdmittedHostFromTheRealRouteList()
    {
        var list = KubernetesYaml.Deserialize<RouteList>(Fixture.Read("routelist-sjfke-crc.yaml"));
        var route = Assert.Single(list.Items);

        Assert.Equal("lazy-dog-flask-lorem-ipsum-work01.apps-crc.testing", ServiceRoute.HostOf(route));
        Assert.Equal("http://lazy-dog-flask-lorem-ipsum-work01.apps-crc.testing", ServiceRoute.UrlOf(route));
        Assert.Equal("http", route.Spec.Port!.TargetPort.Value);
    }

    [Fact]
    public void ATlsRouteHasAnHttpsUrl()
    {
        var route = ServiceRoute.For(AppCitas(), "10000", "citas.example.com", null);
        route.Spec.Tls = new TlsConfig { Termination = "edge" };

        Assert.Equal("https://citas.example.com", ServiceRoute.UrlOf(route));
    }

    private static Route AdmittedSandboxRoute(string url)
    {
        var route = ServiceRoute.For(AppCitas(), "10000", "citas.example.com", null);
        route.Metadata.Annotations = new Dictionary<string, string> { [ServiceRoute.SandboxUrlAnnotation] = url };
        route.Status = new RouteStatus
        {
            Ingress = [new RouteIngress { RouterName = "default", Host = "citas.example.com", Conditions = [new RouteIngressCondition { Type = "Admitted", Status = "True" }] }],
        };
        return route;
    }

    [Fact]
    public void OnTheSandboxTheUrlIsTheLoopbackAddressItsRouterServesTheRouteAt()
    {
        Assert.Equal("http://127.0.0.1:41234", ServiceRoute.UrlOf(AdmittedSandboxRoute("http://127.0.0.1:41234")));
        Assert.Equal("http://127.0.0.1:41234/api", ServiceRoute.UrlOf(AdmittedSandboxRoute("http://127.0.0.1:41234/api")));
    }

    [Theory]
    [InlineData("http://citas.example.net:41234")]
    [InlineData("https://127.0.0.1:41234")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public void AnAnnotationThatIsNotALoopbackHttpUrlIsIgnored(string url)
    {
        Assert.Equal("http://citas.example.com", ServiceRoute.UrlOf(AdmittedSandboxRoute(url)));
    }

    [Fact]
    public void TheSandboxUrlCountsOnlyWhileARouterAdmitsTheRouteAtItsHost()
    {
        var moved = AdmittedSandboxRoute("http://127.0.0.1:41234");
        moved.Spec.Host = "citas2.example.com";
        var rejected = AdmittedSandboxRoute("http://127.0.0.1:41234");
        rejected.Status!.Ingress![0].Conditions![0].Status = "False";

        Assert.DoesNotContain("127.0.0.1", ServiceRoute.UrlOf(moved));
        Assert.Equal("http://citas.example.com", ServiceRoute.UrlOf(rejected));
    }
}
