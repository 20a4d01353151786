using System.Text.Json.Nodes;
using k8s;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// A workload that rolls out pods (a Deployment, or a DeploymentConfig where the cluster still has
/// them), read together with its ReplicaSets (ReplicationControllers) and Pods: what
/// <c>oc get deploy,rs,pod</c> shows for one app.
/// </summary>
public sealed record Rollout
{
    /// <summary><c>Deployment</c> or <c>DeploymentConfig</c>.</summary>
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long Generation { get; init; }
    public long ObservedGeneration { get; init; }
    /// <summary>Desired replicas (<c>spec.replicas</c>).</summary>
    public int Replicas { get; init; }
    /// <summary>Pods the controller counts (<c>status.replicas</c>), old and new.</summary>
    public int CurrentReplicas { get; init; }
    public int ReadyReplicas { get; init; }
    public int UpdatedReplicas { get; init; }
    public int AvailableReplicas { get; init; }
    /// <summary>The <c>deployment.kubernetes.io/revision</c> annotation (for a DeploymentConfig, <c>status.latestVersion</c>).</summary>
    public long Revision { get; init; }
    /// <summary>The image of the triggered container, or of the first container when nothing triggers it.</summary>
    public string? Image { get; init; }
    public IReadOnlyList<string> ContainerNames { get; init; } = [];
    public IReadOnlyList<RolloutTrigger> Triggers { get; init; } = [];
    public required RolloutState State { get; init; }
    public IReadOnlyList<RolloutReplicaSet> ReplicaSets { get; init; } = [];
    public IReadOnlyList<RolloutPod> Pods { get; init; } = [];
    public DateTime? Created { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The tags of the triggering image streams whose current image is the one this rollout runs
    /// (<c>citas:v1</c>, <c>citas:prod</c>): which tag it runs now. Empty when no tag points there any more.
    /// </summary>
    public IReadOnlyList<string> ImageTags { get; init; } = [];

    /// <summary>
    /// For every image the triggering image streams' tags point at now (<c>sha256:…</c>), those tags
    /// (<c>citas:v1</c>, <c>ns/citas:prod</c>): names for what the ReplicaSets and Pods run.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TagsByDigest { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The workload as the server returned it (what <c>oc get -o json</c> prints).</summary>
    /// <remarks>Made when first read: a rollout that is only shown never needs its workload in wire shape.</remarks>
    public JsonObject? Manifest => manifest?.Value;

    /// <summary>How to make <see cref="Manifest"/> when it is first read.</summary>
    internal Func<JsonObject> ManifestOf
    {
        init => manifest = new Lazy<JsonObject>(value);
    }

    private readonly Lazy<JsonObject>? manifest;

    /// <summary>The digest <see cref="Image"/> pins (<c>sha256:…</c>), if it is a by-digest reference.</summary>
    public string? Digest => ImageDigest.Of(Image);
}

internal static class WireShape
{
    /// <summary>An object in wire shape; list items come without kind and apiVersion, so they are put back.</summary>
    public static JsonObject Of(object value, string apiVersion, string kind)
    {
        var json = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(value))!;
        var shaped = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (key, node) in json)
        {
            if (key is "apiVersion" or "kind") continue;
            shaped[key] = node?.DeepClone();
        }
        return shaped;
    }
}

/// <summary>One <c>image.openshift.io/triggers</c> entry (or DeploymentConfig ImageChange trigger).</summary>
/// <param name="Namespace">The image stream's namespace (the workload's own when the trigger omits it).</param>
/// <param name="ImageStreamTag">The <c>stream:tag</c> the trigger follows.</param>
/// <param name="Container">The container whose image the trigger writes.</param>
/// <param name="Paused">A paused trigger does not write the image.</param>
public sealed record RolloutTrigger(string Namespace, string ImageStreamTag, string? Container, bool Paused)
{
    public string Stream => ImageStreamTag.Split(':', 2)[0];
    public string Tag => ImageStreamTag.Split(':', 2) is [_, var tag] ? tag : "";

    /// <summary><c>citas:prod</c> in the workload's namespace, <c>ns/citas:prod</c> elsewhere.</summary>
    public string DisplayName(string workloadNamespace) =>
        Namespace == workloadNamespace ? ImageStreamTag : Namespace + "/" + ImageStreamTag;
}

/// <summary>A ReplicaSet (or ReplicationController) row: what <c>oc get rs</c> shows, plus revision and image.</summary>
public sealed record RolloutReplicaSet(
    string Name, long Revision, int Desired, int Current, int Ready, int Available, string? Image, DateTime? Created)
{
    /// <summary>The <c>kubernetes.io/change-cause</c> annotation (what <c>kubectl rollout history</c> shows), or null.</summary>
    public string? ChangeCause { get; init; }

    /// <summary>
    /// Earlier revisions this ReplicaSet had (<c>deployment.kubernetes.io/revision-history</c>): a rollback to
    /// its template gives it a new revision and keeps the old ones here.
    /// </summary>
    public IReadOnlyList<long> EarlierRevisions { get; init; } = [];
}

/// <summary>A Pod row: what <c>oc get pod</c> shows, plus the ReplicaSet that owns it and its image.</summary>
/// <param name="Status">The STATUS column of <c>oc get pod</c> (<c>Running</c>, <c>ImagePullBackOff</c>, <c>Terminating</c>…).</param>
/// <param name="Message">The waiting or terminated container's message, when it has one.</param>
public sealed record RolloutPod(
    string Name, string? ReplicaSet, string Phase, string Status, string Ready, int Restarts,
    string? Image, string? ImageId, DateTime? Created, string? Message)
{
    /// <summary>Every container is ready and the pod is not being deleted: it serves.</summary>
    public bool IsReady =>
        Status != "Terminating"
        && Ready.Split('/') is [var ready, var total]
        && int.TryParse(ready, out var r) && int.TryParse(total, out var t) && t > 0 && r == t;

    /// <summary>The digest the pod runs: its image's, else the one the runtime reports pulling.</summary>
    public string? Digest => ImageDigest.Of(Image) ?? ImageDigest.Of(ImageId);
}
