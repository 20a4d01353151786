using System.Management.Automation;
using ImageStreamPS.OpenShift.Durations;
using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.Model;

/// <summary>One ReplicaSet of an app's rollout: a row of <c>oc get rs</c>, with its revision and image.</summary>
public sealed class AppReplicaSet
{
    internal AppReplicaSet(RolloutReplicaSet row, Rollout rollout)
    {
        Name = row.Name;
        App = rollout.Name;
        Revision = row.Revision;
        Desired = row.Desired;
        Current = row.Current;
        Ready = row.Ready;
        Available = row.Available;
        Image = row.Image;
        Digest = ImageDigest.Of(row.Image);
        ImageTags = RolloutRuns.TagsOf(Digest, rollout).ToArray();
        Runs = RolloutRuns.NameOf(row.Image, rollout);
        Created = row.Created?.ToLocalTime();
    }

    /// <summary>The ReplicaSet's name (<c>app-citas-757777cfd8</c>).</summary>
    public string Name { get; }

    /// <summary>The Deployment that owns it.</summary>
    public string App { get; }

    /// <summary>Its revision (<c>deployment.kubernetes.io/revision</c>).</summary>
    public long Revision { get; }

    /// <summary>Desired pods (DESIRED).</summary>
    public int Desired { get; }

    /// <summary>Pods it has (CURRENT).</summary>
    public int Current { get; }

    /// <summary>Pods that are ready (READY).</summary>
    public int Ready { get; }

    /// <summary>Pods that are available.</summary>
    public int Available { get; }

    /// <summary>The image its pods run.</summary>
    public string? Image { get; }

    /// <summary>The digest its pods run (<c>sha256:…</c>), when the image is by digest.</summary>
    public string? Digest { get; }

    /// <summary>The image-stream tags that point at <see cref="Digest"/> now, version tags first.</summary>
    public string[] ImageTags { get; }

    /// <summary>What it runs, as the RUNS column shows it: those tags (a short digest when no tag points there).</summary>
    public string Runs { get; }

    /// <summary>When it was created (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>How long ago it was created: a TimeSpan (it sorts as a duration) that reads as the AGE column of <c>oc get rs</c> (<c>4m13s</c>).</summary>
    public PSObject? Age => AgeValue.Since(Created);

    /// <summary>The AGE column of <c>oc get rs</c> (<c>4m13s</c>).</summary>
    [Hidden]
    public string AgeText => ShortHumanDuration.Since(Created);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
