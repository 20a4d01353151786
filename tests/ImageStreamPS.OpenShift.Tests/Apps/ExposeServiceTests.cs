using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>
/// <c>oc expose service</c> through <see cref="AppClient"/>: the apiserver creates the Route with an empty
/// status and a router admits it moments later, so the client watches the new Route (from the version
/// it created) until a router's Admitted condition arrives, and returns the Route as the router left it.
/// </summary>
public class ExposeServiceTests
{
    private const string Services = "/api/v1/namespaces/ns/services/app-citas";
    private const string Routes = "/apis/route.openshift.io/v1/namespaces/ns/routes";

    private static readonly V1Service AppCitas = new()
    {
        Metadata = new V1ObjectMeta { Name = "app-citas", NamespaceProperty = "ns" },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "10000-tcp", Protocol = "TCP", Port = 10000, TargetPort = 10000 }] },
    };

    private static Route Created() => new()
    {
        Metadata = new V1ObjectMeta { Name = "app-citas", NamespaceProperty = "ns", Uid = "u-1", ResourceVersion = "41" },
        Spec = new RouteSpec { Host = "app-citas-ns.apps.sandbox.localhost", To = new RouteTargetReference { Kind = "Service", Name = "app-citas", Weight = 100 } },
        Status = new RouteStatus(),
    };

    private static Route Admitted()
    {
        var route = Created();
        route.Metadata.ResourceVersion = "43";
        route.Metadata.Annotations = new Dictionary<string, string> { [ServiceRoute.SandboxUrlAnnotation] = "http://127.0.0.1:41234" };
        route.Status = new RouteStatus
        {
            Ingress = [new RouteIngress { RouterName = "default", Host = route.Spec.Host, Conditions = [new RouteIngressCondition { Type = "Admitted", Status = "True" }] }],
        };
        return route;
    }

    private static ScriptedApi Api(Answer watch) => new(r => r switch
    {
        { Method: "GET" } when r.PathAndQuery == Services => Answer.Json(200, KubernetesJson.Serialize(AppCitas)),
        { Method: "POST" } when r.PathAndQuery.StartsWith(Routes, StringComparison.Ordinal) => Answer.Json(201, KubernetesJson.Serialize(Created())),
        { Method: "GET" } when r.PathAndQuery.StartsWith(Routes + "?", StringComparison.Ordinal) && r.PathAndQuery.Contains("watch=true") => watch,
        _ => Answer.Failure(404, "NotFound"),
    });

    private static string Event(string type, Route route) => KubernetesJson.Serialize(new { type, @object = route }) + "\n";

    [Fact]
    public async Task TheRouteComesBackAsTheRouterAdmittedIt()
    {
        using var api = Api(Answer.Json(200, Event("MODIFIED", Admitted())));
        using var client = api.NewClient();

        var route = await new AppClient(client).ExposeServiceAsync("ns", "app-citas", "10000", null, null, TestContext.Current.CancellationToken);

        Assert.True(route.Admitted);
        Assert.Equal("http://127.0.0.1:41234", route.Url);
        var watch = Assert.Single(api.Requests, r => r.PathAndQuery.Contains("watch=true"));
        Assert.Contains("fieldSelector=metadata.name%3Dapp-citas", watch.PathAndQuery);
        Assert.Contains("resourceVersion=41", watch.PathAndQuery);
    }

    [Fact]
    public async Task WithoutARouterTheRouteComesBackAsCreated()
    {
        using var api = Api(Answer.Json(200, "")); // the watch ends with nothing to say
        using var client = api.NewClient();

        var route = await new AppClient(client).ExposeServiceAsync("ns", "app-citas", "10000", null, null, TestContext.Current.CancellationToken);

        Assert.False(route.Admitted);
        Assert.Equal("http://app-citas-ns.apps.sandbox.localhost", route.Url);
    }

    [Fact]
    public async Task AUserWhoMayNotWatchRoutesStillGetsTheCreatedRoute()
    {
        using var api = Api(Answer.Failure(403, "Forbidden", "routes.route.openshift.io is forbidden"));
        using var client = api.NewClient();

        var route = await new AppClient(client).ExposeServiceAsync("ns", "app-citas", "10000", null, null, TestContext.Current.CancellationToken);

        Assert.Equal(("app-citas", false), (route.Name, route.Admitted));
    }
}
