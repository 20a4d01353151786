using ImageStreamPS.OpenShift.Durations;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>One revision of an app's rollout: a row of <c>oc rollout history</c>, with the image it ran and its ReplicaSet.</summary>
public sealed class AppRolloutRevision
{
    internal AppRolloutRevision(RolloutRevision revision, string @namespace, OpenShiftSession? session)
    {
        App = revision.Rollout;
        Namespace = @namespace;
        Revision = revision.Revision;
        ChangeCause = revision.ChangeCause;
        Image = revision.Image;
        Digest = revision.Digest;
        ImageTags = revision.ImageTags.ToArray();
        Runs = revision.Runs;
        ReplicaSet = revision.ReplicaSet;
        Desired = revision.Desired;
        Ready = revision.Ready;
        IsCurrent = revision.IsCurrent;
        EarlierRevisions = revision.EarlierRevisions.ToArray();
        Created = revision.Created?.ToLocalTime();
        Session = session;
    }

    /// <summary>The Deployment (or DeploymentConfig) the revision belongs to.</summary>
    public string App { get; }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>The revision number (<c>deployment.kubernetes.io/revision</c> of its ReplicaSet).</summary>
    public long Revision { get; }

    /// <summary>The <c>kubernetes.io/change-cause</c> annotation, or null (<c>&lt;none&gt;</c>).</summary>
    public string? ChangeCause { get; }

    /// <summary>The image the revision's pods run.</summary>
    public string? Image { get; }

    /// <summary>The digest the revision's pods run (<c>sha256:…</c>).</summary>
    public string? Digest { get; }

    /// <summary>The tags of the triggering image streams that point at that digest now (<c>citas:v1</c>).</summary>
    public string[] ImageTags { get; }

    /// <summary>The ReplicaSet holding the revision's pod template.</summary>
    public string ReplicaSet { get; }

    /// <summary>The pods the ReplicaSet wants now (0 for an old revision).</summary>
    public int Desired { get; }

    /// <summary>Its pods that are ready.</summary>
    public int Ready { get; }

    /// <summary>True for the revision the Deployment runs now.</summary>
    public bool IsCurrent { get; }

    /// <summary>Revisions the same pod template had before a rollback brought it back.</summary>
    public long[] EarlierRevisions { get; }

    /// <summary>When its ReplicaSet was created (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>How long ago its ReplicaSet was created: a TimeSpan (it sorts as a duration) that reads as an AGE column (<c>4m13s</c>).</summary>
    public System.Management.Automation.PSObject? Age => AgeValue.Since(Created);

    /// <summary>The AGE column (<c>4m13s</c>).</summary>
    [System.Management.Automation.Hidden]
    public string AgeText => ShortHumanDuration.Since(Created);

    /// <summary>The CHANGE-CAUSE column: the change cause, or <c>&lt;none&gt;</c>.</summary>
    [System.Management.Automation.Hidden]
    public string ChangeCauseText => string.IsNullOrEmpty(ChangeCause) ? "<none>" : ChangeCause;

    /// <summary>What the revision ran, as the rollout's RUNS column words it: its version tag (<c>citas:v1</c>), else a short digest.</summary>
    [System.Management.Automation.Hidden]
    public string Runs { get; }

    /// <summary>The cluster session it was read from.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary><c>app-citas revision 2</c>.</summary>
    public override string ToString() => $"{App} revision {Revision}";
}
