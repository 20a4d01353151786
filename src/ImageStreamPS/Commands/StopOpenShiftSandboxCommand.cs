using System.Management.Automation;
using ImageStreamPS.OpenShift.LocalSandbox;
using ImageStreamPS.Sandbox;

namespace ImageStreamPS.Commands;

/// <summary>Stops a running local sandbox.</summary>
/// <remarks>
/// Stop-OpenShiftSandbox asks the sandbox to shut down cleanly (it closes its storage and deletes its
/// sandbox.json) and waits up to -Timeout; a sandbox that does not exit by then is killed. Its data
/// folder stays, so the next Start-OpenShiftSandbox with the same -DataPath serves the same objects.
/// Name the sandbox to stop (from Start-OpenShiftSandbox or Get-OpenShiftSandbox, by parameter or
/// through the pipeline); an empty pipeline stops nothing and $null is an error. -All stops every
/// sandbox Get-OpenShiftSandbox lists.
/// <para>A sandbox this PowerShell process did not start (its StartedHere is false: another shell, a
/// script or the program run by hand started it, and may be using it) is stopped only after you
/// confirm, as Stop-Process asks before stopping another user's process; -Force stops it without
/// asking. Where no one can answer (pwsh -NonInteractive) such a sandbox is not stopped: the error
/// SandboxStartedElsewhere says to add -Force.</para>
/// </remarks>
/// <example>
/// <code>PS> $sandbox = Start-OpenShiftSandbox -Seed Tutorial
/// PS> Stop-OpenShiftSandbox $sandbox</code>
/// <para>Stops the sandbox that Start-OpenShiftSandbox started.</para>
/// </example>
/// <example>
/// <code>PS> Get-OpenShiftSandbox | Where-Object DataPath -like '/tmp/*' | Stop-OpenShiftSandbox</code>
/// <para>In a test script: stops only the throw-away sandboxes running from temporary folders.</para>
/// </example>
/// <example>
/// <code>PS> Stop-OpenShiftSandbox -All</code>
/// <para>Stops every running sandbox: those this shell started at once, each one another shell started after you confirm.</para>
/// </example>
/// <example>
/// <code>PS> Stop-OpenShiftSandbox -All -Force</code>
/// <para>In a clean-up script: stops every running sandbox, whichever shell started it, without asking.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Stop, "OpenShiftSandbox", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(void))]
public sealed class StopOpenShiftSandboxCommand : PipelineCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string AllSet = "All";

    /// <summary>The sandbox to stop (from Start-OpenShiftSandbox or Get-OpenShiftSandbox).</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public OpenShiftSandbox[] InputObject { get; set; } = [];

    /// <summary>Stops every running sandbox (those Get-OpenShiftSandbox lists).</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>Stops a sandbox another shell started without asking first.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long to wait for a clean shutdown before killing the process (default: 10 seconds).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName != InputObjectSet)
        {
            return;
        }

        foreach (var sandbox in InputObject)
        {
            await StopAsync(sandbox, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (ParameterSetName != AllSet)
        {
            return;
        }

        foreach (var sandbox in RunningSandboxes.Find())
        {
            await StopAsync(sandbox, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool yesToAll;
    private bool noToAll;

    // Asks, as Stop-Process does for another user's process; where no one can answer, says to use -Force.
    private bool ConfirmStartedElsewhere(OpenShiftSandbox sandbox)
    {
        var server = sandbox.Server.ToString().TrimEnd('/');
        var query = $"The sandbox at {server} (process {sandbox.ProcessId}, data {sandbox.DataPath}) was not started by this shell; another shell or script may be using it. Stop it anyway?";
        Exception? cannotAsk = null;
        var answer = OnPipeline(() =>
        {
            try
            {
                return base.ShouldContinue(query, "Stop a sandbox another shell started", ref yesToAll, ref noToAll);
            }
            catch (Exception exception) when (exception is PSInvalidOperationException or System.Management.Automation.Host.HostException)
            {
                cannotAsk = exception;
                return false;
            }
        });
        if (cannotAsk is not null)
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException($"The sandbox at {server} (process {sandbox.ProcessId}) was not started by this shell and no one can confirm stopping it here. Add -Force to stop it anyway.", cannotAsk),
                "SandboxStartedElsewhere", ErrorCategory.PermissionDenied, sandbox));
        }
        return answer;
    }

    private async Task StopAsync(OpenShiftSandbox sandbox, CancellationToken cancellationToken)
    {
        if (!ShouldProcess($"{sandbox.Server.ToString().TrimEnd('/')} (process {sandbox.ProcessId}, data {sandbox.DataPath})", "Stop the OpenShift sandbox"))
        {
            return;
        }

        if (!sandbox.StartedHere && !Force && !ConfirmStartedElsewhere(sandbox))
        {
            return;
        }

        var graceful = await SandboxProcess.StopAsync(sandbox.ProcessId, Timeout, cancellationToken).ConfigureAwait(false);
        if (!graceful)
        {
            WriteWarning($"The sandbox (process {sandbox.ProcessId}) did not stop within {Timeout.TotalSeconds:0.#} seconds and was killed.");
            // Killed, it could not delete its description or list entry.
            File.Delete(SandboxLocations.DescriptionIn(sandbox.DataPath));
            RunningSandboxList.Remove(SandboxLocations.RunningList, sandbox.ProcessId);
        }

        if (sandbox.Session is { } session)
        {
            OnPipeline(() => Session.RunspaceSessions.Current.Remove(session));
            session.Disconnect();
        }
        WriteOutcome($"Stopped the sandbox at {sandbox.Server.ToString().TrimEnd('/')} (process {sandbox.ProcessId}).");
    }
}
