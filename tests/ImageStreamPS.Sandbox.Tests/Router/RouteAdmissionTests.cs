using k8s;
using static ImageStreamPS.Sandbox.Tests.Router.RouterSandbox;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>The router admits Routes as OpenShift's default router does and says where each answers.</summary>
public sealed class RouteAdmissionTests(RouterSandboxFixture fixture) : IClassFixture<RouterSandboxFixture>
{
    private RouterSandbox Sandbox => fixture.Sandbox;

    private async Task AppAsync(string ns)
    {
        await Sandbox.CreateNamespaceAsync(ns);
        await Sandbox.DeployAsync(ns, "app-citas", Reference(V1));
    }

    [Fact]
    public async Task TheRouterWritesStatusIngressAsOpenShiftsDefaultRouterDoes()
    {
        await AppAsync("admit-status");

        await Sandbox.ExposeAsync("admit-status", "app-citas");
        var route = (await Sandbox.GetRouteAsync("admit-status", "app-citas"))!;

        var ingress = Assert.Single(route.Status!.Ingress!);
        Assert.Equal("default", ingress.RouterName);
        Assert.Equal(route.Spec.Host, ingress.Host);
        Assert.Equal("app-citas-admit-status.apps.sandbox.localhost", ingress.Host);
        Assert.Equal("None", ingress.WildcardPolicy);
        Assert.Equal("router-default.apps.sandbox.localhost", ingress.RouterCanonicalHostname);
        var condition = Assert.Single(ingress.Conditions!);
        Assert.Equal(("Admitted", "True", null, null), (condition.Type, condition.Status, condition.Reason, condition.Message));
        Assert.NotNull(condition.LastTransitionTime);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", UrlOf(route));
    }

    [Fact]
    public async Task AHostHeldByAnOlderRouteInAnotherNamespaceIsRejectedAndGetsNoUrl()
    {
        await AppAsync("admit-owner");
        await AppAsync("admit-late");
        var owner = await Sandbox.ExposeAsync("admit-owner", "app-citas", hostname: "citas.example.com");
        await Task.Delay(1100, TestContext.Current.CancellationToken); // creation times are to the second

        var late = await Sandbox.ExposeAsync("admit-late", "app-citas", hostname: "citas.example.com");

        Assert.True(owner.Admitted);
        Assert.False(late.Admitted);
        var route = (await Sandbox.GetRouteAsync("admit-late", "app-citas"))!;
        var condition = Assert.Single(Assert.Single(route.Status!.Ingress!).Conditions!);
        Assert.Equal(("False", "HostAlreadyClaimed"), (condition.Status, condition.Reason));
        Assert.Equal("a route in another namespace holds citas.example.com and is older than app-citas", condition.Message);
        Assert.Null(UrlOf(route));
        Assert.Equal("http://citas.example.com", late.Url);
    }

    [Fact]
    public async Task DeletingTheRouteClosesItsPort()
    {
        await AppAsync("admit-delete");
        await Sandbox.WaitForReadyAddressesAsync("admit-delete", "app-citas", 1);
        var url = (await Sandbox.ExposeAsync("admit-delete", "app-citas")).Url!;
        Assert.Equal(200, (await Sandbox.GetAsync(url + "/version")).Status);

        await Sandbox.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("route.openshift.io", "v1", "admit-delete", "routes", "app-citas",
            cancellationToken: TestContext.Current.CancellationToken);

        await Eventually(async () =>
        {
            try { await Sandbox.GetAsync(url + "/version"); return null; }
            catch (HttpRequestException) { return ""; }
        }, "the route's port is closed");
    }
}
