namespace ImageStreamPS.Sandbox;

/// <summary>
/// An ASP.NET Core the module ships for the sandbox, in <c>sandbox/aspnetcore/&lt;version&gt;</c>: one
/// per .NET major PowerShell runs on (7.4 = .NET 8, 7.5 = 9, 7.6 = 10). A runtime takes the newest
/// one not newer than itself, as a framework-dependent app rolls forward.
/// </summary>
internal sealed record SandboxFramework(Version Version, string Path)
{
    public static string FolderIn(string sandboxFolder) => System.IO.Path.Combine(sandboxFolder, "aspnetcore");

    public static IReadOnlyList<SandboxFramework> In(string sandboxFolder)
    {
        var folder = FolderIn(sandboxFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder)
                .Select(path => Version.TryParse(System.IO.Path.GetFileName(path), out var version) ? new SandboxFramework(version, path) : null)
                .OfType<SandboxFramework>()
                .OrderBy(f => f.Version)
                .ToList()
            : [];
    }

    /// <summary>The one for <paramref name="runtime"/>, or null when the module has none that old.</summary>
    public static SandboxFramework? For(string sandboxFolder, Version runtime) =>
        In(sandboxFolder).LastOrDefault(f => f.Version.Major <= runtime.Major);
}
