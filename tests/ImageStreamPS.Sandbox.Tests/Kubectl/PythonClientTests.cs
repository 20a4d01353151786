using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>
/// Another real client: the Python kubernetes package's DynamicClient (Debian's python3-kubernetes, which build.ps1
/// installs with apt for the tests; Ansible's kubernetes.core drives the same client). Skipped, saying why, without it.
/// </summary>
public sealed class PythonClientTests(TutorialCluster cluster) : IClassFixture<TutorialCluster>
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        # The Python kubernetes client's DynamicClient (what Ansible's kubernetes.core uses) against a cluster:
        # discovery, create, strategic merge patch, list, delete of an image stream. Prints one JSON line.
        import json, os, sys, time
        from kubernetes import config, dynamic
        from kubernetes.client import api_client

        name = sys.argv[1]
        client = dynamic.DynamicClient(api_client.ApiClient(configuration=config.load_kube_config(config_file=os.environ["KUBECONFIG"])))
        streams = client.resources.get(api_version="image.openshift.io/v1", kind="ImageStream")
        tags = client.resources.get(api_version="image.openshift.io/v1", kind="ImageStreamTag")
        result = {}
        created = streams.create(namespace="myproject", body={
            "apiVersion": "image.openshift.io/v1", "kind": "ImageStream", "metadata": {"name": name},
            "spec": {"tags": [{"name": "v1", "from": {"kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v1"}}]}})
        result["created"] = created.metadata.name
        patched = streams.patch(namespace="myproject", name=name, content_type="application/strategic-merge-patch+json",
                                body={"spec": {"tags": [{"name": "prod", "from": {"kind": "ImageStreamTag", "name": name + ":v1"}}]}})
        result["tags"] = [t["name"] for t in patched.spec.tags]
        deadline = time.time() + 60
        while time.time() < deadline:
            items = [t.metadata.name for t in tags.get(namespace="myproject").items if t.metadata.name.startswith(name + ":")]
            if len(items) == 2:
                break
            time.sleep(0.2)
        result["istags"] = sorted(items)
        streams.delete(namespace="myproject", name=name)
        result["deleted"] = name not in [s.metadata.name for s in streams.get(namespace="myproject").items]
        print(json.dumps(result))
        """;

    [Fact]
    public async Task DynamicClientCreatesPatchesListsAndDeletesAnImageStream()
    {
        if (!File.Exists(Python) || !await Runs(Python, "-c", "import kubernetes.dynamic"))
            Assert.Skip("python3-kubernetes is not installed (build.ps1 Test installs it with apt on Debian as root)");
        using var work = new TempDirectory();
        var script = Path.Combine(work.Path, "dynamic_client.py");
        await File.WriteAllTextAsync(script, Script, TestContext.Current.CancellationToken);
        var info = ClientProcess.StartInfo(Python, [script, "py-citas"]);
        info.Environment["KUBECONFIG"] = cluster.Host.KubeConfigPath;
        info.Environment["HOME"] = work.Path;
        var (code, stdout, stderr) = await ClientProcess.Run(info, TimeSpan.FromSeconds(90));
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!;
        Assert.Equal("py-citas", result["created"]!.GetValue<string>());
        Assert.Equal(["prod", "v1"], result["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["py-citas:prod", "py-citas:v1"], result["istags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(result["deleted"]!.GetValue<bool>());
    }

    private static async Task<bool> Runs(string file, params string[] args) =>
        (await ClientProcess.Run(ClientProcess.StartInfo(file, args), TimeSpan.FromSeconds(30))).ExitCode == 0;
}
