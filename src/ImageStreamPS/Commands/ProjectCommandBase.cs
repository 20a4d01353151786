using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Projects;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>
/// What the project cmdlets share: <c>-Session</c> (projects are cluster-wide, so there is no
/// <c>-Namespace</c>), the engine's project client and the output objects.
/// </summary>
public abstract class ProjectCommandBase : PipelineCmdlet
{
    private OpenShiftSession? runspaceDefault;

    /// <summary>
    /// The cluster session to use (from Connect-OpenShift). Defaults to the runspace's default session.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public OpenShiftSession? Session { get; set; }

    /// <summary>The session this record works with: -Session, else the runspace default; terminates when there is none.</summary>
    private protected OpenShiftSession CurrentSession
    {
        get
        {
            var session = Session ?? runspaceDefault;
            if (session is null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("There is no OpenShift session in this runspace: run Connect-OpenShift (or Start-OpenShiftSandbox -Connect), or pass -Session."),
                    "NoOpenShiftSession", ErrorCategory.ConnectionError, null));
            }

            if (!session.IsConnected)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"Session {session.Id} to {session.Server} was disconnected; run Connect-OpenShift again."),
                    "OpenShiftSessionDisconnected", ErrorCategory.ConnectionError, session));
            }

            return session;
        }
    }

    /// <summary>The project client of <see cref="CurrentSession"/>.</summary>
    private protected ProjectClient Projects => new(CurrentSession.Connection);

    /// <summary>The output object for a project read from <see cref="CurrentSession"/>.</summary>
    private protected OpenShiftProject ToOutput(ProjectView view) => new(view, CurrentSession);

    /// <summary>The projects the user has, for an error's recommended action; null when they cannot be listed.</summary>
    private protected Task<IReadOnlyList<ProjectView>?> TryListAsync(CancellationToken cancellationToken) =>
        ProjectErrors.TryListAsync(Projects, cancellationToken);

    // Read on the pipeline thread at every phase (the worker has no runspace).
    private protected override void OnPhaseStarting() => runspaceDefault = RunspaceSessions.Current.Default;
}
