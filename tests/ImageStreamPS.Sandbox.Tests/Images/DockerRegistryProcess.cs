using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// Debian's docker-registry (distribution v2.8) on a free loopback port with a temporary root
/// directory; stopped by its process id and its directory removed on dispose.
/// </summary>
public sealed class DockerRegistryProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    private readonly Process process;
    private readonly string root;

    private DockerRegistryProcess(Process process, string root, string host)
    {
        this.process = process;
        this.root = root;
        Host = host;
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Host { get; }

    public static bool IsInstalled => File.Exists(Binary);

    public static async Task<DockerRegistryProcess> StartAsync()
    {
        if (!IsInstalled)
            Assert.Skip($"{Binary} is not installed (build.ps1 Test installs Debian's docker-registry when it runs as root with apt)");
        var root = Directory.CreateTempSubdirectory("isps-registry-").FullName;
        var config = Path.Combine(root, "config.yml");
        var port = FreePort();
        await File.WriteAllTextAsync(config,
            "version: 0.1\n" +
            "log: {level: warn}\n" +
            $"storage: {{filesystem: {{rootdirectory: {Path.Combine(root, "data")}}}, delete: {{enabled: true}}}}\n" +
            $"http: {{addr: 127.0.0.1:{port}, secret: isps-test-secret}}\n");
        var start = new ProcessStartInfo(Binary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["REGISTRY_HTTP_ADDR"] = $"127.0.0.1:{port}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        process.OutputDataReceived += delegate { };
        process.ErrorDataReceived += delegate { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new DockerRegistryProcess(process, root, $"127.0.0.1:{port}");
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (process.HasExited) break;
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/v2/");
                if (response.StatusCode == HttpStatusCode.OK) return registry;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        await registry.DisposeAsync();
        throw new InvalidOperationException("docker-registry did not answer GET /v2/");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { }
    }
}
