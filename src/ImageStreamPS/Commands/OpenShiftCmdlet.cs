using System.Management.Automation;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>
/// The base of every cmdlet that talks to a cluster: adds <c>-Session</c> and <c>-Namespace</c> and
/// resolves them, on top of <see cref="PipelineCmdlet"/> (async work, Ctrl+C, error mapping, verbose
/// request lines). An object this module wrote (piped, or given to -InputObject) is acted on in its own
/// session and namespace; a -Session on the command line that names another session is refused for
/// that object (SessionMismatch) before any request. Otherwise: -Session, else the runspace's default.
/// </summary>
/// <remarks>
/// Derived cmdlets read <see cref="CurrentSession"/>, <see cref="CurrentNamespace"/> and
/// <see cref="Connection"/> from their async methods; all three are safe off the pipeline thread.
/// </remarks>
public abstract class OpenShiftCmdlet : PipelineCmdlet
{
    private OpenShiftSession? runspaceDefault;
    private bool commandLineRead;
    private OpenShiftSession? commandLineSession;
    private string? commandLineNamespace;
    private OpenShiftSession? inputSession;
    private string? inputNamespace;
    private bool inputFromElsewhere;

    /// <summary>
    /// The cluster session to use (from Connect-OpenShift). Defaults to the runspace's default session.
    /// Objects this module writes carry their Session and are always acted on there: piped or given to
    /// -InputObject, they route to the cluster they came from, and a -Session naming another one is an error.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public OpenShiftSession? Session { get; set; }

    /// <summary>The namespace (project) to work in. Defaults to the session's namespace (a piped object's: its own).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Project", "ns")]
    [ValidateNotNullOrEmpty]
    [ValidateNamespace]
    [ArgumentCompleter(typeof(Completers.NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Where a piped object came from (its hidden Origin property): its Session and Namespace are the ones used for it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public ObjectOrigin? Origin { get; set; }

    /// <summary>The session this record works with: the input object's, else -Session, else the runspace default; terminates when there is none.</summary>
    protected OpenShiftSession CurrentSession
    {
        get
        {
            var session = inputSession ?? Session ?? runspaceDefault;
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

    /// <summary>-Namespace, else the input object's namespace, else the session's namespace.</summary>
    protected string CurrentNamespace =>
        commandLineNamespace ?? inputNamespace ?? (inputFromElsewhere || string.IsNullOrEmpty(Namespace) ? CurrentSession.Namespace : Namespace);

    /// <summary>The engine connection of <see cref="CurrentSession"/>, for the engine's API clients.</summary>
    protected OpenShiftConnection Connection => CurrentSession.Connection;

    /// <summary>
    /// Whether an explicit -Namespace that differs from a piped object's namespace is an error. True for
    /// cmdlets that act on the object itself; false where -Namespace says where something else goes
    /// (Set-ImageTag: the destination tags).
    /// </summary>
    private protected virtual bool NamespaceFollowsInput => true;

    /// <summary>
    /// Whether an explicit -Session that differs from a piped object's session is an error. True for cmdlets
    /// that act on the object itself; false where the piped object is a source and -Session says where the
    /// result goes (Set-ImageTag: a tag of one cluster promoted to another).
    /// </summary>
    private protected virtual bool SessionFollowsInput => true;

    /// <summary>
    /// Acts, from now on in this record, on <paramref name="target"/> (an object given to -InputObject) in
    /// its own <paramref name="session"/> and <paramref name="namespace"/>. Writes SessionMismatch and returns
    /// false when -Session on the command line names another session.
    /// </summary>
    protected bool TryActOn(OpenShiftSession? session, string? @namespace, object target)
    {
        if (Refusal(session, @namespace, target) is { } refused)
        {
            WriteError(refused);
            return false;
        }

        inputSession = ActsIn(session) ?? inputSession;
        inputNamespace = string.IsNullOrEmpty(@namespace) ? inputNamespace : @namespace;
        return true;
    }

    // Read on the pipeline thread at every phase (the worker has no runspace); a session connected
    // earlier in the same pipeline is the default by the time records arrive. Before the first phase
    // only the command line is bound: what it said is kept apart from what pipeline objects bind.
    private protected override void OnPhaseStarting()
    {
        runspaceDefault = RunspaceSessions.Current.Default;
        if (commandLineRead) return;
        commandLineRead = true;
        var bound = MyInvocation.BoundParameters;
        commandLineSession = bound.ContainsKey(nameof(Session)) ? Session : null;
        commandLineNamespace = bound.ContainsKey(nameof(Namespace)) ? Namespace : null;
    }

    private protected override ErrorRecord? BeforeRecord()
    {
        inputSession = null;
        inputNamespace = null;
        inputFromElsewhere = false;
        if (Origin is not { Session: { } owner } origin) return null;
        var ns = origin.Namespace;
        if (Refusal(owner, ns, PipedName()) is { } refused) return refused;
        inputSession = ActsIn(owner);
        // A source from another cluster says nothing about where to write on this one.
        // (-Namespace bound from the piped object's property is the source's too.)
        inputFromElsewhere = inputSession is null && !ReferenceEquals(owner, commandLineSession);
        inputNamespace = inputFromElsewhere || string.IsNullOrEmpty(ns) ? null : ns;
        return null;
    }

    // The session a piped object's owner makes this record act in: its own, unless it is only a source and -Session names another.
    private OpenShiftSession? ActsIn(OpenShiftSession? owner) => SessionFollowsInput || commandLineSession is null ? owner : null;

    // What the refused record is about: the name it bound, as the user would recognise it.
    private object PipedName() => MyInvocation.BoundParameters.TryGetValue("InputObject", out var input) && input is not null
        ? (input is object[] { Length: 1 } one ? one[0] : input)
        : MyInvocation.BoundParameters.TryGetValue("Name", out var name) && name is not null ? (name is string[] { Length: 1 } single ? single[0] : name) : Origin!;

    private ErrorRecord? Refusal(OpenShiftSession? owner, string? @namespace, object target)
    {
        string? message = null;
        string? id = null;
        if (SessionFollowsInput && owner is not null && commandLineSession is not null && !ReferenceEquals(owner, commandLineSession))
        {
            id = "SessionMismatch";
            message = $"\"{target}\" came from session {owner.Id} ({owner}), but -Session is session {commandLineSession.Id} ({commandLineSession}). " +
                "An object is acted on in the session it came from: leave out -Session, or read the object again with -Session.";
        }
        else if (NamespaceFollowsInput && !string.IsNullOrEmpty(@namespace) && commandLineNamespace is not null && commandLineNamespace != @namespace)
        {
            id = "NamespaceMismatch";
            message = $"\"{target}\" is in namespace {@namespace}, but -Namespace is {commandLineNamespace}. " +
                "An object is acted on in its own namespace: leave out -Namespace, or name the object instead of piping it.";
        }

        return message is null ? null : new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target)
        {
            ErrorDetails = new ErrorDetails(message),
        };
    }
}
