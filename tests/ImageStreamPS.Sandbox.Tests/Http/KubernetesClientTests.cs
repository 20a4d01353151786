using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Tests.Http;

public sealed class KubernetesClientTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static V1Deployment Deployment(string name, int replicas = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:latest" }] },
            },
        },
    };

    [Fact]
    public async Task CreatedDeploymentRoundTripsWithServerDefaults()
    {
        var created = await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-create"), "myproject", cancellationToken: Token);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.Uid);
        Assert.Equal("RollingUpdate", created.Spec.Strategy.Type);
        Assert.Equal("25%", created.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal("Always", created.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        var read = await sandbox.Kubernetes.ReadNamespacedDeploymentAsync("kc-create", "myproject", cancellationToken: Token);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.CreationTimestamp, read.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task ReplaceWithAStaleResourceVersionIs409Conflict()
    {
        var created = await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-stale"), "myproject", cancellationToken: Token);
        created.Spec.Replicas = 2;
        await sandbox.Kubernetes.ReplaceNamespacedDeploymentAsync(created, "kc-stale", "myproject", cancellationToken: Token);
        created.Spec.Replicas = 3;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            sandbox.Kubernetes.ReplaceNamespacedDeploymentAsync(created, "kc-stale", "myproject", cancellationToken: Token));
        Assert.Equal(409, (int)error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        var current = await sandbox.Kubernetes.ReadNamespacedDeploymentAsync("kc-stale", "myproject", cancellationToken: Token);
        Assert.Equal(2, current.Spec.Replicas);
    }

    [Fact]
    public async Task ScalePatchAndStatusUpdateKeepGenerationRules()
    {
        await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-scale"), "myproject", cancellationToken: Token);
        var scale = await sandbox.Kubernetes.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "kc-scale", "myproject", cancellationToken: Token);
        Assert.Equal(4, scale.Spec.Replicas);
        var deployment = await sandbox.Kubernetes.ReadNamespacedDeploymentAsync("kc-scale", "myproject", cancellationToken: Token);
        Assert.Equal(2, deployment.Metadata.Generation);
        deployment.Status = new V1DeploymentStatus { ObservedGeneration = 2, Replicas = 4, UpdatedReplicas = 4, ReadyReplicas = 4, AvailableReplicas = 4 };
        var updated = await sandbox.Kubernetes.ReplaceNamespacedDeploymentStatusAsync(deployment, "kc-scale", "myproject", cancellationToken: Token);
        Assert.Equal((2L, 2L), (updated.Metadata.Generation!.Value, updated.Status.ObservedGeneration!.Value));
        Assert.Equal(4, updated.Status.AvailableReplicas);
    }

    [Fact]
    public async Task ListsFilterByLabelSelector()
    {
        await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-sel-a"), "myproject", cancellationToken: Token);
        await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-sel-b"), "myproject", cancellationToken: Token);
        var list = await sandbox.Kubernetes.ListNamespacedDeploymentAsync("myproject", labelSelector: "app=kc-sel-b", cancellationToken: Token);
        Assert.Equal(["kc-sel-b"], list.Items.Select(d => d.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(list.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task WatchDeliversAddedThenModifiedEvents()
    {
        await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-watch"), "myproject", cancellationToken: Token);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var events = new List<(WatchEventType, int?)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in sandbox.Kubernetes.AppsV1.WatchListNamespacedDeploymentAsync("myproject",
                fieldSelector: "metadata.name=kc-watch", timeoutSeconds: 60, cancellationToken: cancel.Token))
            {
                lock (events) events.Add((type, item.Spec.Replicas));
                if (events.Count == 2) break;
            }
        }, cancel.Token);
        while (true)
        {
            lock (events) if (events.Count >= 1) break;
            await Task.Delay(20, Token);
        }
        await sandbox.Kubernetes.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "kc-watch", "myproject", cancellationToken: Token);
        await watching;
        Assert.Equal([(WatchEventType.Added, 1), (WatchEventType.Modified, 3)], events);
    }

    [Fact]
    public async Task DeleteReturnsSuccessStatusAndTheObjectIsGone()
    {
        await sandbox.Kubernetes.CreateNamespacedDeploymentAsync(Deployment("kc-delete"), "myproject", cancellationToken: Token);
        var status = await sandbox.Kubernetes.DeleteNamespacedDeploymentAsync("kc-delete", "myproject", cancellationToken: Token);
        Assert.Equal("Success", status.Status);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            sandbox.Kubernetes.ReadNamespacedDeploymentAsync("kc-delete", "myproject", cancellationToken: Token));
        Assert.Equal(404, (int)error.Response.StatusCode);
        Assert.Contains("deployments.apps \\\"kc-delete\\\" not found", error.Response.Content);
    }

    [Fact]
    public async Task GenericClientCreatesImageStreamsAndServicesGetAClusterIp()
    {
        var generic = new GenericClient(sandbox.Kubernetes, "image.openshift.io", "v1", "imagestreams", disposeClient: false);
        var stream = await generic.CreateNamespacedAsync(new JsonObjectEntity
        {
            ["metadata"] = new JsonObject { ["name"] = "kc-citas" }, ["spec"] = new JsonObject { ["lookupPolicy"] = new JsonObject { ["local"] = false } },
        }, "myproject", Token);
        Assert.Equal("ImageStream", stream["kind"]!.GetValue<string>());
        var service = await sandbox.Kubernetes.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "kc-svc" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "x" }, Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
        }, "myproject", cancellationToken: Token);
        Assert.Matches(@"^172\.30\.\d+\.\d+$", service.Spec.ClusterIP);
        Assert.Equal("TCP", service.Spec.Ports[0].Protocol);
        Assert.Equal("8080", service.Spec.Ports[0].TargetPort.Value);
    }
}

/// <summary>A raw JSON object usable as a KubernetesClient entity for OpenShift kinds.</summary>
public sealed class JsonObjectEntity : Dictionary<string, JsonNode?>, IKubernetesObject
{
    public string ApiVersion { get => this.GetValueOrDefault("apiVersion")?.GetValue<string>() ?? ""; set => this["apiVersion"] = value; }
    public string Kind { get => this.GetValueOrDefault("kind")?.GetValue<string>() ?? ""; set => this["kind"] = value; }
}
