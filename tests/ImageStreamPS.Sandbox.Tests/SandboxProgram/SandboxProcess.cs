using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.SandboxProgram;

/// <summary>
/// The sandbox program as its own process (<c>dotnet ImageStreamPS.Sandbox.dll</c> from the test
/// output), started the way the module starts it, with <c>--exit-with-parent</c>. Waits for the
/// SANDBOX READY line and records how long it took.
/// </summary>
public sealed class SandboxProcess : IDisposable
{
    private SandboxProcess(System.Diagnostics.Process process, JsonObject ready, TimeSpan startup)
    {
        Process = process;
        Ready = ready;
        Startup = startup;
    }

    public System.Diagnostics.Process Process { get; }
    public JsonObject Ready { get; }
    public TimeSpan Startup { get; }
    public string Server => Ready["server"]!.GetValue<string>();
    public string KubeConfigPath => Ready["kubeConfigPath"]!.GetValue<string>();

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "ImageStreamPS.Sandbox.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    public static async Task<SandboxProcess> Start(string dataPath, int port = 0)
    {
        var clock = Stopwatch.StartNew();
        var process = System.Diagnostics.Process.Start(StartInfo("--data", dataPath, "--port", port.ToString(), "--exit-with-parent"))!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("the sandbox exited before it was ready: " + await process.StandardError.ReadToEndAsync());
                if (!line.StartsWith("SANDBOX READY ", StringComparison.Ordinal)) continue;
                var ready = JsonNode.Parse(line["SANDBOX READY ".Length..])!.AsObject();
                return new SandboxProcess(process, ready, clock.Elapsed);
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no chance to clean up.</summary>
    public void KillHard()
    {
        Process.Kill(entireProcessTree: true);
        Process.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited) KillHard();
        Process.Dispose();
    }
}
