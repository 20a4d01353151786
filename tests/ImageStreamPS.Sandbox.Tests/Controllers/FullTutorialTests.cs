using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Tests.Kubectl;
using k8s;
using k8s.Models;
using static ImageStreamPS.Sandbox.Tests.Controllers.TutorialObjects;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>
/// The whole tutorial on the sandbox as the program runs it (every module, --seed Tutorial, HTTPS and
/// token), with the requests oc sends (import-image, tag as imagestreamtags PUT/DELETE, new-app, expose),
/// seen the way users see it: through KubernetesClient and through kubectl. The one walk over HTTP;
/// WorkloadControllersTests walks steps 8-11 in process.
/// </summary>
public sealed class FullTutorialTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Group = "image.openshift.io";
    private readonly TempDirectory _dir = new();
    private SandboxHost _host = null!;
    private Kubernetes _client = null!;
    private KubectlRunner _kubectl = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SandboxHost.StartAsync(new CommandLine { DataPath = _dir.Path, Seed = "Tutorial" });
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
    private static string V1 => TutorialSeed.Images[0].Digest;
    private static string V2 => TutorialSeed.Images[1].Digest;

    private async Task<JsonObject> Post(string plural, JsonObject body) => JsonSerializer.SerializeToNode(
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, "v1", Namespace, plural, cancellationToken: Cancel))!.AsObject();

    private Task Import(string tag) => Post("imagestreamimports", JsonNode.Parse($$"""
        { "kind": "ImageStreamImport", "apiVersion": "image.openshift.io/v1", "metadata": { "name": "citas" },
          "spec": { "import": true, "images": [ { "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:{{tag}}" },
            "to": { "name": "{{tag}}" }, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "" } } ] },
          "status": {} }
        """)!.AsObject());

    /// <summary>oc tag citas@digest citas:tag</summary>
    private Task Tag(string tag, string digest) => _client.CustomObjects.ReplaceNamespacedCustomObjectAsync(JsonNode.Parse($$"""
        { "kind": "ImageStreamTag", "apiVersion": "image.openshift.io/v1", "metadata": { "name": "citas:{{tag}}", "namespace": "{{Namespace}}" },
          "tag": { "name": "{{tag}}", "annotations": null, "from": { "kind": "ImageStreamImage", "name": "citas@{{digest}}" },
                   "generation": null, "importPolicy": { "importMode": "Legacy" }, "referencePolicy": { "type": "Source" } },
          "generation": 0, "lookupPolicy": { "local": false }, "image": { "metadata": {} } }
        """)!.AsObject(), Group, "v1", Namespace, "imagestreamtags", $"citas:{tag}", cancellationToken: Cancel);

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

    private async Task<IList<V1ReplicaSet>> ReplicaSets() =>
        (await _client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, cancellationToken: Cancel)).Items;

    private static string ImageOf(V1PodTemplateSpec template) => template.Spec.Containers[0].Image;

    [Fact]
    public async Task TheTutorialEndToEnd()
    {
        // Steps 1-6: create is, import v1 and v2, tag latest and prod.
        await Post("imagestreams", JsonNode.Parse("""{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas"},"spec":{"lookupPolicy":{"local":false}}}""")!.AsObject());
        await Import("v1");
        await Import("v2");
        await Tag("latest", V2);
        await Tag("prod", V1);
        var v1Reference = $"docker.io/josedom24/citas-backend@{V1}";
        var v2Reference = $"docker.io/josedom24/citas-backend@{V2}";

        // Step 8: new-app, placeholder image included.
        await _client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesJson.Deserialize<V1Deployment>(NewAppDeployment().ToJsonString()), Namespace, cancellationToken: Cancel);
        var service = await _client.CoreV1.CreateNamespacedServiceAsync(KubernetesJson.Deserialize<V1Service>(NewAppService().ToJsonString()), Namespace, cancellationToken: Cancel);
        Assert.StartsWith("172.30.", service.Spec.ClusterIP);
        var rollout = await _kubectl.Run("rollout", "status", "deployment/app-citas", "-n", Namespace, "--timeout=60s");
        Assert.True(rollout.ExitCode == 0, rollout.Err);
        Assert.Contains("deployment \"app-citas\" successfully rolled out", rollout.Out);
        var sets = await Eventually(async () => await ReplicaSets() is { Count: 2 } rs && rs.Any(s => s.Status?.ReadyReplicas == 1) ? rs : null,
            "two ReplicaSets after new-app");
        var placeholder = sets.Single(s => ImageOf(s.Spec.Template) == " " && s.Spec.Replicas == 0);
        var v1 = sets.Single(s => ImageOf(s.Spec.Template) == v1Reference && s.Status.ReadyReplicas == 1);
        Assert.Equal("1", placeholder.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal("2", v1.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Null(placeholder.Status.ReadyReplicas);
        Assert.Matches($"^app-citas-{v1.Metadata.Labels["pod-template-hash"]}$", v1.Metadata.Name);
        var rsTable = await _kubectl.Run("get", "rs", "-n", Namespace, "--no-headers");
        Assert.Equal(0, rsTable.ExitCode);
        var rows = rsTable.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r[0] == v1.Metadata.Name && r[1] == "1" && r[2] == "1" && r[3] == "1");
        Assert.Contains(rows, r => r[0] == placeholder.Metadata.Name && r[1] == "0" && r[2] == "0" && r[3] == "0");

        // Step 9: expose.
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(ExposeRoute(), "route.openshift.io", "v1", Namespace, "routes", cancellationToken: Cancel);
        var routes = await _kubectl.Run("get", "routes", "-n", Namespace, "--no-headers");
        Assert.Contains($"app-citas-{Namespace}.apps.sandbox.localhost", routes.Out);

        // Step 10: oc tag citas:prod -d. Nothing rolls: step 11's rollout below is revision 3, the third ReplicaSet.
        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1", Namespace, "imagestreamtags", "citas:prod", cancellationToken: Cancel);

        // Step 11: oc tag citas:v2 citas:prod
        var clock = Stopwatch.StartNew();
        await Tag("prod", V2);
        var pod = await Eventually(async () => (await _client.CoreV1.ListNamespacedPodAsync(Namespace, cancellationToken: Cancel)).Items
            .FirstOrDefault(p => p.Spec.Containers[0].Image == v2Reference && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true),
            "a ready Pod on the v2 digest");
        output.WriteLine($"oc tag (istag PUT) to ready pod, full sandbox: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(v2Reference, pod.Status.ContainerStatuses[0].ImageID);
        Assert.Equal("Running", pod.Status.Phase);
        rollout = await _kubectl.Run("rollout", "status", "deployment/app-citas", "-n", Namespace, "--timeout=60s");
        Assert.True(rollout.ExitCode == 0, rollout.Err);
        Assert.Contains("successfully rolled out", rollout.Out);
        sets = await Eventually(async () => await ReplicaSets() is { Count: 3 } rs
            && rs.Count(s => s.Spec.Replicas == 0 && (s.Status?.Replicas ?? 0) == 0) == 2 ? rs : null,
            "three ReplicaSets, the old two at 0");
        var v2 = sets.Single(s => s.Spec.Replicas == 1);
        Assert.Equal(v2Reference, ImageOf(v2.Spec.Template));
        Assert.Equal("3", v2.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(1, v2.Status.ReadyReplicas);
        Assert.Equal(v2.Metadata.Name, pod.Metadata.OwnerReferences.Single(o => o.Controller == true).Name);
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("app-citas", Namespace, cancellationToken: Cancel);
        Assert.Equal("3", deployment.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(RolloutStatus.Complete, DeploymentStatusViewer.Evaluate(deployment).Status);
        var history = await _kubectl.Run("rollout", "history", "deployment/app-citas", "-n", Namespace);
        Assert.Equal(0, history.ExitCode);
        Assert.Matches(@"(?m)^1\s", history.Out);
        Assert.Matches(@"(?m)^3\s", history.Out);
        var table = await _kubectl.Run("get", "deploy,rs,pod", "-n", Namespace);
        output.WriteLine(table.Out);
    }
}
