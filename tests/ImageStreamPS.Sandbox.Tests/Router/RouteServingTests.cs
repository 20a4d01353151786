using k8s;
using ImageStreamPS.Sandbox.Router;
using Simulated = ImageStreamPS.Sandbox.Containers;
using static ImageStreamPS.Sandbox.Tests.Router.RouterSandbox;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>One sandbox for the serving tests; each test works in a namespace of its own.</summary>
public sealed class RouterSandboxFixture : IAsyncLifetime
{
    public RouterSandbox Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Sandbox = await StartAsync();

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
}

/// <summary>
/// The router serving admitted Routes as OpenShift's HAProxy router does: Host header and path
/// matching, the ready endpoints of the Route's Service, the simulated answers of the tutorial images,
/// 503 "Application is not available" and the 502 of an image that declares nothing.
/// </summary>
public sealed class RouteServingTests(RouterSandboxFixture fixture) : IClassFixture<RouterSandboxFixture>
{
    private RouterSandbox Sandbox => fixture.Sandbox;

    private async Task<string> AppAsync(string ns, string image, int replicas = 1)
    {
        await Sandbox.CreateNamespaceAsync(ns);
        await Sandbox.DeployAsync(ns, "app-citas", image, replicas);
        await Sandbox.WaitForReadyAddressesAsync(ns, "app-citas", replicas);
        var route = await Sandbox.ExposeAsync(ns, "app-citas");
        Assert.True(route.Admitted);
        return route.Url!;
    }

    [Fact]
    public async Task TheRouteAnswersWhatTheRunningImageDeclares()
    {
        var url = await AppAsync("serve-v1", Reference(V1));

        var (status, body, response) = await Sandbox.GetAsync(url + "/version");

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);
        Assert.Equal(200, status);
        Assert.Equal("v1", body);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task TheAnswerFollowsTheRollout()
    {
        var url = await AppAsync("serve-rollout", Reference(V1));
        Assert.Equal("v1", (await Sandbox.GetAsync(url + "/version")).Body);

        await Sandbox.SetImageAsync("serve-rollout", "app-citas", Reference(V2));

        await Eventually(async () => (await Sandbox.GetAsync(url + "/version")).Body == "v2" ? "" : null, "the route answers v2");
        await Sandbox.WaitForReadyAddressesAsync("serve-rollout", "app-citas", 1);
        for (var i = 0; i < 10; i++) Assert.Equal("v2", (await Sandbox.GetAsync(url + "/version")).Body);
    }

    [Fact]
    public async Task ARequestTheImageDoesNotDeclareIsNotFoundAndSaysTheSandboxRunsNoContainers()
    {
        var url = await AppAsync("serve-404", Reference(V1));

        var (status, body, _) = await Sandbox.GetAsync(url + "/citas");

        Assert.Equal(404, status);
        Assert.Contains("the sandbox runs no containers", body);
        Assert.Contains("GET /version", body);
    }

    [Fact]
    public async Task AnImageThatDeclaresNothingAnswers502SayingTheSandboxRunsNoContainers()
    {
        var url = await AppAsync("serve-502", "quay.io/nginx/nginx:1.25");

        var (status, body, _) = await Sandbox.GetAsync(url + "/");

        Assert.Equal(502, status);
        Assert.Contains("The sandbox runs no containers", body);
        Assert.Contains(Simulated.DeclaredAnswers.LabelKey, body);
    }

    [Fact]
    public async Task WithNoReadyPodTheRouterAnswers503ApplicationIsNotAvailable()
    {
        var url = await AppAsync("serve-503", Reference(V1));
        await Sandbox.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new k8s.Models.V1Patch("""{"spec":{"replicas":0}}""", k8s.Models.V1Patch.PatchType.MergePatch), "app-citas", "serve-503",
            cancellationToken: TestContext.Current.CancellationToken);
        await Sandbox.WaitForReadyAddressesAsync("serve-503", "app-citas", 0);

        var (status, body, response) = await Eventually(async () => await Sandbox.GetAsync(url + "/version") is { Status: 503 } r ? r : null,
            "the route answers 503");

