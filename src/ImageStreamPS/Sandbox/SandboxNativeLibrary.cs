using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// The native SQLite library the sandbox keeps its data with (SQLitePCLRaw's e_sqlite3), which the
/// module ships for PowerShell's platforms only, found as the sandbox's load context finds it: through
/// the program's deps.json for this platform (<see cref="SandboxEntryPoint"/>).
/// </summary>
internal static class SandboxNativeLibrary
{
    public const string Name = "e_sqlite3";

    /// <summary>This platform's runtime identifier, as the deps.json names platforms (linux-x64, osx-arm64...).</summary>
    public static string Platform => RuntimeInformation.RuntimeIdentifier;

    /// <summary>The platforms the module has the library for (the folders of sandbox/runtimes).</summary>
    public static IReadOnlyList<string> PlatformsIn(string sandboxFolder)
    {
        var folder = Path.Combine(sandboxFolder, "runtimes");
        return Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>
    /// Whether the program would find the library on this platform. True when that cannot be told
    /// here (a process the .NET host did not start): the sandbox's own start then reports it.
    /// </summary>
    public static bool IsPresent(string program)
    {
        try
        {
            return new AssemblyDependencyResolver(program).ResolveUnmanagedDllToPath(Name) is { } path && File.Exists(path);
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
