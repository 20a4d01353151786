using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>
/// Another real client: npm's openshift-rest-client, which loads the cluster's /openapi/v2 and builds its API from the
/// paths there (it warns and falls back to a built-in spec when it cannot). build.ps1 Test installs it under
/// out/test-clients; skipped, saying why, without node or that install.
/// </summary>
public sealed class NodeClientTests(TutorialCluster cluster) : IClassFixture<TutorialCluster>
{
    private const string Script = """
        const { OpenshiftClient } = require('openshift-rest-client');
        const { KubeConfig } = require('kubernetes-client');
        (async () => {
          const warnings = [];
          const warn = console.warn;
          console.warn = (...args) => warnings.push(args.join(' '));
          const kubeconfig = new KubeConfig();
          kubeconfig.loadFromFile(process.env.KUBECONFIG);
          const client = await OpenshiftClient({ config: kubeconfig });
          const streams = client.apis.image.v1.ns('myproject').imagestreams;
          const created = await streams.post({ body: {
            apiVersion: 'image.openshift.io/v1', kind: 'ImageStream', metadata: { name: 'js-citas' },
            spec: { tags: [{ name: 'v1', from: { kind: 'DockerImage', name: 'docker.io/josedom24/citas-backend:v1' } }] } } });
          const list = await streams.get();
          await streams('js-citas').delete();
          console.warn = warn;
          console.log(JSON.stringify({ status: created.statusCode, names: list.body.items.map(i => i.metadata.name), warnings }));
        })().catch(e => { console.error(e && e.stack || e); process.exit(1); });
        """;

    [Fact]
    public async Task OpenShiftRestClientLoadsTheSpecAndManagesAnImageStream()
    {
        var clients = FindClients();
        if (clients is null) Assert.Skip("openshift-rest-client is not installed under out/test-clients (build.ps1 Test installs it with npm)");
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node")).FirstOrDefault(File.Exists);
        if (node is null) Assert.Skip("node is not on PATH");
        var script = Path.Combine(clients, $"client-check-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(script, Script, TestContext.Current.CancellationToken);
        try
        {
            var info = ClientProcess.StartInfo(node, [script]);
            info.WorkingDirectory = clients;
            info.Environment["KUBECONFIG"] = cluster.Host.KubeConfigPath;
            var (code, stdout, stderr) = await ClientProcess.Run(info, TimeSpan.FromSeconds(60));
            Assert.True(code == 0, stderr);
            var result = JsonNode.Parse(stdout)!;
            Assert.Equal(201, result["status"]!.GetValue<int>());
            Assert.Contains("js-citas", result["names"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Empty(result["warnings"]!.AsArray());
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>out/test-clients of the repository these tests were built from, when openshift-rest-client is there.</summary>
    private static string? FindClients()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var clients = Path.Combine(dir.FullName, "out", "test-clients");
            if (File.Exists(Path.Combine(clients, "node_modules", "openshift-rest-client", "package.json"))) return clients;
        }
        return null;
    }
}
