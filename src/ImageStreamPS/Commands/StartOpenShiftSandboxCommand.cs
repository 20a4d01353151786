using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.LocalSandbox;
using ImageStreamPS.Sandbox;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Starts the local OpenShift-compatible sandbox and returns where to reach it.</summary>
/// <remarks>
/// Start-OpenShiftSandbox runs the sandbox program that ships in the module's sandbox folder in a child
/// pwsh of this PowerShell installation, on the .NET runtime PowerShell brings and with the ASP.NET Core
/// the module ships for it (no .NET SDK, dotnet host or ASP.NET Core install needed; -WhatIf names the
/// host it would use), and waits until it prints that it is ready. The sandbox serves the Kubernetes and OpenShift APIs over
/// HTTPS on 127.0.0.1 with its own certificate authority and bearer token, plus an integrated image
/// registry (plain HTTP, 127.0.0.1), and writes a kubeconfig of its own into -DataPath (never the
/// user's kubeconfig). Data is kept in -DataPath across restarts.
///
/// The sandbox stops when this PowerShell process exits (also when it is killed), or with
/// Stop-OpenShiftSandbox; Ctrl+C in this PowerShell cancels the running command and leaves the sandbox
/// running. Its data folder is made owner-only (mode 0700 on Unix, an access list for the user alone
/// on Windows): it holds the token, the CA key and every object, Secrets included. -Seed Tutorial
/// puts the tutorial's demo images into the integrated registry and mirrors docker.io to it, so
/// imports of docker.io/josedom24/citas-backend work offline. -Connect also connects to it and makes
/// that session the runspace's default.
/// </remarks>
/// <example>
/// <code>PS> Start-OpenShiftSandbox -Seed Tutorial -Connect</code>
/// <para>Starts the sandbox with the tutorial's images and connects to it: the following cmdlets work against it.</para>
/// </example>
/// <example>
/// <code>PS> $sandbox = Start-OpenShiftSandbox -DataPath (Join-Path ($env:RUNNER_TEMP ?? [IO.Path]::GetTempPath()) sandbox) -Port 0
/// PS> kubectl --kubeconfig $sandbox.KubeConfigPath get namespaces
/// PS> $sandbox | Stop-OpenShiftSandbox</code>
/// <para>In CI: a throw-away sandbox in the job's temporary folder (GitHub Actions' RUNNER_TEMP, else the system's), used with kubectl through its kubeconfig, stopped at the end.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Start, "OpenShiftSandbox", SupportsShouldProcess = true)]
[OutputType(typeof(OpenShiftSandbox))]
public sealed class StartOpenShiftSandboxCommand : PipelineCmdlet
{
    /// <summary>The API server's port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The folder for the sandbox's data, certificate authority and kubeconfig. Default: &lt;LocalApplicationData&gt;/ImageStreamPS/sandbox.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    /// <summary>Seeds the sandbox: Tutorial pushes the demo images josedom24/citas-backend:v1 and :v2 and mirrors docker.io to the integrated registry.</summary>
    [Parameter]
    [ValidateSet("Tutorial")]
    public string? Seed { get; set; }

    /// <summary>Registries to mirror, as @{ 'docker.io' = 'host:port' }: imports from the key are pulled from the value.</summary>
    [Parameter]
    public Hashtable? RegistryMirror { get; set; }

    /// <summary>How long simulated pods take to become ready (default: at once), for watching rollouts progress.</summary>
    [Parameter]
    public TimeSpan PodStartDelay { get; set; }

