using System.Runtime.InteropServices;

namespace ImageStreamPS.Sandbox;

/// <summary>Finds the <c>dotnet</c> host that runs the sandbox program (a framework-dependent app).</summary>
internal static class DotnetHost
{
    private static string ExecutableName => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";

    /// <summary>
    /// The host running this PowerShell (pwsh as a .NET tool runs inside dotnet), else DOTNET_HOST_PATH,
    /// DOTNET_ROOT, the installation this runtime comes from, then PATH. Null when none exists.
    /// </summary>
    public static string? Find()
    {
        var current = Environment.ProcessPath;
        if (current is not null && string.Equals(Path.GetFileName(current), ExecutableName, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        var runtimeRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        IEnumerable<string?> candidates =
        [
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Under(Environment.GetEnvironmentVariable("DOTNET_ROOT")),
            Under(runtimeRoot),
            .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Under),
        ];
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
    }

    private static string? Under(string? folder) => string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, ExecutableName);
}
