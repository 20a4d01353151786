namespace ImageStreamPS.OpenShift.Apps;

/// <summary>One revision of a rollout: a row of <c>oc rollout history</c>, with the image it ran.</summary>
/// <param name="ReplicaSet">The ReplicaSet (ReplicationController) that holds the revision's pod template.</param>
/// <param name="ChangeCause">The CHANGE-CAUSE column; null shows as <c>&lt;none&gt;</c>.</param>
/// <param name="IsCurrent">The rollout's current revision (the Deployment's own revision annotation).</param>
/// <param name="EarlierRevisions">Revisions this template had before a rollback brought it back.</param>
public sealed record RolloutRevision(
    string Rollout, long Revision, string ReplicaSet, string? ChangeCause, string? Image, DateTime? Created,
    int Desired, int Ready, bool IsCurrent, IReadOnlyList<long> EarlierRevisions)
{
    /// <summary>The digest the revision runs (<c>sha256:…</c>), when its image is by digest.</summary>
    public string? Digest => ImageDigest.Of(Image);

    /// <summary>The tags of the triggering image streams that point at that digest now (<c>citas:v1</c>).</summary>
    public IReadOnlyList<string> ImageTags { get; init; } = [];

    /// <summary>What it ran as a RUNS column says it (<see cref="RolloutRuns.NameOf(string?, Rollout)"/>): <c>citas:v1</c>, else a short digest.</summary>
    public string Runs { get; init; } = "";
}

/// <summary>
/// <c>oc rollout history</c> for a Deployment (kubectl <c>DeploymentHistoryViewer.ViewHistory</c>): one
/// revision per ReplicaSet the Deployment controls, keyed by its <c>deployment.kubernetes.io/revision</c>
/// (a ReplicaSet without a revision is left out), oldest first, with the change cause of its annotation.
/// A revision that was rolled back to lives on under its new number, as in kubectl.
/// </summary>
public static class RolloutHistory
{
    public static IReadOnlyList<RolloutRevision> Of(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var byRevision = new SortedDictionary<long, RolloutReplicaSet>();
        foreach (var rs in rollout.ReplicaSets.Where(rs => rs.Revision > 0))
        {
            // kubectl keeps the last ReplicaSet it sees for a revision; two never share one unless edited by hand.
            byRevision[rs.Revision] = rs;
        }
        return byRevision.Values
            .Select(rs => new RolloutRevision(rollout.Name, rs.Revision, rs.Name, rs.ChangeCause, rs.Image, rs.Created,
                rs.Desired, rs.Ready, rs.Revision == rollout.Revision, rs.EarlierRevisions))
            .ToList();
    }
}