    /// <summary>How long to wait for the sandbox to be ready (default: 60 seconds).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Also connects to the sandbox and makes that session the runspace's default (see its Session property).</summary>
    [Parameter]
    public SwitchParameter Connect { get; set; }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var dataPath = DataPath is null ? SandboxLocations.DefaultDataPath : ResolvePath(DataPath);
        if (RunningSandboxes.In([dataPath]).FirstOrDefault() is { } running)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"A sandbox is already running with data in {dataPath} (process {running.ProcessId}, {running.Server}). Use it (Connect-OpenShift -Sandbox -DataPath '{dataPath.Replace("'", "''", StringComparison.Ordinal)}'), or stop it with Stop-OpenShiftSandbox."),
                "SandboxAlreadyRunning", ErrorCategory.ResourceExists, running));
        }

        var (host, framework) = FindHost();
        if (!ShouldProcess($"{dataPath}, in {host.Describe(framework)}", "Start the OpenShift sandbox"))
        {
            return;
        }

        WriteVerbose($"Starting the sandbox in {host.Describe(framework)}: {SandboxProcess.ProgramPath} {string.Join(' ', Arguments(dataPath))}");
        var process = SandboxProcess.Start(host.StartInfo(SandboxProcess.ProgramFolder, framework, Arguments(dataPath)), dataPath);
        OpenShiftSandbox sandbox;
        try
        {
            sandbox = await process.WaitUntilReadyAsync(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxStartException exception)
        {
            ThrowTerminatingError(StartFailure(exception, dataPath));
            throw;
        }

        WriteVerbose($"Sandbox ready: {sandbox.Server}, registry {sandbox.RegistryEndpoint}, process {sandbox.ProcessId}.");
        if (Connect)
        {
            var connection = await OpenShiftConnection.OpenAsync(
                ConnectionProfile.FromKubeConfig([sandbox.KubeConfigPath], context: null), cancellationToken).ConfigureAwait(false);
            var session = new OpenShiftSession(connection, connection.Profile.Namespace);
            OnPipeline(() => RunspaceSessions.Current.Add(session, makeDefault: true));
            sandbox.Session = session;
        }

        WriteObject(sandbox);
    }

    /// <summary>The child pwsh and the ASP.NET Core for this runtime (the installed one, else the module's); a terminating error says what is missing and how to get it.</summary>
    private (ChildPwsh Host, SandboxFramework Framework) FindHost()
    {
        var program = SandboxProcess.ProgramPath;
        const string reinstall = "Reinstall the module (Install-PSResource ImageStreamPS -Reinstall), or rebuild it (build.ps1 Build).";
        if (!File.Exists(program))
        {
            ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException($"The sandbox program is missing from the module: {program}. {reinstall}", program),
                "SandboxProgramNotFound", ErrorCategory.ObjectNotFound, program));
        }

        var framework = SandboxFramework.For(SandboxProcess.ProgramFolder, Environment.Version);
        if (framework is null)
        {
            var shipped = SandboxFramework.In(SandboxProcess.ProgramFolder).Select(f => f.Version.ToString()).DefaultIfEmpty("none");
            ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException($"The module has no ASP.NET Core for .NET {Environment.Version.Major}, which this PowerShell runs on, in {SandboxFramework.FolderIn(SandboxProcess.ProgramFolder)} (it has: {string.Join(", ", shipped)}). {reinstall}"),
                "SandboxFrameworkNotFound", ErrorCategory.ObjectNotFound, SandboxFramework.FolderIn(SandboxProcess.ProgramFolder)));
        }

        if (!SandboxNativeLibrary.IsPresent(program))
        {
            var shipped = SandboxNativeLibrary.PlatformsIn(SandboxProcess.ProgramFolder).DefaultIfEmpty("none");
            var folder = Path.Combine(SandboxProcess.ProgramFolder, "runtimes");
            ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException(
                    $"The module has no SQLite native library ({SandboxNativeLibrary.Name}) for this platform, {SandboxNativeLibrary.Platform}, in {folder} (it has: {string.Join(", ", shipped)}); the sandbox keeps its data with SQLite. " +
                    $"{reinstall} On a platform PowerShell is not released for, run the sandbox from source with a .NET SDK: dotnet run --project src/ImageStreamPS.Sandbox -- --help."),
                "SandboxNativeLibraryNotFound", ErrorCategory.ObjectNotFound, folder));
        }

        var host = ChildPwsh.Find();
        if (host is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException(
                    $"The sandbox runs in a child pwsh on this PowerShell's .NET runtime, but there is no pwsh in {ChildPwsh.PowerShellHome}: this PowerShell is hosted by {Environment.ProcessPath}. " +
                    "Run Start-OpenShiftSandbox from pwsh (PowerShell 7.4 or later, https://aka.ms/powershell), or run the sandbox program with a .NET SDK: dotnet " +
                    $"{program} --help."),
                "SandboxHostNotFound", ErrorCategory.ObjectNotFound, ChildPwsh.PowerShellHome));
        }

        // The module's copy is checked above on every machine (a damaged module says so wherever it runs);
        // an installed ASP.NET Core of this runtime's version, precompiled for this platform, starts faster.
        return (host, SandboxFramework.Prefer(framework));
    }

    private static ErrorRecord StartFailure(SandboxStartException exception, string dataPath)
    {
        var output = string.IsNullOrWhiteSpace(exception.Output) ? "" : $"{Environment.NewLine}{exception.Output}";
        return exception.ExitCode switch
        {
            SandboxStartException.DataDirectoryNotWritable => new ErrorRecord(
                new UnauthorizedAccessException($"The data folder {dataPath} is not writable, so the sandbox cannot keep its data there. Choose another -DataPath, or make the folder writable.{output}", exception),
                "SandboxDataPathNotWritable", ErrorCategory.PermissionDenied, dataPath),
            SandboxStartException.DataDirectoryInUse => new ErrorRecord(
                new InvalidOperationException($"Another sandbox is already running with data in {dataPath}. Use it (Connect-OpenShift -Sandbox -DataPath '{dataPath.Replace("'", "''", StringComparison.Ordinal)}'), or stop it with Stop-OpenShiftSandbox.{output}", exception),
                "SandboxAlreadyRunning", ErrorCategory.ResourceExists, dataPath),
            _ => new ErrorRecord(
                new InvalidOperationException(output.Length == 0 ? exception.Message : $"{exception.Message} Its last output:{output}", exception),
                exception.TimedOut ? "SandboxStartTimeout" : "SandboxStartFailed",
                exception.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.OpenError,
                dataPath),
        };
    }

    private List<string> Arguments(string dataPath)
    {
        var arguments = new List<string>
        {
            "--data", dataPath, "--port", Port.ToString(CultureInfo.InvariantCulture), "--running-list", SandboxLocations.RunningList, "--exit-with-parent",
        };
        if (Seed is not null)
        {
            arguments.AddRange(["--seed", Seed]);
        }

        foreach (DictionaryEntry mirror in RegistryMirror ?? [])
        {
            arguments.AddRange(["--mirror", $"{mirror.Key}={mirror.Value}"]);
        }

        if (PodStartDelay > TimeSpan.Zero)
        {
            arguments.AddRange(["--pod-start-delay", ((long)PodStartDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }
}
