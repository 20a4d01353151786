using System.Diagnostics;
using System.Text;
using ImageStreamPS.Sandbox.Tests.Http;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>The installed kubectl (1.32 dispatcher) against the sandbox: the commands of issue 3.</summary>
public sealed class KubectlTests : IClassFixture<RunningSandbox>, IDisposable
{
    private readonly RunningSandbox _sandbox;
    private readonly KubectlRunner _kubectl;

    public KubectlTests(RunningSandbox sandbox)
    {
        _sandbox = sandbox;
        _kubectl = new KubectlRunner(sandbox.Host.KubeConfigPath);
    }

    public void Dispose() => _kubectl.Dispose();

    private static string Deployment(string name, int replicas = 1, string image = "nginx:1.25") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - containerPort: 8080
        """;

    private async Task<string> Ok(params string[] args)
    {
        var (code, stdout, stderr) = await _kubectl.Run(args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    [Fact]
    public async Task GetNamespacesPrintsServerSideColumns()
    {
        KubectlRunner.SkipIfMissing();
        var output = await Ok("get", "namespaces");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+STATUS\s+AGE$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^myproject\s+Active\s+\S+$"));
    }

    [Fact]
    public async Task ApplyCreatesThenConfiguresAndGetShowsDeploymentColumns()
    {
        KubectlRunner.SkipIfMissing();
        var file = _kubectl.Manifest("k-apply.yaml", Deployment("k-apply", 2));
        Assert.Equal("deployment.apps/k-apply created", (await Ok("apply", "-f", file)).Trim());
        File.WriteAllText(file, Deployment("k-apply", 3, "nginx:1.26"));
        Assert.Equal("deployment.apps/k-apply configured", (await Ok("apply", "-f", file)).Trim());
        Assert.Equal("3 nginx:1.26 2", await Ok("get", "deploy", "k-apply", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}"));
        var table = (await Ok("get", "deploy", "k-apply")).Split('\n');
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", table[0]);
        Assert.Matches(@"^k-apply\s+0/3\s+0\s+0\s+\S+$", table[1]);
    }

    [Fact]
    public async Task ServerSideApplyCreatesAndUpdatesAnImageStream()
    {
        KubectlRunner.SkipIfMissing();
        var file = _kubectl.Manifest("k-is.yaml", """
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata:
              name: k-ssa
            spec:
              lookupPolicy:
                local: false
            """);
        Assert.Equal("imagestream.image.openshift.io/k-ssa serverside-applied", (await Ok("apply", "--server-side", "-f", file)).Trim());
        File.WriteAllText(file, File.ReadAllText(file).Replace("local: false", "local: true"));
        Assert.Equal("imagestream.image.openshift.io/k-ssa serverside-applied", (await Ok("apply", "--server-side", "-f", file)).Trim());
        Assert.Equal("true", await Ok("get", "is", "k-ssa", "-o", "jsonpath={.spec.lookupPolicy.local}"));
    }

    [Fact]
    public async Task CreateDeleteAndNotFound()
    {
        KubectlRunner.SkipIfMissing();
        var file = _kubectl.Manifest("k-create.yaml", Deployment("k-create"));
        Assert.Equal("deployment.apps/k-create created", (await Ok("create", "-f", file)).Trim());
        var (code, _, err) = await _kubectl.Run("create", "-f", file);
        Assert.Equal(1, code);
        Assert.Contains("Error from server (AlreadyExists)", err);
        Assert.Equal("deployment.apps \"k-create\" deleted", (await Ok("delete", "deploy", "k-create")).Trim());
        (code, _, err) = await _kubectl.Run("get", "deploy", "k-create");
        Assert.Equal(1, code);
        Assert.Contains("Error from server (NotFound): deployments.apps \"k-create\" not found", err);
    }

    [Fact]
    public async Task GetYamlDescribeLabelAndScale()
    {
        KubectlRunner.SkipIfMissing();
        await Ok("apply", "-f", _kubectl.Manifest("k-misc.yaml", Deployment("k-misc")));
        var yaml = await Ok("get", "deploy", "k-misc", "-o", "yaml");
        Assert.Contains("revisionHistoryLimit: 10", yaml);
        Assert.Contains("terminationMessagePath: /dev/termination-log", yaml);
        Assert.Equal("deployment.apps/k-misc labeled", (await Ok("label", "deploy", "k-misc", "tier=front")).Trim());
        Assert.Equal("deployment.apps/k-misc scaled", (await Ok("scale", "deploy", "k-misc", "--replicas=4")).Trim());
        var describe = await Ok("describe", "deploy", "k-misc");
        Assert.Matches(@"Labels:\s+tier=front", describe);
        Assert.Matches(@"Replicas:\s+4 desired", describe);
        Assert.Matches(@"RollingUpdateStrategy:\s+25% max unavailable, 25% max surge", describe);
    }

    [Fact]
    public async Task GetWatchPrintsChanges()
    {
        KubectlRunner.SkipIfMissing();
        await Ok("apply", "-f", _kubectl.Manifest("k-watch.yaml", Deployment("k-watch")));
        using var process = Process.Start(_kubectl.StartInfo("get", "deploy", "k-watch", "-w", "-o", "jsonpath={.spec.replicas}{\"\\n\"}"))!;
        try
        {
            var seen = new StringBuilder();
            var reader = process.StandardOutput;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal("1", await reader.ReadLineAsync(timeout.Token));
            await Ok("scale", "deploy", "k-watch", "--replicas=6");
            Assert.Equal("6", await reader.ReadLineAsync(timeout.Token));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task StaleReplaceIsConflict()
    {
        KubectlRunner.SkipIfMissing();
        await Ok("apply", "-f", _kubectl.Manifest("k-stale.yaml", Deployment("k-stale")));
        var stale = await Ok("get", "deploy", "k-stale", "-o", "yaml");
        await Ok("scale", "deploy", "k-stale", "--replicas=2");
        var (code, _, err) = await _kubectl.Run("replace", "-f", _kubectl.Manifest("k-stale-live.yaml", stale));
        Assert.Equal(1, code);
        Assert.Contains("Error from server (Conflict)", err);
        Assert.Contains("the object has been modified", err);
    }

    [Fact]
    public async Task RollingOutStatusFollowsTheStatusSubresource()
    {
        KubectlRunner.SkipIfMissing();
        await Ok("apply", "-f", _kubectl.Manifest("k-rollout.yaml", Deployment("k-rollout", 2)));
        // What the deployment controller publishes once the rollout is complete.
        var status = """{"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2}}""";
        var (code, _) = await _sandbox.Send(new HttpMethod("PATCH"), "/apis/apps/v1/namespaces/myproject/deployments/k-rollout/status", status, "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Contains("successfully rolled out", await Ok("rollout", "status", "deploy/k-rollout", "--timeout=20s"));
    }

    [Fact]
    public async Task TypedCreateCommandsSendingProtobufWork()
    {
        KubectlRunner.SkipIfMissing();
        Assert.Equal("namespace/k-typed created", (await Ok("create", "namespace", "k-typed")).Trim());
        Assert.Equal("configmap/k-cm created", (await Ok("create", "configmap", "k-cm", "-n", "k-typed", "--from-literal=a=b")).Trim());
        Assert.Equal("secret/k-secret created", (await Ok("create", "secret", "generic", "k-secret", "-n", "k-typed", "--from-literal=user=me")).Trim());
        Assert.Equal("""{"a":"b"} {"user":"bWU="} Opaque""",
            (await Ok("get", "configmap", "k-cm", "-n", "k-typed", "-o", "jsonpath={.data}")) + " " +
            (await Ok("get", "secret", "k-secret", "-n", "k-typed", "-o", "jsonpath={.data} {.type}")));
        Assert.Equal("namespace \"k-typed\" deleted", (await Ok("delete", "namespace", "k-typed")).Trim());
        var (code, _, err) = await _kubectl.Run("get", "configmap", "k-cm", "-n", "k-typed");
        Assert.Equal(1, code);
        Assert.Contains("NotFound", err);
    }

    [Fact]
    public async Task ReApplyingAnUnchangedFileKeepsATagAddedSince()
    {
        // kubectl apply.go: strategic merge from the OpenAPI v3 schema, where openshift/api marks spec.tags
        // patchStrategy=merge, patchMergeKey=name; a JSON merge patch would replace the list and drop "c".
        KubectlRunner.SkipIfMissing();
        var file = _kubectl.Manifest("k-tags.yaml", """
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata:
              name: k-tags
            spec:
              tags:
              - name: a
                from: {kind: DockerImage, name: docker.io/josedom24/citas-backend:v1}
              - name: b
                from: {kind: DockerImage, name: docker.io/josedom24/citas-backend:v2}
            """);
        Assert.Equal("imagestream.image.openshift.io/k-tags created", (await Ok("apply", "-f", file)).Trim());
        // What Set-ImageTag k-tags:a k-tags:c writes.
        await Ok("patch", "is", "k-tags", "--type=json", "-p", """[{"op":"add","path":"/spec/tags/-","value":{"name":"c","from":{"kind":"ImageStreamTag","name":"k-tags:a"}}}]""");
        // kubectl sends the $setElementOrder/tags directive (a, b), so it reports "configured" as on a cluster.
        Assert.Equal("imagestream.image.openshift.io/k-tags configured", (await Ok("apply", "-f", file)).Trim());
        Assert.Equal("a b c", await Ok("get", "is", "k-tags", "-o", "jsonpath={.spec.tags[*].name}"));
    }

    [Fact]
    public async Task ExplainReadsTheGeneratedSchemas()
    {
        KubectlRunner.SkipIfMissing();
        var tags = await Ok("explain", "is.spec.tags");
        Assert.Contains("FIELD: tags <[]TagReference>", tags);
        Assert.Matches(@"(?m)^\s+from\s+<ObjectReference>", tags);
        Assert.Contains("FIELD: replicas <integer>", await Ok("explain", "deployment.spec.replicas"));
    }

    [Fact]
    public async Task StrictValidationRejectsAMisspelledFieldAsAClusterDoes()
    {
        KubectlRunner.SkipIfMissing();
        var file = _kubectl.Manifest("k-form.yaml", """
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata:
              name: k-form
            spec:
              tags:
              - name: a
                form: {kind: DockerImage, name: docker.io/josedom24/citas-backend:v1}
            """);
        var (code, _, err) = await _kubectl.Run("create", "-f", file);
        Assert.Equal(1, code);
        Assert.Contains("Error from server (BadRequest): error when creating \"k-form.yaml\": ImageStream in version \"v1\" cannot be handled as a ImageStream: strict decoding error: unknown field \"spec.tags[0].form\"",
            err.Replace(_kubectl.WorkDirectory + "/", ""));
        (code, var stdout, err) = await _kubectl.Run("create", "-f", file, "--validate=warn");
        Assert.Equal(0, code);
        Assert.Equal("imagestream.image.openshift.io/k-form created", stdout.Trim());
        Assert.Contains("Warning: unknown field \"spec.tags[0].form\"", err);
    }

    [Fact]
    public async Task TypedCreateOfDeploymentServiceAndPodSendsProtobufAndWorks()
    {
        // kubectl's typed clients send application/vnd.kubernetes.protobuf, which kube-apiserver accepts for built-in kinds
        // (client-go falls back to JSON on 415 only for CBOR), so the sandbox decodes it.
        KubectlRunner.SkipIfMissing();
        Assert.Equal("deployment.apps/k-web created", (await Ok("create", "deployment", "k-web", "--image=nginx:1.25", "--port=8080", "--replicas=2")).Trim());
        Assert.Equal("2 nginx:1.25 8080 app=k-web", await Ok("get", "deploy", "k-web", "-o",
            "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort} app={.spec.selector.matchLabels.app}"));
        Assert.Equal("service/k-web created", (await Ok("create", "service", "clusterip", "k-web", "--tcp=80:8080")).Trim());
        Assert.Equal("80 8080 ClusterIP k-web", await Ok("get", "svc", "k-web", "-o", "jsonpath={.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.type} {.spec.selector.app}"));
        Assert.Equal("pod/k-run created", (await Ok("run", "k-run", "--image=busybox:1.36", "--env=MODE=test", "--labels=tier=batch", "--command", "--", "sleep", "3600")).Trim());
        Assert.Equal("busybox:1.36 sleep 3600 MODE=test batch", await Ok("get", "pod", "k-run", "-o",
            "jsonpath={.spec.containers[0].image} {.spec.containers[0].command[0]} {.spec.containers[0].command[1]} {.spec.containers[0].env[0].name}={.spec.containers[0].env[0].value} {.metadata.labels.tier}"));
    }

    [Fact]
    public async Task WrongTokenIsRejected()
    {
        KubectlRunner.SkipIfMissing();
        var token = File.ReadAllText(Path.Combine(_sandbox.DataPath, "token")).Trim();
        _kubectl.KubeConfigPath = _kubectl.Manifest("bad-kubeconfig", File.ReadAllText(_sandbox.Host.KubeConfigPath).Replace(token, "sha256~wrong"));
        var (code, _, err) = await _kubectl.Run("get", "namespaces");
        Assert.Equal(1, code);
        Assert.Contains("You must be logged in to the server", err);
    }
}