        Assert.Equal(503, status);
        Assert.Contains("<h1>" + ApplicationNotAvailablePage.Title + "</h1>", body);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
        Assert.True(response.Headers.ConnectionClose);
    }

    [Fact]
    public async Task TheRouterMatchesTheHostHeaderAsHAProxyDoes()
    {
        var url = await AppAsync("serve-host", Reference(V1));
        var host = (await Sandbox.GetRouteAsync("serve-host", "app-citas"))!.Spec.Host!;
        var port = new Uri(url).Port;

        Assert.Equal("v1", (await Sandbox.GetAsync(url + "/version", hostHeader: host)).Body);
        Assert.Equal("v1", (await Sandbox.GetAsync(url + "/version", hostHeader: $"{host.ToUpperInvariant()}:{port}")).Body);
        Assert.Equal("v1", (await Sandbox.GetAsync(url + "/version", hostHeader: host + ".")).Body);
        Assert.Equal(503, (await Sandbox.GetAsync(url + "/version", hostHeader: "nobody.apps.sandbox.localhost")).Status);
    }

    [Fact]
    public async Task AHostPortServesTheOtherAdmittedHostsByTheirHostHeader()
    {
        var v1 = await AppAsync("serve-two-a", Reference(V1));
        await Sandbox.CreateNamespaceAsync("serve-two-b");
        await Sandbox.DeployAsync("serve-two-b", "app-citas", Reference(V2));
        await Sandbox.WaitForReadyAddressesAsync("serve-two-b", "app-citas", 1);
        var v2 = await Sandbox.ExposeAsync("serve-two-b", "app-citas");

        Assert.NotEqual(new Uri(v1).Port, new Uri(v2.Url!).Port);
        Assert.Equal("v2", (await Sandbox.GetAsync(v1 + "/version", hostHeader: v2.Host)).Body);
    }

    [Fact]
    public async Task RoutesOfOneHostSplitItByPathMostSpecificFirst()
    {
        const string ns = "serve-paths";
        await Sandbox.CreateNamespaceAsync(ns);
        await Sandbox.DeployAsync(ns, "web-v1", Reference(V1));
        await Sandbox.DeployAsync(ns, "web-v2", Reference(V2));
        await Sandbox.WaitForReadyAddressesAsync(ns, "web-v1", 1);
        await Sandbox.WaitForReadyAddressesAsync(ns, "web-v2", 1);
        var root = await Sandbox.CreateRouteAsync(ns, """{"metadata":{"name":"root"},"spec":{"host":"paths.example.com","to":{"kind":"Service","name":"web-v1"}}}""");
        var version = await Sandbox.CreateRouteAsync(ns, """{"metadata":{"name":"version"},"spec":{"host":"paths.example.com","path":"/version","to":{"kind":"Service","name":"web-v2"}}}""");

        Assert.Equal(new Uri(UrlOf(root)!).Port, new Uri(UrlOf(version)!).Port);
        Assert.EndsWith("/version", UrlOf(version));
        var origin = UrlOf(root)!;
        Assert.Equal("v2", (await Sandbox.GetAsync(origin + "/version")).Body);
        Assert.Equal(404, (await Sandbox.GetAsync(origin + "/versions")).Status); // "/version" does not match "/versions": the root route takes it
        Assert.Contains("answers only what the image declares", (await Sandbox.GetAsync(origin + "/versions")).Body);
    }

    [Fact]
    public async Task AnEdgeRouteIsServedOverPlainHttpOnlyAsItsInsecurePolicySays()
    {
        const string ns = "serve-edge";
        await Sandbox.CreateNamespaceAsync(ns);
        await Sandbox.DeployAsync(ns, "app-citas", Reference(V1));
        await Sandbox.WaitForReadyAddressesAsync(ns, "app-citas", 1);
        var allow = await Sandbox.CreateRouteAsync(ns, """{"metadata":{"name":"allow"},"spec":{"host":"allow.example.com","to":{"kind":"Service","name":"app-citas"},"tls":{"termination":"edge","insecureEdgeTerminationPolicy":"Allow"}}}""");
        var redirect = await Sandbox.CreateRouteAsync(ns, """{"metadata":{"name":"redirect"},"spec":{"host":"redirect.example.com","to":{"kind":"Service","name":"app-citas"},"tls":{"termination":"edge","insecureEdgeTerminationPolicy":"Redirect"}}}""");
        var none = await Sandbox.CreateRouteAsync(ns, """{"metadata":{"name":"none"},"spec":{"host":"none.example.com","to":{"kind":"Service","name":"app-citas"},"tls":{"termination":"edge"}}}""");

        Assert.Equal("v1", (await Sandbox.GetAsync(UrlOf(allow)! + "/version")).Body);
        Assert.Null(UrlOf(redirect));
        Assert.Null(UrlOf(none));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var port = new Uri(UrlOf(allow)!).Port;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/version?x=1") { Headers = { Host = "redirect.example.com" } };
        var redirected = await noRedirects.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(302, (int)redirected.StatusCode);
        Assert.Equal("https://redirect.example.com/version?x=1", redirected.Headers.Location!.ToString());
        Assert.Equal(503, (await Sandbox.GetAsync($"http://127.0.0.1:{port}/version", hostHeader: "none.example.com")).Status);
    }

    [Fact]
    public async Task TheStickyCookieKeepsAClientOnItsPodAsHAProxysCookieDoes()
    {
        var url = await AppAsync("serve-cookie", Reference(V1), replicas: 2);
        var first = await Sandbox.GetAsync(url + "/version");
        var cookie = Assert.Single(first.Response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^[0-9a-f]{32}=[0-9a-f]{32}; path=/; HttpOnly$", cookie);
        Assert.Equal("private", first.Response.Headers.CacheControl!.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/version");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var again = await Sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ADeletedPodsContainerAnswersWhileItStopsThenRefuses()
    {
        await AppAsync("serve-stop", Reference(V1));
        var pod = (await Sandbox.Client.CoreV1.ListNamespacedPodAsync("serve-stop", cancellationToken: TestContext.Current.CancellationToken)).Items.Single();
        var pods = new Simulated.SimulatedPods(Sandbox.Host.Core.Api);
        PodReplyOf(pods.Send(pod.Status.PodIP, 10000, "serve-stop", pod.Metadata.Name, "GET", "/version"));

        Sandbox.Host.Core.Api.Delete("", "pods", "serve-stop", pod.Metadata.Name, new Api.DeleteOptions { GracePeriodSeconds = 0 });
        var stopping = pods.Send(pod.Status.PodIP, 10000, "serve-stop", pod.Metadata.Name, "GET", "/version");
        var gone = await Eventually(async () =>
        {
            await Task.Yield();
            return pods.Send(pod.Status.PodIP, 10000, "serve-stop", pod.Metadata.Name, "GET", "/version") as Simulated.PodRefused;
        }, "the stopped container refuses");

        Assert.Equal("v1", PodReplyOf(stopping));
        Assert.Equal(Simulated.PodRefusal.NoPod, gone.Reason);
    }

    private static string PodReplyOf(Simulated.PodReply reply) =>
        Assert.IsType<Simulated.PodAnswered>(reply).Body;
}
