using System.Management.Automation;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Closes a cluster session.</summary>
/// <remarks>
/// Disconnect-OpenShift closes the session's connections and forgets it in the current runspace;
/// when it was the default, the runspace has no default session afterwards. Without -Session it
/// disconnects the default session. Cmdlets given a disconnected session fail with
/// OpenShiftSessionDisconnected. Nothing is written to the kubeconfig and no token is revoked.
/// </remarks>
/// <example>
/// <code>PS> Disconnect-OpenShift</code>
/// <para>Closes the runspace's default session.</para>
/// </example>
/// <example>
/// <code>PS> Get-OpenShiftSession | Disconnect-OpenShift</code>
/// <para>At the end of a runbook: closes every session the runspace opened.</para>
/// </example>
[Cmdlet(VerbsCommunications.Disconnect, "OpenShift")]
[OutputType(typeof(void))]
public sealed class DisconnectOpenShiftCommand : PipelineCmdlet
{
    /// <summary>The session to close. Defaults to the runspace's default session.</summary>
    [Parameter(ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public OpenShiftSession? Session { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        OnPipeline(() =>
        {
            var sessions = RunspaceSessions.Current;
            var session = Session ?? sessions.Default;
            if (session is null)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException("There is no default OpenShift session in this runspace to disconnect."),
                    "NoOpenShiftSession", ErrorCategory.ObjectNotFound, null));
                return;
            }

            sessions.Remove(session);
            session.Disconnect();
            WriteOutcome($"Disconnected from \"{session.Server.ToString().TrimEnd('/')}\" (session {session.Id}).");
        });
        return Task.CompletedTask;
    }
}
