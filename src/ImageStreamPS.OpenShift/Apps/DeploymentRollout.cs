using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// Reads a <see cref="Rollout"/> from a Deployment, the ReplicaSets it controls and their Pods.
/// ReplicaSets belong to the Deployment when their controller ownerReference names its uid (what
/// <c>kubectl rollout history</c> checks), Pods when theirs names one of those ReplicaSets.
/// </summary>
public static class DeploymentRollout
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    /// <summary>The revisions a ReplicaSet had before it was rolled back to (comma-separated).</summary>
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    /// <summary>Why a revision was made (<c>kubectl --record</c>, or set by hand); <c>kubectl rollout history</c> shows it.</summary>
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    public static Rollout Read(
        V1Deployment deployment, IEnumerable<V1ReplicaSet> replicaSets, IEnumerable<V1Pod> pods, IReadOnlyList<RolloutTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var metadata = deployment.Metadata ?? new V1ObjectMeta();
        var status = deployment.Status ?? new V1DeploymentStatus();
        var containers = deployment.Spec?.Template?.Spec?.Containers ?? [];
        var container = TriggeredContainer(containers.Select(c => c.Name).ToList(), triggers);

        var owned = replicaSets.Where(rs => IsControlledBy(rs.Metadata, metadata)).ToList();
        var ownedUids = owned.Select(rs => rs.Metadata?.Uid).Where(uid => uid is not null).ToHashSet();
        var ownedNames = owned.Select(rs => rs.Metadata?.Name).ToHashSet();
        var replicaSetRows = owned
            .Select(rs => new RolloutReplicaSet(
                rs.Metadata?.Name ?? "",
                ParseRevision(rs.Metadata?.Annotations),
                rs.Spec?.Replicas ?? 0,
                rs.Status?.Replicas ?? 0,
                rs.Status?.ReadyReplicas ?? 0,
                rs.Status?.AvailableReplicas ?? 0,
                ImageOf(rs.Spec?.Template?.Spec?.Containers, container),
                rs.Metadata?.CreationTimestamp)
            {
                ChangeCause = rs.Metadata?.Annotations is { } a && a.TryGetValue(ChangeCauseAnnotation, out var cause) && cause.Length > 0 ? cause : null,
                EarlierRevisions = ParseRevisionHistory(rs.Metadata?.Annotations),
            })
            .OrderByDescending(rs => rs.Revision).ThenBy(rs => rs.Name, StringComparer.Ordinal)
            .ToList();

        var podRows = pods
            .Select(pod => (pod, owner: pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true)))
            .Where(p => p.owner is not null && (ownedUids.Contains(p.owner.Uid) || (p.owner.Uid is null && ownedNames.Contains(p.owner.Name))))
            .Select(p => PodRow.Of(p.pod, p.owner!.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        return new Rollout
        {
            Kind = "Deployment",
            Name = metadata.Name ?? "",
            Namespace = metadata.NamespaceProperty ?? "",
            Uid = metadata.Uid,
            ResourceVersion = metadata.ResourceVersion,
            Generation = metadata.Generation ?? 0,
            ObservedGeneration = status.ObservedGeneration ?? 0,
            Replicas = deployment.Spec?.Replicas ?? 1,
            CurrentReplicas = status.Replicas ?? 0,
            ReadyReplicas = status.ReadyReplicas ?? 0,
            UpdatedReplicas = status.UpdatedReplicas ?? 0,
            AvailableReplicas = status.AvailableReplicas ?? 0,
            Revision = ParseRevision(metadata.Annotations),
            Image = ImageOf(containers, container),
            ContainerNames = containers.Select(c => c.Name).ToList(),
            Triggers = triggers,
            State = DeploymentStatusViewer.Evaluate(deployment),
            ReplicaSets = replicaSetRows,
            Pods = podRows,
            Created = metadata.CreationTimestamp,
            Labels = new Dictionary<string, string>(metadata.Labels ?? new Dictionary<string, string>()),
            ManifestOf = () => WireShape.Of(deployment, "apps/v1", "Deployment"),
        };
    }

    internal static bool IsControlledBy(V1ObjectMeta? child, V1ObjectMeta owner)
    {
        var reference = child?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (reference is null) return false;
        return owner.Uid is not null ? reference.Uid == owner.Uid : reference.Name == owner.Name;
    }

    internal static long ParseRevision(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(RevisionAnnotation, out var value) && long.TryParse(value, out var revision)
            ? revision
            : 0;

    internal static IReadOnlyList<long> ParseRevisionHistory(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(RevisionHistoryAnnotation, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => long.TryParse(v, out var r) ? r : 0).Where(r => r > 0).ToList()
            : [];

    /// <summary>The container the first unpaused trigger writes, else null (meaning the first container).</summary>
    internal static string? TriggeredContainer(IReadOnlyList<string> containerNames, IReadOnlyList<RolloutTrigger> triggers) =>
        triggers.Where(t => !t.Paused).Select(t => t.Container).FirstOrDefault(name => name is not null && containerNames.Contains(name));

    internal static string? ImageOf(IList<V1Container>? containers, string? containerName)
    {
        if (containers is null || containers.Count == 0) return null;
        return (containers.FirstOrDefault(c => c.Name == containerName) ?? containers[0]).Image;
    }
}
