using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ImageStreamPS.Hosting;

/// <summary>
/// Loads assemblies from the module's <c>dependencies</c> folder, and nothing else. Where the build
/// precompiled an assembly for this platform and runtime (ReadyToRun, in <c>dependencies/&lt;platform&gt;</c>,
/// e.g. <c>linux-x64-net10</c>) that copy is loaded: the same IL with native code beside it, so a cold
/// start JIT-compiles less. A runtime refuses a precompiled image of another platform, so every other
/// platform and runtime loads the IL-only assembly.
/// </summary>
internal sealed class DependencyLoadContext(string folder) : AssemblyLoadContext("ImageStreamPS.Dependencies")
{
    /// <summary>This process's platform as the build names its precompiled folder: os-arch-net{major}.</summary>
    internal static string Platform =>
        $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-" +
        $"{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}-net{Environment.Version.Major}";

    /// <summary>
    /// The copy of <paramref name="assemblyName"/> the build precompiled for this platform and runtime
    /// in <paramref name="folder"/>/<see cref="Platform"/>, or null where it made none (the module's
    /// dependencies and the sandbox program alike, build/Add-ReadyToRun.ps1).
    /// </summary>
    internal static string? PrecompiledIn(string folder, string? assemblyName)
    {
        var path = Path.Combine(folder, Platform, assemblyName + ".dll");
        return File.Exists(path) ? path : null;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (PrecompiledIn(folder, assemblyName.Name) is { } native)
        {
            return LoadFromAssemblyPath(native);
        }

        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        // Framework assemblies are not in the folder: returning null defers them to the default context.
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
