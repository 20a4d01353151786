using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Router;
using k8s;
using k8s.Models;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Tests.Router;

/// <summary>
/// The whole sandbox as the program runs it (image API, controllers, router; --seed Tutorial) with the
/// tutorial's images imported, and what the tests do to it through KubernetesClient: deploy an image,
/// expose a Service, move a tag, and call a Route's URL the way a user's HTTP client does.
/// </summary>
public sealed class RouterSandbox : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly bool _ownsDirectory;

    private RouterSandbox(TempDirectory dir, bool ownsDirectory, SandboxHost host, RouterModule router)
    {
        _dir = dir;
        _ownsDirectory = ownsDirectory;
        Host = host;
        Router = router;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(host.KubeConfigPath));
    }

    public SandboxHost Host { get; }
    public RouterModule Router { get; }
    public Kubernetes Client { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
    public string DataPath => _dir.Path;

    public static string V1 => TutorialSeed.Images[0].Digest;
    public static string V2 => TutorialSeed.Images[1].Digest;
    public static string Reference(string digest) => "docker.io/josedom24/citas-backend@" + digest;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Starts a sandbox (in <paramref name="dir"/> when given, to restart on the same data) and imports citas:v1 and :v2 into myproject.</summary>
    public static async Task<RouterSandbox> StartAsync(TimeSpan? podStartDelay = null, TempDirectory? dir = null)
    {
        var router = new RouterModule();
        var owns = dir is null;
        dir ??= new TempDirectory();
        var host = await SandboxHost.StartAsync(
            new CommandLine { DataPath = dir.Path, Seed = "Tutorial", PodStartDelayMilliseconds = (int)(podStartDelay ?? TimeSpan.Zero).TotalMilliseconds },
            [new ImageApiModule(), new ControllersModule(), router]);
        var sandbox = new RouterSandbox(dir, owns, host, router);
        if (owns) await sandbox.ImportTutorialImagesAsync();
        return sandbox;
    }

    /// <summary><c>oc import-image citas:v1</c> and <c>:v2</c> (one ImageStreamImport, the stream created with it).</summary>
    public Task ImportTutorialImagesAsync(string ns = "myproject") => Client.CustomObjects.CreateNamespacedCustomObjectAsync(JsonNode.Parse("""
        { "kind": "ImageStreamImport", "apiVersion": "image.openshift.io/v1", "metadata": { "name": "citas" },
          "spec": { "import": true, "images": [
            { "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v1" }, "to": { "name": "v1" } },
            { "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v2" }, "to": { "name": "v2" } } ] } }
        """)!, "image.openshift.io", "v1", ns, "imagestreamimports", cancellationToken: Cancel);

    /// <summary>A Deployment of <paramref name="image"/> listening on 10000 and its Service (what new-app makes, without a trigger).</summary>
    public async Task DeployAsync(string ns, string name, string image, int replicas = 1)
    {
        var labels = new Dictionary<string, string> { ["deployment"] = name };
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image, Ports = [new V1ContainerPort { ContainerPort = 10000, Protocol = "TCP" }] }] },
                },
            },
        }, ns, cancellationToken: Cancel);
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Port = 10000, Name = "10000-tcp", Protocol = "TCP", TargetPort = 10000 }] },
        }, ns, cancellationToken: Cancel);
    }

    /// <summary>Sets the Deployment's image (what an image trigger does when a tag moves).</summary>
    public Task SetImageAsync(string ns, string name, string image) => Client.AppsV1.PatchNamespacedDeploymentAsync(
        new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image }) } } } }.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
        name, ns, cancellationToken: Cancel);

    /// <summary>Creates a Route as given (a JSON manifest) and returns it once the router has decided on it.</summary>
    public async Task<Route> CreateRouteAsync(string ns, string json)
    {
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync<Route>(
            JsonNode.Parse(json)!, Route.KubeGroup, Route.KubeApiVersion, ns, Route.KubePluralName, cancellationToken: Cancel);
        return await Eventually(async () => await GetRouteAsync(ns, created.Metadata.Name) is { Status.Ingress.Count: > 0 } decided ? decided : null,
            $"the router decides on route {ns}/{created.Metadata.Name}");
    }

    /// <summary><c>oc expose service NAME --port=10000</c>, through the engine the module uses (it waits for the router).</summary>
    public async Task<RouteView> ExposeAsync(string ns, string service, string? hostname = null, string? name = null) =>
        await new AppClient(Client).ExposeServiceAsync(ns, service, "10000", hostname, name, Cancel);

    public async Task<Route?> GetRouteAsync(string ns, string name)
    {
        try
        {
            return await Client.CustomObjects.GetNamespacedCustomObjectAsync<Route>(Route.KubeGroup, Route.KubeApiVersion, ns, Route.KubePluralName, name, Cancel);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task CreateNamespaceAsync(string ns) =>
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Cancel);

    /// <summary>GET <paramref name="url"/>, optionally with another Host header.</summary>
    public async Task<RouteAnswer> GetAsync(string url, string? hostHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (hostHeader is not null) request.Headers.Host = hostHeader;
        var response = await Http.SendAsync(request, Cancel);
        return new RouteAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response);
    }

    /// <summary>Waits until the Service's Endpoints list <paramref name="ready"/> ready addresses.</summary>
    public Task WaitForReadyAddressesAsync(string ns, string service, int ready) => Eventually(async () =>
    {
        var endpoints = await Client.CoreV1.ListNamespacedEndpointsAsync(ns, fieldSelector: "metadata.name=" + service, cancellationToken: Cancel);
        var count = endpoints.Items.SelectMany(e => e.Subsets ?? []).Sum(s => s.Addresses?.Count ?? 0);
        return count == ready ? (object)count : null;
    }, $"{ready} ready addresses behind {ns}/{service}");

    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, string description, int seconds = 30) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await probe() is { } value) return value;
            await Task.Delay(10, Cancel);
        }
        throw new Xunit.Sdk.XunitException($"Timed out waiting for: {description}");
    }

    public static string? UrlOf(Route route) =>
        route.Metadata.Annotations?.TryGetValue(ServiceRoute.SandboxUrlAnnotation, out var url) == true ? url : null;

    /// <summary>Stops the sandbox; the data folder stays when the caller gave it (to start again on it).</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Client.Dispose();
        await Host.DisposeAsync();
        if (_ownsDirectory) _dir.Dispose();
    }
}

/// <summary>What a GET through the router returned.</summary>
public sealed record RouteAnswer(int Status, string Body, HttpResponseMessage Response);
