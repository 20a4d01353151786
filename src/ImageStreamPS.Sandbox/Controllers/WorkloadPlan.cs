using k8s;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>What one write of a controller sync does.</summary>
internal enum WriteVerb
{
    Create,
    Update,
    UpdateStatus,
    Delete,
}

/// <summary>One write a controller wants, on an object of <see cref="Resource"/> (plural name).</summary>
internal sealed record PlannedWrite(WriteVerb Verb, string Resource, IKubernetesObject<V1ObjectMeta> Object);

/// <summary>A v1 Event to record about <see cref="Regarding"/>.</summary>
internal sealed record PlannedEvent(IKubernetesObject<V1ObjectMeta> Regarding, string Type, string Reason, string Message);

/// <summary>
/// The outcome of one level-driven sync: writes applied in order (the first failure aborts the
/// rest and the key is retried), events, and when to look again even without a watch event.
/// </summary>
internal sealed class WorkloadPlan
{
    public List<PlannedWrite> Writes { get; } = [];
    public List<PlannedEvent> Events { get; } = [];
    public TimeSpan? RequeueAfter { get; set; }

    public void Add(WriteVerb verb, string resource, IKubernetesObject<V1ObjectMeta> obj) => Writes.Add(new(verb, resource, obj));

    public void Event(IKubernetesObject<V1ObjectMeta> regarding, string reason, string message, string type = "Normal") =>
        Events.Add(new(regarding, type, reason, message));

    public void RequeueNoLaterThan(TimeSpan after)
    {
        if (after < TimeSpan.Zero) after = TimeSpan.Zero;
        if (RequeueAfter is null || after < RequeueAfter) RequeueAfter = after;
    }
}
