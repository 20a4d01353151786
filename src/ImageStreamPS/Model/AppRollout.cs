using System.Management.Automation;
using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>Where a rollout stands, as <c>kubectl rollout status</c> computes it.</summary>
public enum AppRolloutStatus
{
    /// <summary>Replicas are still being updated, replaced or made available.</summary>
    Progressing,

    /// <summary>Every replica runs the current template and is available; no old replica is left.</summary>
    Complete,

    /// <summary>The rollout stopped making progress (ProgressDeadlineExceeded) or was cancelled.</summary>
    Failed,

    /// <summary>The workload is paused.</summary>
    Paused,
}

/// <summary>
/// An app's rollout: its Deployment (or DeploymentConfig), the ReplicaSets it rolled out and their
/// Pods, which image-stream tags trigger it and which tag and digest it runs now.
/// </summary>
public sealed class AppRollout : IOpenShiftManifest
{
    internal AppRollout(Rollout rollout, OpenShiftSession? session)
    {
        Name = rollout.Name;
        Namespace = rollout.Namespace;
        Kind = rollout.Kind;
        Ready = $"{rollout.ReadyReplicas}/{rollout.Replicas}";
        Replicas = rollout.Replicas;
        ReadyReplicas = rollout.ReadyReplicas;
        UpdatedReplicas = rollout.UpdatedReplicas;
        AvailableReplicas = rollout.AvailableReplicas;
        Revision = rollout.Revision;
        Image = rollout.Image;
        Digest = rollout.Digest;
        ImageTags = rollout.ImageTags.ToArray();
        Triggers = rollout.Triggers.Where(t => !t.Paused).Select(t => t.DisplayName(rollout.Namespace)).Distinct().ToArray();
        Status = (AppRolloutStatus)(int)rollout.State.Status;
        Message = rollout.State.Message;
        ReplicaSets = rollout.ReplicaSets.Select(rs => new AppReplicaSet(rs, rollout)).ToArray();
        Pods = rollout.Pods.Select(p => new AppPod(p, rollout)).ToArray();
        Runs = RolloutRuns.Column(rollout);
        RunningDigests = RolloutRuns.ReadyImages(rollout).ToArray();
        Created = rollout.Created?.ToLocalTime();
        Labels = new Dictionary<string, string>(rollout.Labels);
        Session = session;
        source = rollout;
    }

    private readonly Rollout source;

    /// <summary>The Deployment's (or DeploymentConfig's) name.</summary>
    public string Name { get; }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary><c>Deployment</c>, or <c>DeploymentConfig</c> on clusters that still have them.</summary>
    public string Kind { get; }

    /// <summary>Ready pods over desired replicas, as the READY column of <c>oc get deploy</c> (<c>1/1</c>).</summary>
    public string Ready { get; }

    /// <summary>Desired replicas.</summary>
    public int Replicas { get; }

    /// <summary>Pods that are ready.</summary>
    public int ReadyReplicas { get; }

    /// <summary>Pods that run the current template (UP-TO-DATE).</summary>
    public int UpdatedReplicas { get; }

    /// <summary>Pods available to serve (AVAILABLE).</summary>
    public int AvailableReplicas { get; }

    /// <summary>The rollout's revision (<c>deployment.kubernetes.io/revision</c>).</summary>
    public long Revision { get; }

    /// <summary>The image the triggered container runs (a by-digest pull spec once a trigger wrote it).</summary>
    public string? Image { get; }

    /// <summary>The image with its digest as a short id (<c>docker.io/josedom24/citas-backend@sha256:24ffc068a860</c>), so a list line stays whole at 80 columns.</summary>
    [System.Management.Automation.Hidden]
    public string ShortImage => Image is null ? "" : ImageDigest.ShortIn(Image);

    /// <summary>The digest the app runs now (<c>sha256:…</c>).</summary>
    public string? Digest { get; }

    /// <summary>The image-stream tags that point at <see cref="Digest"/> now (which tag it runs), e.g. <c>citas:v1</c>.</summary>
    public string[] ImageTags { get; }

    /// <summary>
    /// What it runs, as the RUNS column shows it: the tags pointing at the image its ready pods run
    /// (<c>citas:v1</c>; a short digest when no tag does), then <c>-> target</c> while a rollout to
    /// another image is on its way (<c>citas:v1 -> citas:v2</c>).
    /// </summary>
    public string Runs { get; }

    /// <summary>The digests (<c>sha256:…</c>) its ready pods run now; two while a rollout replaces one with the other.</summary>
    public string[] RunningDigests { get; }

    /// <summary>The image-stream tags whose moves roll it out (<c>citas:prod</c>), from its image triggers.</summary>
    public string[] Triggers { get; }

    /// <summary><c>Progressing</c>, <c>Complete</c>, <c>Failed</c> or <c>Paused</c>, as <c>kubectl rollout status</c> decides.</summary>
    public AppRolloutStatus Status { get; }

    /// <summary>The line <c>kubectl rollout status</c> prints for this state.</summary>
    public string Message { get; }

    /// <summary>The ReplicaSets (ReplicationControllers for a DeploymentConfig), newest revision first.</summary>
    public AppReplicaSet[] ReplicaSets { get; }

    /// <summary>The Pods of those ReplicaSets.</summary>
    public AppPod[] Pods { get; }

    /// <summary>The ReplicaSet of the current revision, or null before the controller made it.</summary>
    public AppReplicaSet? NewReplicaSet => ReplicaSets.FirstOrDefault(rs => rs.Revision == Revision && Revision > 0);

    /// <summary>When the Deployment was created (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>How long ago the Deployment was created: a TimeSpan (it sorts as a duration) that reads as the AGE column of <c>oc get deploy</c> (<c>4m13s</c>).</summary>
    public PSObject? Age => AgeValue.Since(Created);

    /// <summary>The AGE column of <c>oc get deploy</c> (<c>4m13s</c>).</summary>
    [Hidden]
    public string AgeText => ShortHumanDuration.Since(Created);

    /// <summary>The Deployment's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The cluster session it was read from; piping it on goes to the same cluster.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary>The session and namespace this object came from (hidden; binds to the cmdlets' -Origin).</summary>
    [Hidden]
    public ObjectOrigin Origin => new(Session, Namespace);

    /// <summary>The Deployment in wire shape (what <c>oc get deploy NAME -o json</c> prints).</summary>
    public JsonObject? Manifest => source.Manifest;

    /// <summary>The Deployment as OpenShift returns it (<c>ConvertTo-OpenShiftYaml</c>).</summary>
    public JsonObject ToManifest() =>
        Manifest?.DeepClone() as JsonObject
        ?? throw new InvalidOperationException($"{Name} was not read from a cluster, so it has no manifest to convert.");

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
