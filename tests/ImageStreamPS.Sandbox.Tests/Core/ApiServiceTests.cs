using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Tests.Core;

public sealed class ApiServiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SandboxCore _core;
    private ApiService Api => _core.Api;

    public ApiServiceTests() => _core = SandboxCore.Open(_dir.Path);

    public void Dispose()
    {
        _core.Dispose();
        _dir.Dispose();
    }

    internal static JsonObject Deployment(string name, int replicas = 1, string image = "nginx:1.25") => JsonNode.Parse("""
        {"metadata":{"name":"@NAME","labels":{"app":"@NAME"}},
         "spec":{"replicas":@REPLICAS,"selector":{"matchLabels":{"app":"@NAME"}},
                 "template":{"metadata":{"labels":{"app":"@NAME"}},"spec":{"containers":[{"name":"web","image":"@IMAGE","ports":[{"containerPort":8080}]}]}}}}
        """.Replace("@NAME", name).Replace("@REPLICAS", replicas.ToString()).Replace("@IMAGE", image))!.AsObject();

    [Fact]
    public void InitialNamespacesExist()
    {
        var names = Api.List("", "namespaces", null).Items.Select(MetaAccessor.Name).ToList();
        Assert.Equal(["default", "myproject", "openshift"], names);
    }

    [Fact]
    public void OnlyKindsThatTrackGenerationHaveOne()
    {
        var configMap = Api.Create("", "configmaps", "myproject", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "gen" }, ["data"] = new JsonObject() });
        Assert.Null(configMap["metadata"]!["generation"]);
        Assert.Null(Api.Get("", "namespaces", null, "myproject")["metadata"]!["generation"]);
        Assert.Equal(1, MetaAccessor.Generation(Api.Create("apps", "deployments", "myproject", Deployment("gen"))));
    }

    [Fact]
    public void CreateSetsServerMetadataAndKubernetesDefaults()
    {
        var created = Api.Create("apps", "deployments", "myproject", Deployment("web"));
        Assert.Equal("apps/v1", created["apiVersion"]!.GetValue<string>());
        Assert.Equal("Deployment", created["kind"]!.GetValue<string>());
        Assert.Equal("myproject", MetaAccessor.Namespace(created));
        Assert.True(Guid.TryParse(MetaAccessor.Uid(created), out _));
        Assert.Equal(1, MetaAccessor.Generation(created));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", MetaAccessor.Str(created, "metadata", "creationTimestamp"));
        Assert.Equal("25%", MetaAccessor.Str(created, "spec", "strategy", "rollingUpdate", "maxSurge"));
        Assert.Equal(10, MetaAccessor.Int(created, "spec", "revisionHistoryLimit"));
        Assert.Equal(600, MetaAccessor.Int(created, "spec", "progressDeadlineSeconds"));
        var container = created["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("IfNotPresent", MetaAccessor.Str(container, "imagePullPolicy"));
        Assert.Equal("/dev/termination-log", MetaAccessor.Str(container, "terminationMessagePath"));
        Assert.Equal("TCP", MetaAccessor.Str(container["ports"]![0], "protocol"));
        Assert.Equal("ClusterFirst", MetaAccessor.Str(created, "spec", "template", "spec", "dnsPolicy"));
    }

    [Fact]
    public void UpdateWithStaleResourceVersionIsConflict()
    {
        var created = Api.Create("apps", "deployments", "myproject", Deployment("web"));
        var first = (JsonObject)created.DeepClone();
        first["spec"]!["replicas"] = 2;
        Api.Update("apps", "deployments", "myproject", "web", first);
        var stale = (JsonObject)created.DeepClone();
        stale["spec"]!["replicas"] = 3;
        var error = Assert.Throws<StatusException>(() => Api.Update("apps", "deployments", "myproject", "web", stale));
        Assert.Equal(409, error.Code);
        Assert.Equal("Conflict", error.Reason);
        Assert.Equal("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again", error.Message);
    }

    [Fact]
    public void GenerationChangesOnlyWithSpec()
    {
        var created = Api.Create("apps", "deployments", "myproject", Deployment("web"));
        var labelled = Api.Patch("apps", "deployments", "myproject", "web", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"labels":{"tier":"front"}}}""")!).Object;
        Assert.Equal(1, MetaAccessor.Generation(labelled));
        var status = (JsonObject)labelled.DeepClone();
        status["status"] = JsonNode.Parse("""{"observedGeneration":1,"replicas":1}""");
        var withStatus = Api.UpdateStatus("apps", "deployments", "myproject", "web", status);
        Assert.Equal(1, MetaAccessor.Generation(withStatus));
        Assert.Equal(1, MetaAccessor.Int(withStatus, "status", "observedGeneration"));
        var scaled = Api.Patch("apps", "deployments", "myproject", "web", PatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":3}}""")!).Object;
        Assert.Equal(2, MetaAccessor.Generation(scaled));
        Assert.Equal(1, MetaAccessor.Int(scaled, "status", "observedGeneration"));
        Assert.NotEqual(MetaAccessor.ResourceVersion(created), MetaAccessor.ResourceVersion(scaled));
    }

    [Fact]
    public void MainResourceUpdateIgnoresStatus()
    {
        var created = Api.Create("apps", "deployments", "myproject", Deployment("web"));
        created["status"] = JsonNode.Parse("""{"replicas":7}""");
        var updated = Api.Update("apps", "deployments", "myproject", "web", created);
        Assert.Null(updated["status"]);
    }

    [Fact]
    public void InvalidObjectIs422WithCauses()
    {
        var error = Assert.Throws<StatusException>(() => Api.Create("apps", "deployments", "myproject", Deployment("web", replicas: -1)));
        Assert.Equal(422, error.Code);
        Assert.Equal("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", error.Message);
        var cause = error.Status["details"]!["causes"]![0]!;
        Assert.Equal("FieldValueInvalid", MetaAccessor.Str(cause, "reason"));
        Assert.Equal("spec.replicas", MetaAccessor.Str(cause, "field"));
        Assert.Equal("Deployment", MetaAccessor.Str(error.Status, "details", "kind"));
        Assert.Empty(Api.List("apps", "deployments", "myproject").Items);
    }

    // Names and labels go through the engine's NameValidation, worded as apimachinery words them: a Service name
    // is a DNS-1035 label (ValidateServiceName = NameIsDNS1035Label), a label key a qualified name (IsLabelKey),
    // an annotation key a qualified name once lower-cased (ValidateAnnotations).
    [Fact]
    public void NamesAndLabelsAreCheckedByApimachinerysRules()
    {
        var service = JsonNode.Parse("""{"metadata":{"name":"2web"},"spec":{"ports":[{"port":80}]}}""")!.AsObject();
        var error = Assert.Throws<StatusException>(() => Api.Create("", "services", "myproject", service));
        Assert.StartsWith("Service \"2web\" is invalid: metadata.name: Invalid value: \"2web\": a DNS-1035 label must consist of", error.Message);

        var configMap = JsonNode.Parse("""{"metadata":{"name":"web","labels":{"/app":"x"},"annotations":{"Example.COM/Note":"kept"}}}""")!.AsObject();
        error = Assert.Throws<StatusException>(() => Api.Create("", "configmaps", "myproject", configMap));
        Assert.Equal("ConfigMap \"web\" is invalid: metadata.labels: Invalid value: \"/app\": prefix part must be non-empty", error.Message);

        configMap["metadata"]!["labels"] = new JsonObject { ["app"] = "web" };
        Assert.Equal("kept", Api.Create("", "configmaps", "myproject", configMap)["metadata"]!["annotations"]!["Example.COM/Note"]!.GetValue<string>());
    }

    [Fact]
    public void CreateInMissingNamespaceIsNamespaceNotFound()
    {
        var error = Assert.Throws<StatusException>(() => Api.Create("apps", "deployments", "nowhere", Deployment("web")));
        Assert.Equal((404, "namespaces \"nowhere\" not found"), (error.Code, error.Message));
    }

    [Fact]
    public void DryRunCreateStoresNothing()
    {
        var created = Api.Create("apps", "deployments", "myproject", Deployment("web"), new WriteOptions { DryRun = true });
        Assert.Equal("web", MetaAccessor.Name(created));
        Assert.Null(Api.TryGet("apps", "deployments", "myproject", "web"));
    }

    [Fact]
    public void StrategicMergeMergesContainersByName()
    {
        Api.Create("apps", "deployments", "myproject", Deployment("web"));
        var patched = Api.Patch("apps", "deployments", "myproject", "web", PatchType.StrategicMerge, JsonNode.Parse("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"name":"web","image":"nginx:1.26"}]}}}}
            """)!).Object;
        var container = patched["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.26", MetaAccessor.Str(container, "image"));
        Assert.Equal(8080, MetaAccessor.Int(container["ports"]![0], "containerPort"));
        Assert.Equal(2, MetaAccessor.Generation(patched));
    }

    [Fact]
    public void ScaleSubresourceSpeaksAutoscalingScale()
    {
        Api.Create("apps", "deployments", "myproject", Deployment("web"));
        var scale = Api.Patch("apps", "deployments", "myproject", "web", PatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":4}}""")!, subresource: "scale").Object;
        Assert.Equal(("Scale", "autoscaling/v1", 4L), (MetaAccessor.Str(scale, "kind"), MetaAccessor.Str(scale, "apiVersion"), MetaAccessor.Int(scale, "spec", "replicas")));
        Assert.Equal("app=web", MetaAccessor.Str(scale, "status", "selector"));
        Assert.Equal(4, MetaAccessor.Int(Api.Get("apps", "deployments", "myproject", "web"), "spec", "replicas"));
    }

    [Fact]
    public void SelectorsFilterLists()
    {
        Api.Create("apps", "deployments", "myproject", Deployment("a"));
        Api.Create("apps", "deployments", "myproject", Deployment("b"));
        Assert.Equal(["b"], Api.List("apps", "deployments", "myproject", new ListOptions { LabelSelector = "app in (b,c)" }).Items.Select(MetaAccessor.Name));
        Assert.Equal(["a"], Api.List("apps", "deployments", null, new ListOptions { FieldSelector = "metadata.name=a" }).Items.Select(MetaAccessor.Name));
        var bad = Assert.Throws<StatusException>(() => Api.List("apps", "deployments", null, new ListOptions { FieldSelector = "spec.paused=true" }));
        Assert.Equal((400, "field label not supported: spec.paused"), (bad.Code, bad.Message));
    }

    [Fact]
    public void LimitAndContinuePageThroughAList()
    {
        foreach (var name in new[] { "a", "b", "c" }) Api.Create("apps", "deployments", "myproject", Deployment(name));
        var first = Api.List("apps", "deployments", "myproject", new ListOptions { Limit = 2 });
        Assert.Equal(["a", "b"], first.Items.Select(MetaAccessor.Name));
        Assert.Equal(1, first.RemainingItemCount);
        var second = Api.List("apps", "deployments", "myproject", new ListOptions { Limit = 2, Continue = first.Continue });
        Assert.Equal(["c"], second.Items.Select(MetaAccessor.Name));
        Assert.Null(second.Continue);
    }

    [Fact]
    public async Task WatchSendsCurrentObjectsThenChanges()
    {
        Api.Create("apps", "deployments", "myproject", Deployment("a"));
        using var watch = Api.Watch("apps", "deployments", "myproject");
        Api.Patch("apps", "deployments", "myproject", "a", PatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":2}}""")!);
        Api.Delete("apps", "deployments", "myproject", "a");
        var events = new List<(string, long?)>();
        await foreach (var e in watch.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            events.Add((e.Type, MetaAccessor.Int(e.Object, "spec", "replicas")));
            if (events.Count == 3) break;
        }
        Assert.Equal([("ADDED", 1L), ("MODIFIED", 2L), ("DELETED", 2L)], events);
    }

    [Fact]
    public async Task ObjectsLeavingAndEnteringASelectorAreDeletedAndAddedForTheWatch()
    {
        Api.Create("apps", "deployments", "myproject", Deployment("sel"));
        using var watch = Api.Watch("apps", "deployments", "myproject", new WatchOptions { LabelSelector = "tier=front" });
        Api.Patch("apps", "deployments", "myproject", "sel", PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"tier":"front"}}}""")!);
        Api.Patch("apps", "deployments", "myproject", "sel", PatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":2}}""")!);
        Api.Patch("apps", "deployments", "myproject", "sel", PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"tier":null}}}""")!);
        var events = new List<string>();
        await foreach (var e in watch.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e.Type);
            if (events.Count == 3) break;
        }
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events);
    }

    [Fact]
    public void WatchFromBeforeARestartIsGone()
    {
        using var dir = new TempDirectory();
        using (var first = SandboxCore.Open(dir.Path)) first.Api.Create("apps", "deployments", "myproject", Deployment("a"));
        using var reopened = SandboxCore.Open(dir.Path);
        var error = Assert.Throws<StatusException>(() => reopened.Api.Watch("apps", "deployments", "myproject", new WatchOptions { ResourceVersion = "1" }));
        Assert.Equal((410, "Expired"), (error.Code, error.Reason));
        Assert.StartsWith("too old resource version: 1 (", error.Message);
    }

    [Fact]
    public void DeletingANamespaceDeletesItsObjects()
    {
        Api.Create("", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "doomed" } });
        Api.Create("apps", "deployments", "doomed", Deployment("web"));
        Api.Delete("", "namespaces", null, "doomed");
        Assert.Empty(Api.List("apps", "deployments", "doomed").Items);
        Assert.Equal(404, Assert.Throws<StatusException>(() => Api.Get("project.openshift.io", "projects", null, "doomed")).Code);
    }

    [Fact]
    public void DeletingAnOwnerDeletesItsDependents()
    {
        var owner = Api.Create("apps", "deployments", "myproject", Deployment("web"));
        var rs = Deployment("web-1");
        rs.Remove("kind");
        rs["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = MetaAccessor.Uid(owner), ["controller"] = true,
        });
        Api.Create("apps", "replicasets", "myproject", rs);
        Api.Delete("apps", "deployments", "myproject", "web");
        Assert.Null(Api.TryGet("apps", "replicasets", "myproject", "web-1"));
    }

    [Fact]
    public void ImageStreamUpdateWithoutResourceVersionIs422()
    {
        var stream = Api.Create("image.openshift.io", "imagestreams", "myproject", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "citas" } });
        MetaAccessor.Metadata(stream).Remove("resourceVersion");
        var error = Assert.Throws<StatusException>(() => Api.Update("image.openshift.io", "imagestreams", "myproject", "citas", stream));
        Assert.Equal(422, error.Code);
        Assert.Equal("ImageStream.image.openshift.io \"citas\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", error.Message);
    }

    [Fact]
    public void VirtualResourcesAreServedThroughTheCatalog()
    {
        var project = Api.Get("project.openshift.io", "projects", null, "myproject");
        Assert.Equal(("Project", "project.openshift.io/v1"), (MetaAccessor.Str(project, "kind"), MetaAccessor.Str(project, "apiVersion")));
        var error = Assert.Throws<StatusException>(() => Api.Get("image.openshift.io", "nothing", "myproject", "x"));
        Assert.Equal(404, error.Code);
    }
}
