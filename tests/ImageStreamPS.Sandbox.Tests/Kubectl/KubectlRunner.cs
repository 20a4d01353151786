using System.Diagnostics;

namespace ImageStreamPS.Sandbox.Tests.Kubectl;

/// <summary>
/// Runs the installed kubectl against a sandbox with its own KUBECONFIG and KUBECACHEDIR (a temp dir),
/// so no user configuration or discovery cache leaks in. Tests skip when kubectl is not installed.
/// </summary>
public sealed class KubectlRunner : IDisposable
{
    private readonly TempDirectory _cache = new();

    public KubectlRunner(string kubeConfigPath)
    {
        KubeConfigPath = kubeConfigPath;
    }

    public string KubeConfigPath { get; set; }

    /// <summary>Extra environment for every run (KUBE_EDITOR for kubectl edit).</summary>
    public Dictionary<string, string> ExtraEnvironment { get; } = new();
    public string WorkDirectory => _cache.Path;

    /// <summary>kubectl on PATH, or /usr/local/bin/kubectl; null when absent.</summary>
    public static string? Executable { get; } = Find();

    public static void SkipIfMissing()
    {
        if (Executable is null) Assert.Skip("kubectl is not installed (looked on PATH and /usr/local/bin/kubectl)");
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var info = ClientProcess.StartInfo(Executable!, args);
        info.WorkingDirectory = _cache.Path;
        info.Environment["KUBECONFIG"] = KubeConfigPath;
        info.Environment["KUBECACHEDIR"] = Path.Combine(_cache.Path, "cache");
        info.Environment["HOME"] = _cache.Path;
        foreach (var (name, value) in ExtraEnvironment) info.Environment[name] = value;
        return info;
    }

    /// <summary>Runs kubectl to completion (at most 60 s) and returns exit code and output.</summary>
    public Task<(int ExitCode, string Out, string Err)> Run(params string[] args) => ClientProcess.Run(StartInfo(args), TimeSpan.FromSeconds(60));

    /// <summary>Writes a manifest into the work directory and returns its path.</summary>
    public string Manifest(string name, string yaml)
    {
        var path = Path.Combine(_cache.Path, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose() => _cache.Dispose();
}
