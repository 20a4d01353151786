using System.Diagnostics;
using System.Management.Automation;

namespace ImageStreamPS.Sandbox;

/// <summary>
/// What hosts the sandbox program: a child pwsh of the same PowerShell installation as this one, so
/// the sandbox runs on the .NET runtime PowerShell brings. Most installs (MSI, winget, Homebrew, the
/// Linux packages, the container images) are self-contained: no dotnet host and no ASP.NET Core
/// shared framework, so the child loads the program and the ASP.NET Core the module ships in an
/// AssemblyLoadContext of its own (<see cref="SandboxEntryPoint"/>).
/// </summary>
internal sealed class ChildPwsh
{
    private ChildPwsh(string fileName, IReadOnlyList<string> prefix)
    {
        FileName = fileName;
        Prefix = prefix;
    }

    /// <summary>The executable: pwsh, or the dotnet host when PowerShell runs as a .NET tool.</summary>
    public string FileName { get; }

    /// <summary>Arguments before pwsh's own (pwsh.dll for the dotnet host).</summary>
    public IReadOnlyList<string> Prefix { get; }

    /// <summary>The folder of this PowerShell's System.Management.Automation ($PSHOME).</summary>
    public static string PowerShellHome => Path.GetDirectoryName(typeof(PSObject).Assembly.Location) ?? AppContext.BaseDirectory;

    /// <summary>
    /// pwsh in $PSHOME; or, when this PowerShell is pwsh.dll run by the dotnet host (the .NET tool),
    /// that host with pwsh.dll. Null when this process is another program hosting PowerShell.
    /// </summary>
    public static ChildPwsh? Find()
    {
        var process = Environment.ProcessPath;
        var library = Path.Combine(PowerShellHome, "pwsh.dll");
        if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && File.Exists(library))
        {
            return new ChildPwsh(process, [library]);
        }

        var pwsh = Path.Combine(PowerShellHome, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        return File.Exists(pwsh) ? new ChildPwsh(pwsh, []) : null;
    }

    /// <summary>How the sandbox program runs: in this pwsh, on this runtime, with that ASP.NET Core.</summary>
    public string Describe(SandboxFramework framework) =>
        $"a child pwsh ({string.Join(' ', Prefix.Prepend(FileName))}) on .NET {Environment.Version}, with {framework.Describe()}";

    /// <summary>The process that runs the sandbox program with <paramref name="arguments"/>.</summary>
    public ProcessStartInfo StartInfo(string sandboxFolder, SandboxFramework framework, IEnumerable<string> arguments)
    {
        static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        var command =
            $"$null = [System.Reflection.Assembly]::LoadFrom({Literal(typeof(SandboxEntryPoint).Assembly.Location)}); " +
            $"exit [{typeof(SandboxEntryPoint).FullName}]::Run({Literal(sandboxFolder)}, {Literal(framework.Path)}, " +
            $"[string[]] @({string.Join(", ", arguments.Select(Literal))}))";
        // Its working folder is the program's, not wherever this shell happened to be (on Windows
        // a process's working folder cannot be deleted while it runs).
        var startInfo = new ProcessStartInfo(FileName) { WorkingDirectory = sandboxFolder };
        foreach (var argument in Prefix.Concat(["-NoLogo", "-NoProfile", "-NonInteractive", "-Command", command]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A helper process: no telemetry or update check of its own.
        startInfo.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        // The runtime settings of the sandbox's own runtimeconfig, which a child pwsh does not read (#18).
        foreach (var (name, value) in RuntimeSettings)
        {
            startInfo.Environment.TryAdd(name, value);
        }

        // The program starts from a startup hook, before PowerShell's engine (StartupHook); the command above is the fallback.
        startInfo.Environment[StartupHook.HooksVariable] = typeof(StartupHook).Assembly.Location;
        startInfo.Environment[StartupHook.ProgramVariable] = StartupHook.Encode(new[] { sandboxFolder, framework.Path }.Concat(arguments));
        return startInfo;
    }

    /// <summary>
    /// What the sandbox program's runtimeconfig sets (ImageStreamPS.Sandbox.csproj), as the variables the
    /// runtime reads; a value the user already set wins. No instrumented tier (TieredPGO): the sandbox
    /// is short-lived, and its second JIT pass per hot method cost more CPU than it won back. No
    /// spinning thread-pool workers: on a machine with few cores, workers spinning for work took
    /// CPU from the requests and the group commit.
    /// </summary>
    internal static readonly IReadOnlyList<(string Name, string Value)> RuntimeSettings =
    [
        ("DOTNET_TieredPGO", "0"),
        ("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0"),
    ];

    public override string ToString() => string.Join(' ', Prefix.Prepend(FileName));
}
