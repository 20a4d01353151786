using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Http;

public sealed class RestSemanticsTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string Deployments = "/apis/apps/v1/namespaces/myproject/deployments";
    private const string Streams = "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams";

    private static string Deployment(string name, int replicas = 1) => $$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}"},
         "spec":{"replicas":{{{replicas}}},"selector":{"matchLabels":{"app":"{{{name}}}"}},
                 "template":{"metadata":{"labels":{"app":"{{{name}}}"}},"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]} } } }
        """;

    private async Task<long> StoreVersion() =>
        long.Parse((await sandbox.Get("/api/v1/namespaces")).Body!["metadata"]!["resourceVersion"]!.GetValue<string>());

    [Fact]
    public async Task CreateAnswers201AndAlreadyExists409()
    {
        var (status, body) = await sandbox.Send(HttpMethod.Post, Deployments, Deployment("rest-create"));
        Assert.Equal(201, status);
        Assert.Equal("1", body!["metadata"]!["generation"]!.ToString());
        (status, body) = await sandbox.Send(HttpMethod.Post, Deployments, Deployment("rest-create"));
        Assert.Equal(409, status);
        Assert.Equal(("AlreadyExists", "deployments.apps \"rest-create\" already exists"), (body!["reason"]!.GetValue<string>(), body["message"]!.GetValue<string>()));
        Assert.Equal(("rest-create", "apps", "deployments"), (body["details"]!["name"]!.GetValue<string>(), body["details"]!["group"]!.GetValue<string>(), body["details"]!["kind"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"metadata\":", "application/json", 400, "BadRequest")]
    [InlineData("<xml/>", "application/xml", 415, "UnsupportedMediaType")]
    public async Task MalformedBodiesAre4xxAndChangeNothing(string body, string contentType, int expected, string reason)
    {
        var before = await StoreVersion();
        var (status, error) = await sandbox.Send(HttpMethod.Post, Deployments, body, contentType);
        Assert.Equal((expected, reason, "Status"), (status, error!["reason"]!.GetValue<string>(), error["kind"]!.GetValue<string>()));
        Assert.Equal(before, await StoreVersion());
    }

    [Fact]
    public async Task OversizedBodyIs413AndChangesNothing()
    {
        var before = await StoreVersion();
        var huge = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"x\":\"" + new string('a', 4 * 1024 * 1024) + "\"}}";
        var (status, error) = await sandbox.Send(HttpMethod.Post, "/api/v1/namespaces/myproject/configmaps", huge);
        Assert.Equal((413, "RequestEntityTooLarge"), (status, error!["reason"]!.GetValue<string>()));
        Assert.Equal(before, await StoreVersion());
        Assert.Equal(404, (await sandbox.Get("/api/v1/namespaces/myproject/configmaps/big")).Status);
    }

    [Theory]
    [InlineData("/apis/apps/v1/namespaces/myproject/widgets")]
    [InlineData("/apis/widgets.example.com/v1/namespaces/myproject/widgets")]
    [InlineData("/apis/apps/v2/namespaces/myproject/deployments")]
    public async Task UnknownResourcesAre404Status(string path)
    {
        var (status, body) = await sandbox.Send(HttpMethod.Post, path, Deployment("x"));
        Assert.Equal((404, "NotFound", "Status"), (status, body!["reason"]!.GetValue<string>(), body["kind"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("labelSelector=app%20in%20(")]
    [InlineData("fieldSelector=spec.replicas%3D1")]
    [InlineData("labelSelector=-bad-key")]
    public async Task BadSelectorsAre400(string query)
    {
        var (status, body) = await sandbox.Get(Deployments + "?" + query);
        Assert.Equal((400, "BadRequest"), (status, body!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ImageStreamPutWithoutResourceVersionIs422AndStaleIs409()
    {
        var (_, created) = await sandbox.Send(HttpMethod.Post, Streams, """{"metadata":{"name":"rest-is"},"spec":{"lookupPolicy":{"local":false}}}""");
        var noVersion = created!.DeepClone();
        noVersion["metadata"]!.AsObject().Remove("resourceVersion");
        var (status, body) = await sandbox.Send(HttpMethod.Put, Streams + "/rest-is", noVersion.ToJsonString());
        Assert.Equal(422, status);
        Assert.Equal("metadata.resourceVersion", body!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        var update = created.DeepClone();
        update["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        Assert.Equal(200, (await sandbox.Send(HttpMethod.Put, Streams + "/rest-is", update.ToJsonString())).Status);
        (status, body) = await sandbox.Send(HttpMethod.Put, Streams + "/rest-is", update.ToJsonString());
        Assert.Equal(409, status);
        Assert.StartsWith("Operation cannot be fulfilled on imagestreams.image.openshift.io \"rest-is\"", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task StrategicMergePatchMergesImageStreamSpecTagsByName()
    {
        await sandbox.Send(HttpMethod.Post, Streams, """
            {"metadata":{"name":"rest-smp"},"spec":{"tags":[{"name":"v1","from":{"kind":"DockerImage","name":"x:v1"}}]}}
            """);
        var (status, body) = await sandbox.Send(new HttpMethod("PATCH"), Streams + "/rest-smp",
            """{"spec":{"tags":[{"name":"v2","from":{"kind":"DockerImage","name":"x:v2"}}]}}""", "application/strategic-merge-patch+json");
        Assert.Equal(200, status);
        Assert.Equal(["v1", "v2"], body!["spec"]!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        (_, body) = await sandbox.Send(new HttpMethod("PATCH"), Streams + "/rest-smp",
            """{"spec":{"tags":[{"name":"v3","from":{"kind":"DockerImage","name":"x:v3"}}]}}""", "application/merge-patch+json");
        Assert.Equal(["v3"], body!["spec"]!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task JsonPatchAndApplyPatchWork()
    {
        var (status, applied) = await sandbox.Send(new HttpMethod("PATCH"), Deployments + "/rest-apply?fieldManager=test",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: rest-apply\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n",
            "application/apply-patch+yaml");
        Assert.Equal(201, status);
        Assert.Equal(2, applied!["spec"]!["replicas"]!.GetValue<int>());
        (status, var patched) = await sandbox.Send(new HttpMethod("PATCH"), Deployments + "/rest-apply",
            """[{"op":"replace","path":"/spec/replicas","value":5},{"op":"add","path":"/metadata/labels","value":{"x":"y"}}]""", "application/json-patch+json");
        Assert.Equal(200, status);
        Assert.Equal((5, "y"), (patched!["spec"]!["replicas"]!.GetValue<int>(), patched["metadata"]!["labels"]!["x"]!.GetValue<string>()));
        (status, _) = await sandbox.Send(new HttpMethod("PATCH"), Deployments + "/rest-apply", "{}", "text/plain");
        Assert.Equal(415, status);
    }

    [Fact]
    public async Task DryRunCreatePersistsNothing()
    {
        var (status, body) = await sandbox.Send(HttpMethod.Post, Deployments + "?dryRun=All", Deployment("rest-dry"));
        Assert.Equal(201, status);
        Assert.Equal("rest-dry", body!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(404, (await sandbox.Get(Deployments + "/rest-dry")).Status);
    }

    [Fact]
    public async Task TableOutputHasKubectlDeploymentColumns()
    {
        await sandbox.Send(HttpMethod.Post, Deployments, Deployment("rest-table", replicas: 3));
        var (status, table) = await sandbox.Get(Deployments + "?limit=500",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
        Assert.Equal(200, status);
        Assert.Equal(("Table", "meta.k8s.io/v1"), (table!["kind"]!.GetValue<string>(), table["apiVersion"]!.GetValue<string>()));
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age"],
            table["columnDefinitions"]!.AsArray().Where(c => c!["priority"]!.GetValue<int>() == 0).Select(c => c!["name"]!.GetValue<string>()));
        var row = table["rows"]!.AsArray().Single(r => r!["cells"]![0]!.GetValue<string>() == "rest-table")!;
        Assert.Equal("0/3", row["cells"]![1]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteAnswersSuccessStatusWithDetails()
    {
        var (_, created) = await sandbox.Send(HttpMethod.Post, Deployments, Deployment("rest-delete"));
        var (status, body) = await sandbox.Send(HttpMethod.Delete, Deployments + "/rest-delete", """{"propagationPolicy":"Background"}""");
        Assert.Equal(200, status);
        Assert.Equal(("Success", "deployments", created!["metadata"]!["uid"]!.GetValue<string>()),
            (body!["status"]!.GetValue<string>(), body["details"]!["kind"]!.GetValue<string>(), body["details"]!["uid"]!.GetValue<string>()));
        (status, body) = await sandbox.Send(HttpMethod.Delete, Deployments + "/rest-delete");
        Assert.Equal((404, "deployments.apps \"rest-delete\" not found"), (status, body!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GracefulPodDeletionAnswersThePodMarkedForDeletion()
    {
        await sandbox.Send(HttpMethod.Post, "/api/v1/namespaces/myproject/pods",
            """{"metadata":{"name":"rest-pod"},"spec":{"nodeName":"sandbox","containers":[{"name":"c","image":"nginx:1.25"}]}}""");
        var (status, body) = await sandbox.Send(HttpMethod.Delete, "/api/v1/namespaces/myproject/pods/rest-pod");
        Assert.Equal((200, "Pod"), (status, body!["kind"]!.GetValue<string>()));
        Assert.NotNull(body["metadata"]!["deletionTimestamp"]);
        Assert.Equal(30, body["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task LegacyWatchPathStreamsEventsOnePerLineUntilTimeout()
    {
        await sandbox.Send(HttpMethod.Post, Deployments, Deployment("rest-watch"));
        var text = await sandbox.Http.GetStringAsync(
            "/apis/apps/v1/watch/namespaces/myproject/deployments/rest-watch?timeoutSeconds=1", TestContext.Current.CancellationToken);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var added = JsonNode.Parse(Assert.Single(lines))!;
        Assert.Equal(("ADDED", "rest-watch"), (added["type"]!.GetValue<string>(), added["object"]!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ResumedWatchSendsOnlyLaterChanges()
    {
        var (_, created) = await sandbox.Send(HttpMethod.Post, Deployments, Deployment("rest-resume"));
        var version = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await sandbox.Send(new HttpMethod("PATCH"), Deployments + "/rest-resume", """{"spec":{"replicas":2}}""", "application/merge-patch+json");
        var text = await sandbox.Http.GetStringAsync(
            $"{Deployments}?watch=1&fieldSelector=metadata.name%3Drest-resume&resourceVersion={version}&timeoutSeconds=1", TestContext.Current.CancellationToken);
        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["MODIFIED"], events.Select(e => e["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task MetricsCountRequestsByVerbResourceAndCode()
    {
        await sandbox.Get("/apis/route.openshift.io/v1/namespaces/myproject/routes/missing");
        await sandbox.Get("/apis/route.openshift.io/v1/namespaces/myproject/routes/missing");
        using var response = await sandbox.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox_requests_total{verb=\"get\",resource=\"routes\",code=\"404\"} 2\n", text);
    }

    [Fact]
    public async Task RoutesGetAGeneratedHostAndProjectsMirrorNamespaces()
    {
        var (status, route) = await sandbox.Send(HttpMethod.Post, "/apis/route.openshift.io/v1/namespaces/myproject/routes",
            """{"metadata":{"name":"app-citas"},"spec":{"to":{"kind":"Service","name":"app-citas"},"port":{"targetPort":10000}}}""");
        Assert.Equal(201, status);
        Assert.Equal("app-citas-myproject.apps.sandbox.localhost", route!["spec"]!["host"]!.GetValue<string>());
        Assert.Equal("true", route["metadata"]!["annotations"]!["openshift.io/host.generated"]!.GetValue<string>());
        var (_, project) = await sandbox.Get("/apis/project.openshift.io/v1/projects/myproject");
        Assert.Equal(("Project", "Active"), (project!["kind"]!.GetValue<string>(), project["status"]!["phase"]!.GetValue<string>()));
    }
}
