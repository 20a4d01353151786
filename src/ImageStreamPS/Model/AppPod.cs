using System.Management.Automation;
using ImageStreamPS.OpenShift.Durations;
using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.Model;

/// <summary>One Pod of an app's rollout: a row of <c>oc get pod</c>, with the ReplicaSet that owns it and its image.</summary>
public sealed class AppPod
{
    internal AppPod(RolloutPod row, Rollout rollout)
    {
        Name = row.Name;
        ReplicaSet = row.ReplicaSet;
        Phase = row.Phase;
        Status = row.Status;
        Ready = row.Ready;
        Restarts = row.Restarts;
        Image = row.Image;
        ImageId = row.ImageId;
        Digest = row.Digest;
        IsReady = row.IsReady;
        ImageTags = RolloutRuns.TagsOf(row.Digest, rollout).ToArray();
        Runs = RolloutRuns.NameOf(row, rollout);
        Message = row.Message;
        Created = row.Created?.ToLocalTime();
    }

    /// <summary>The Pod's name (<c>app-citas-757777cfd8-7mklv</c>).</summary>
    public string Name { get; }

    /// <summary>The ReplicaSet that owns it.</summary>
    public string? ReplicaSet { get; }

    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string Phase { get; }

    /// <summary>The STATUS column of <c>oc get pod</c>: <c>Running</c>, <c>ImagePullBackOff</c>, <c>Terminating</c>…</summary>
    public string Status { get; }

    /// <summary>Ready containers over containers (<c>1/1</c>).</summary>
    public string Ready { get; }

    /// <summary>Container restarts.</summary>
    public int Restarts { get; }

    /// <summary>The image of its first container.</summary>
    public string? Image { get; }

    /// <summary>The image the runtime reports it pulled (<c>imageID</c>), when known.</summary>
    public string? ImageId { get; }

    /// <summary>The digest it runs (<c>sha256:…</c>): its image's, else the one the runtime reports.</summary>
    public string? Digest { get; }

    /// <summary>Every container is ready and the pod is not terminating: it serves.</summary>
    public bool IsReady { get; }

    /// <summary>The image-stream tags that point at <see cref="Digest"/> now, version tags first.</summary>
    public string[] ImageTags { get; }

    /// <summary>What it runs, as the RUNS column shows it: those tags (a short digest when no tag points there).</summary>
    public string Runs { get; }

    /// <summary>Why a container waits or ended, when the runtime says (e.g. the pull error).</summary>
    public string? Message { get; }

    /// <summary>When it was created (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>How long ago it was created: a TimeSpan (it sorts as a duration) that reads as the AGE column of <c>oc get pod</c> (<c>4m13s</c>).</summary>
    public PSObject? Age => AgeValue.Since(Created);

    /// <summary>The AGE column of <c>oc get pod</c> (<c>4m13s</c>).</summary>
    [Hidden]
    public string AgeText => ShortHumanDuration.Since(Created);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
