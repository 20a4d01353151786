using System.Management.Automation;
using ImageStreamPS.Sandbox;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Gets the running local sandboxes.</summary>
/// <remarks>
/// Get-OpenShiftSandbox returns the user's running sandboxes, whichever shell started them and
/// wherever their data lives: Start-OpenShiftSandbox lists each one in an owner-only folder
/// (&lt;LocalApplicationData&gt;/ImageStreamPS/running) while it runs, and an entry whose process is
/// gone is pruned here. The sandbox in the default data folder and those this PowerShell process
/// started are included too. With -DataPath it returns only the sandboxes running with data in those
/// folders (read from the sandbox.json a running sandbox keeps there).
/// <para>StartedHere says which ones this PowerShell process started: Stop-OpenShiftSandbox stops those
/// at once, and asks before stopping one started elsewhere (another shell may be using it) unless
/// -Force. Session is this runspace's session connected to the sandbox, if any.</para>
/// </remarks>
/// <example>
/// <code>PS> Get-OpenShiftSandbox</code>
/// <para>Shows the running sandboxes: process id, API server, whether this shell started it, registry and data folder.</para>
/// </example>
/// <example>
/// <code>PS> $sandbox = Get-OpenShiftSandbox | Select-Object -First 1
/// PS> if (-not $sandbox) { $sandbox = Start-OpenShiftSandbox -Seed Tutorial }
/// PS> $sandbox | Connect-OpenShift</code>
/// <para>In a script: starts the sandbox only when none is running, then connects to the running one.</para>
/// </example>
/// <example>
/// <code>PS> Get-OpenShiftSandbox | Where-Object StartedHere | Stop-OpenShiftSandbox</code>
/// <para>Stops the sandboxes this shell started, leaving those other shells use.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenShiftSandbox")]
[OutputType(typeof(OpenShiftSandbox))]
public sealed class GetOpenShiftSandboxCommand : PipelineCmdlet
{
    /// <summary>The data folders to look in, instead of the list of running sandboxes.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? DataPath { get; set; }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var sandboxes = DataPath is null ? RunningSandboxes.Find() : RunningSandboxes.In(DataPath.Select(ResolvePath));
        var (defaultSession, sessions) = OnPipeline(() => (RunspaceSessions.Current.Default, RunspaceSessions.Current.All));
        foreach (var sandbox in sandboxes)
        {
            // The session this runspace works with on it: the default one if it is this sandbox's, else any.
            sandbox.Session = new[] { defaultSession }.Concat(sessions)
                .FirstOrDefault(s => s is { IsConnected: true } && s.Server == sandbox.Server);
        }
        WriteObject(sandboxes, enumerateCollection: true);
        return Task.CompletedTask;
    }
}
