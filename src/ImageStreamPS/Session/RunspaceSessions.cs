using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ImageStreamPS.Session;

/// <summary>
/// The sessions connected in one runspace and which one is its default. Kept per runspace, never
/// per process, so parallel runbooks in one process cannot switch each other's cluster.
/// </summary>
internal sealed class RunspaceSessions
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceSessions> ByRunspace = new();
    private readonly object gate = new();
    private readonly List<OpenShiftSession> sessions = [];
    private OpenShiftSession? defaultSession;

    /// <summary>The sessions of the runspace running on this thread (an empty set off the pipeline thread).</summary>
    public static RunspaceSessions Current => Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, _ => new()) : new();

    public OpenShiftSession? Default
    {
        get { lock (gate) { return defaultSession; } }
    }

    public IReadOnlyList<OpenShiftSession> All
    {
        get { lock (gate) { return sessions.ToList(); } }
    }

    public void Add(OpenShiftSession session, bool makeDefault)
    {
        lock (gate)
        {
            if (!sessions.Contains(session))
            {
                sessions.Add(session);
            }

            if (makeDefault)
            {
                defaultSession = session;
            }
        }
    }

    public void Remove(OpenShiftSession session)
    {
        lock (gate)
        {
            sessions.Remove(session);
            if (defaultSession == session)
            {
                defaultSession = null;
            }
        }
    }
}
