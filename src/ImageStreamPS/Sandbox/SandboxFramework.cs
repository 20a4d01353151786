using System.Runtime.InteropServices;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// An ASP.NET Core the sandbox runs on. The module ships one per .NET major PowerShell runs on (7.4 =
/// .NET 8, 7.5 = 9, 7.6 = 10) in <c>sandbox/aspnetcore/&lt;version&gt;</c>, IL only so that it runs on every
/// platform; a runtime takes the newest one not newer than itself, as a framework-dependent app rolls
/// forward. Where this runtime is a shared one beside an installed ASP.NET Core of its own version
/// (PowerShell as a .NET tool, a .NET SDK's runtime), that one is used instead: the same assemblies
/// precompiled (ReadyToRun) for this platform, which start the sandbox without JIT-compiling ASP.NET Core (#18).
/// </summary>
internal sealed record SandboxFramework(Version Version, string Path, bool Installed = false)
{
    public static string FolderIn(string sandboxFolder) => System.IO.Path.Combine(sandboxFolder, "aspnetcore");

    public static IReadOnlyList<SandboxFramework> In(string sandboxFolder) => VersionsIn(FolderIn(sandboxFolder), installed: false);

    /// <summary>The module's one for <paramref name="runtime"/>, or null when the module has none that old.</summary>
    public static SandboxFramework? For(string sandboxFolder, Version runtime) =>
        In(sandboxFolder).LastOrDefault(f => f.Version.Major <= runtime.Major);

    /// <summary>
    /// The ASP.NET Core installed beside this shared runtime (<c>shared/Microsoft.AspNetCore.App/&lt;version&gt;</c>)
    /// of its major and minor version and not newer than it, as the .NET host would pick it; null for a runtime of its own (PowerShell's).
    /// </summary>
    public static SandboxFramework? InstalledFor(string runtimeDirectory, Version runtime)
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>: the runtime's folder, and the shared folder above it.
        var runtimes = System.IO.Path.GetDirectoryName(runtimeDirectory.TrimEnd('/', '\\'));
        var shared = System.IO.Path.GetDirectoryName(runtimes);
        if (shared is null || !System.IO.Path.GetFileName(runtimes).Equals("Microsoft.NETCore.App", StringComparison.Ordinal))
        {
            return null;
        }

        return VersionsIn(System.IO.Path.Combine(shared, "Microsoft.AspNetCore.App"), installed: true)
            .LastOrDefault(f => f.Version.Major == runtime.Major && f.Version.Minor == runtime.Minor && f.Version <= runtime &&
                                File.Exists(System.IO.Path.Combine(f.Path, "Microsoft.AspNetCore.dll")));
    }

    /// <summary>The installed one for this process's runtime, else <paramref name="shipped"/>.</summary>
    public static SandboxFramework Prefer(SandboxFramework shipped) =>
        InstalledFor(RuntimeEnvironment.GetRuntimeDirectory(), Environment.Version) ?? shipped;

    public string Describe() => Installed ? $"the installed ASP.NET Core {Version} ({Path})" : $"the module's ASP.NET Core {Version}";

    private static IReadOnlyList<SandboxFramework> VersionsIn(string folder, bool installed) =>
        Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder)
                .Select(path => Version.TryParse(System.IO.Path.GetFileName(path), out var version) ? new SandboxFramework(version, path, installed) : null)
                .OfType<SandboxFramework>()
                .OrderBy(f => f.Version)
                .ToList()
            : [];
}
