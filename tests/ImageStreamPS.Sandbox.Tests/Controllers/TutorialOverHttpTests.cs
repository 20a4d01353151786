using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Router;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Tests.Kubectl;
using k8s;
using k8s.Models;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>
/// Tutorial steps 8-11 against the running sandbox (HTTPS, token, controllers module), seen the
/// way users see them: through KubernetesClient and through kubectl.
/// </summary>
public sealed class TutorialOverHttpTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly ControllersModule _controllers = new();
    private readonly RouterModule _router = new();
    private SandboxHost _host = null!;
    private Kubernetes _client = null!;
    private KubectlRunner _kubectl = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SandboxHost.StartAsync(new CommandLine { DataPath = _dir.Path }, modules: [_controllers, _router]);
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_host.KubeConfigPath));
        _kubectl = new KubectlRunner(_host.KubeConfigPath);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _kubectl.Dispose();
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Writes the stream's spec, then its status through imagestreams/status (as the image API would).</summary>
    private async Task PutStream(JsonObject stream)
    {
        var spec = stream.Copy();
        spec.Remove("status");
        JsonObject stored;
        try
        {
            var current = JsonSerializer.SerializeToNode(await _client.CustomObjects.GetNamespacedCustomObjectAsync(
                "image.openshift.io", "v1", Namespace, "imagestreams", "citas", Cancel))!.AsObject();
            spec.Metadata()["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
            stored = JsonSerializer.SerializeToNode(await _client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
                spec, "image.openshift.io", "v1", Namespace, "imagestreams", "citas", cancellationToken: Cancel))!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            stored = JsonSerializer.SerializeToNode(await _client.CustomObjects.CreateNamespacedCustomObjectAsync(
                spec, "image.openshift.io", "v1", Namespace, "imagestreams", cancellationToken: Cancel))!.AsObject();
        }
        stored["status"] = stream["status"]!.DeepClone();
        await _client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            stored, "image.openshift.io", "v1", Namespace, "imagestreams", "citas", cancellationToken: Cancel);
    }

    private async Task<T> Eventually<T>(Func<Task<T?>> probe, string description) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await probe() is { } value) return value;
            await Task.Delay(10, Cancel);
        }
        throw new Xunit.Sdk.XunitException($"Timed out waiting for: {description}");
    }

    private async Task Settle()
    {
        var quiet = Stopwatch.StartNew();
        var bound = Stopwatch.StartNew();
        while (quiet.ElapsedMilliseconds < 500 && bound.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (!_controllers.IsIdle) quiet.Restart();
            await Task.Delay(10, Cancel);
        }
    }

    private async Task<IList<V1ReplicaSet>> ReplicaSets() =>
        (await _client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, cancellationToken: Cancel)).Items;

    private Task<V1Deployment> Deployment() => _client.AppsV1.ReadNamespacedDeploymentAsync("app-citas", Namespace, cancellationToken: Cancel);

    private static string ImageOf(V1PodTemplateSpec template) => template.Spec.Containers[0].Image;

    [Fact]
    public async Task NewAppExposeAndRetagAsTheTutorialShows()
    {
        await PutStream(Stream());

        // Step 8: the objects oc new-app posts, placeholder image included.
        await _client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesJson.Deserialize<V1Deployment>(NewAppDeployment().ToJsonString()), Namespace, cancellationToken: Cancel);
        var service = await _client.CoreV1.CreateNamespacedServiceAsync(KubernetesJson.Deserialize<V1Service>(NewAppService().ToJsonString()), Namespace, cancellationToken: Cancel);
        Assert.StartsWith("172.30.", service.Spec.ClusterIP);

        var sets = await Eventually(async () => await ReplicaSets() is { Count: 2 } rs
            && rs.Any(s => s.Status?.ReadyReplicas == 1) && rs.Any(s => s.Spec.Replicas == 0) ? rs : null,
            "two ReplicaSets after new-app, one ready");
        var placeholder = sets.Single(s => ImageOf(s.Spec.Template) == " ");
        var v1 = sets.Single(s => ImageOf(s.Spec.Template) == V1Reference);
        Assert.Equal("1", placeholder.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal("2", v1.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Null(placeholder.Status.ReadyReplicas);
        Assert.Matches($"^app-citas-{v1.Metadata.Labels["pod-template-hash"]}$", v1.Metadata.Name);

        var rollout = await _kubectl.Run("rollout", "status", "deployment/app-citas", "-n", Namespace, "--timeout=60s");
        Assert.True(rollout.ExitCode == 0, rollout.Err);
        Assert.Contains("deployment \"app-citas\" successfully rolled out", rollout.Out);

        var rsTable = await _kubectl.Run("get", "rs", "-n", Namespace, "--no-headers");
        Assert.Equal(0, rsTable.ExitCode);
        var rows = rsTable.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r[0] == v1.Metadata.Name && r[1] == "1" && r[2] == "1" && r[3] == "1");
        Assert.Contains(rows, r => r[0] == placeholder.Metadata.Name && r[1] == "0" && r[2] == "0" && r[3] == "0");

        // Step 9: oc expose service app-citas --port=10000
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(ExposeRoute(), "route.openshift.io", "v1", Namespace, "routes", cancellationToken: Cancel);
        // The router admits it moments after it is created.
        var routeJson = await Eventually(async () =>
        {
            var route = await _kubectl.Run("get", "route", "app-citas", "-n", Namespace, "-o", "json");
            Assert.Equal(0, route.ExitCode);
            var json = JsonNode.Parse(route.Out)!;
            return json["status"]?["ingress"] is JsonArray { Count: > 0 } ? json : null;
        }, "the router admits the route");
        Assert.Equal($"app-citas-{Namespace}.apps.sandbox.localhost", (string?)routeJson["spec"]!["host"]);
        Assert.Equal("true", (string?)routeJson["metadata"]!["annotations"]!["openshift.io/host.generated"]);
        Assert.Equal("Admitted", (string?)routeJson["status"]!["ingress"]![0]!["conditions"]![0]!["type"]);

        // Step 10: oc tag citas:prod -d leaves the Deployment untouched.
        await Settle();
        var before = await Deployment();
        await PutStream(Stream(prod: null));
        await Settle();
        var after = await Deployment();
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal(V1Reference, ImageOf(after.Spec.Template));
        Assert.Equal(2, (await ReplicaSets()).Count);

        // Step 11: oc tag citas:v2 citas:prod rolls out a third ReplicaSet on the v2 digest.
        var clock = Stopwatch.StartNew();
        await PutStream(Stream(prod: V2));
        var pod = await Eventually(async () => (await _client.CoreV1.ListNamespacedPodAsync(Namespace, cancellationToken: Cancel)).Items
            .FirstOrDefault(p => p.Spec.Containers[0].Image == V2Reference && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true),
            "a ready Pod on the v2 digest");
        output.WriteLine($"tag move to ready pod over HTTP: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(V2Reference, pod.Status.ContainerStatuses[0].ImageID);
        Assert.Equal("Running", pod.Status.Phase);

        rollout = await _kubectl.Run("rollout", "status", "deployment/app-citas", "-n", Namespace, "--timeout=60s");
        Assert.True(rollout.ExitCode == 0, rollout.Err);
        Assert.Contains("deployment \"app-citas\" successfully rolled out", rollout.Out);

        sets = await Eventually(async () => await ReplicaSets() is { Count: 3 } rs
            && rs.Count(s => s.Spec.Replicas == 0 && (s.Status?.Replicas ?? 0) == 0) == 2 ? rs : null,
            "three ReplicaSets, the old two at 0");
        var v2 = sets.Single(s => s.Metadata.Annotations["deployment.kubernetes.io/revision"] == "3");
        Assert.Equal(V2Reference, ImageOf(v2.Spec.Template));
        Assert.Equal(1, v2.Status.ReadyReplicas);
        Assert.Equal(v2.Metadata.Name, pod.Metadata.OwnerReferences.Single(o => o.Controller == true).Name);

        var deployment = await Deployment();
        Assert.Equal("3", deployment.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(RolloutStatus.Complete, DeploymentStatusViewer.Evaluate(deployment).Status);
        var history = await _kubectl.Run("rollout", "history", "deployment/app-citas", "-n", Namespace);
        Assert.Equal(0, history.ExitCode);
        Assert.Matches(@"(?m)^1\s", history.Out);
        Assert.Matches(@"(?m)^3\s", history.Out);
    }
}
