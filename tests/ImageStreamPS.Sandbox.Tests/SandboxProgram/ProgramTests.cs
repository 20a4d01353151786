using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.SandboxProgram;

public sealed class ProgramTests(ITestOutputHelper output)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static HttpClient Client(string dataPath, string server)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataPath, "ca.crt")));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(server) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(dataPath, "token")).Trim());
        return client;
    }

    [Fact]
    public async Task ReadyLineAndSandboxJsonDescribeTheServer()
    {
        using var dir = new TempDirectory();
        using var sandbox = await SandboxProcess.Start(dir.Path);
        output.WriteLine($"start-up to SANDBOX READY (process start included): {sandbox.Startup.TotalMilliseconds:F0} ms");
        Assert.Equal(sandbox.Process.Id, sandbox.Ready["processId"]!.GetValue<int>());
        Assert.Equal(dir.Path, sandbox.Ready["dataPath"]!.GetValue<string>());
        Assert.Equal(Path.Combine(dir.Path, "kubeconfig"), sandbox.KubeConfigPath);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "sandbox.json")))!;
        Assert.True(JsonNode.DeepEquals(sandbox.Ready, json));
        using var client = Client(dir.Path, sandbox.Server);
        Assert.Equal("32", JsonNode.Parse(await client.GetStringAsync("/version", Token))!["minor"]!.GetValue<string>());
    }

    [Fact]
    public async Task AcknowledgedWritesSurviveKillAndRestartWithTheSameResourceVersion()
    {
        using var dir = new TempDirectory();
        string version, uid;
        using (var first = await SandboxProcess.Start(dir.Path))
        using (var client = Client(dir.Path, first.Server))
        {
            using var response = await client.PostAsync("/api/v1/namespaces/myproject/configmaps",
                new StringContent("""{"metadata":{"name":"durable"},"data":{"k":"v"}}""", Encoding.UTF8, "application/json"), Token);
            Assert.Equal(201, (int)response.StatusCode);
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
            (version, uid) = (created["metadata"]!["resourceVersion"]!.GetValue<string>(), created["metadata"]!["uid"]!.GetValue<string>());
            first.KillHard();
        }
        using var second = await SandboxProcess.Start(dir.Path);
        using var again = Client(dir.Path, second.Server);
        var read = JsonNode.Parse(await again.GetStringAsync("/api/v1/namespaces/myproject/configmaps/durable", Token))!;
        Assert.Equal((version, uid, "v"), (read["metadata"]!["resourceVersion"]!.GetValue<string>(), read["metadata"]!["uid"]!.GetValue<string>(), read["data"]!["k"]!.GetValue<string>()));
        if (Kubectl.KubectlRunner.Executable is not null)
        {
            using var kubectl = new Kubectl.KubectlRunner(second.KubeConfigPath);
            var (code, stdout, stderr) = await kubectl.Run("get", "configmap", "durable", "-o", "jsonpath={.metadata.resourceVersion}");
            Assert.True(code == 0, stderr);
            Assert.Equal(version, stdout);
        }

        // Watching from before the restart is out of the window: one ERROR event with a 410 Expired Status.
        var text = await again.GetStringAsync("/api/v1/namespaces/myproject/configmaps?watch=true&resourceVersion=1", Token);
        var error = JsonNode.Parse(text.Split('\n')[0])!;
        Assert.Equal(("ERROR", 410, "Expired"), (error["type"]!.GetValue<string>(), error["object"]!["code"]!.GetValue<int>(), error["object"]!["reason"]!.GetValue<string>()));

        // The next write continues the same resourceVersion sequence.
        using var next = await again.PostAsync("/api/v1/namespaces/myproject/configmaps",
            new StringContent("""{"metadata":{"name":"after"}}""", Encoding.UTF8, "application/json"), Token);
        var after = JsonNode.Parse(await next.Content.ReadAsStringAsync(Token))!;
        Assert.True(long.Parse(after["metadata"]!["resourceVersion"]!.GetValue<string>()) > long.Parse(version));
    }

    [Fact]
    public async Task ClosingStandardInputStopsTheSandboxCleanly()
    {
        using var dir = new TempDirectory();
        using var sandbox = await SandboxProcess.Start(dir.Path);
        sandbox.Process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sandbox.Process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, sandbox.Process.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "sandbox.json")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "sandbox.db")));
    }

    [Fact]
    public async Task ASecondSandboxOnTheSameDataDirectoryRefusesToStart()
    {
        using var dir = new TempDirectory();
        using var first = await SandboxProcess.Start(dir.Path);
        using var second = System.Diagnostics.Process.Start(SandboxProcess.StartInfo("--data", dir.Path))!;
        var stderr = second.StandardError.ReadToEndAsync(Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await second.WaitForExitAsync(timeout.Token);
        Assert.Equal(3, second.ExitCode);
        Assert.Contains("another sandbox is already running with the data directory", await stderr);
        using var client = Client(dir.Path, first.Server);
        Assert.Equal(200, (int)(await client.GetAsync("/api/v1/namespaces/myproject", Token)).StatusCode);
    }

    [Theory]
    [InlineData(new[] { "--help" }, 0, "Usage:")]
    [InlineData(new[] { "--bogus" }, 2, "unknown option '--bogus'")]
    [InlineData(new[] { "--seed", "Nothing" }, 2, "unknown seed 'Nothing'")]
    public async Task CommandLineHelpAndErrors(string[] args, int exitCode, string text)
    {
        using var process = System.Diagnostics.Process.Start(SandboxProcess.StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains(text, await stdout + await stderr);
    }
}
