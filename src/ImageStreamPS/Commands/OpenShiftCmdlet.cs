using System.Management.Automation;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>
/// The base of every cmdlet that talks to a cluster: adds <c>-Session</c> and <c>-Namespace</c> and
/// resolves them (the runspace's default session; the session's namespace), on top of
/// <see cref="PipelineCmdlet"/> (async work, Ctrl+C, error mapping, verbose request lines).
/// </summary>
/// <remarks>
/// Derived cmdlets read <see cref="CurrentSession"/>, <see cref="CurrentNamespace"/> and
/// <see cref="Connection"/> from their async methods; all three are safe off the pipeline thread.
/// </remarks>
public abstract class OpenShiftCmdlet : PipelineCmdlet
{
    private OpenShiftSession? runspaceDefault;

    /// <summary>
    /// The cluster session to use (from Connect-OpenShift). Defaults to the runspace's default session.
    /// Objects this module writes carry their Session, so piping them routes to the same cluster.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public OpenShiftSession? Session { get; set; }

    /// <summary>The namespace (project) to work in. Defaults to the session's namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Project", "ns")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The session this record works with: -Session, else the runspace default; terminates when there is none.</summary>
    protected OpenShiftSession CurrentSession
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

    /// <summary>-Namespace, else the session's namespace.</summary>
    protected string CurrentNamespace => string.IsNullOrEmpty(Namespace) ? CurrentSession.Namespace : Namespace;

    /// <summary>The engine connection of <see cref="CurrentSession"/>, for the engine's API clients.</summary>
    protected OpenShiftConnection Connection => CurrentSession.Connection;

    // Read on the pipeline thread at every phase (the worker has no runspace); a session connected
    // earlier in the same pipeline is the default by the time records arrive.
    private protected override void OnPhaseStarting() => runspaceDefault = RunspaceSessions.Current.Default;
}
