using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// Reads a <see cref="Rollout"/> from a DeploymentConfig, its ReplicationControllers
/// (<c>&lt;name&gt;-&lt;N&gt;</c>, revision in <c>openshift.io/deployment-config.latest-version</c>) and their
/// Pods, so legacy apps show through the same object as Deployments.
/// </summary>
public static class DeploymentConfigRollout
{
    public const string LatestVersionAnnotation = "openshift.io/deployment-config.latest-version";
    public const string DeploymentConfigNameAnnotation = "openshift.io/deployment-config.name";

    public static Rollout Read(DeploymentConfig config, IEnumerable<V1ReplicationController> controllers, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(config);
        var metadata = config.Metadata ?? new V1ObjectMeta();
        var status = config.Status ?? new DeploymentConfigStatus();
        var containers = config.Spec?.Template?.Spec?.Containers ?? [];
        var triggers = TriggersOf(config);
        var container = DeploymentRollout.TriggeredContainer(containers.Select(c => c.Name).ToList(), triggers);

        var owned = controllers.Where(rc => BelongsTo(rc.Metadata, metadata)).ToList();
        var ownedNames = owned.Select(rc => rc.Metadata?.Name).ToHashSet();
        var rows = owned
            .Select(rc => new RolloutReplicaSet(
                rc.Metadata?.Name ?? "",
                rc.Metadata?.Annotations is { } a && a.TryGetValue(LatestVersionAnnotation, out var v) && long.TryParse(v, out var n) ? n : 0,
                rc.Spec?.Replicas ?? 0,
                rc.Status?.Replicas ?? 0,
                rc.Status?.ReadyReplicas ?? 0,
                rc.Status?.AvailableReplicas ?? 0,
                DeploymentRollout.ImageOf(rc.Spec?.Template?.Spec?.Containers, container),
                rc.Metadata?.CreationTimestamp))
            .OrderByDescending(rc => rc.Revision).ThenBy(rc => rc.Name, StringComparer.Ordinal)
            .ToList();

        var podRows = pods
            .Select(pod => (pod, owner: pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true)))
            .Where(p => p.owner is not null && ownedNames.Contains(p.owner.Name) && p.owner.Kind == "ReplicationController")
            .Select(p => PodRow.Of(p.pod, p.owner!.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        return new Rollout
        {
            Kind = "DeploymentConfig",
            Name = metadata.Name ?? "",
            Namespace = metadata.NamespaceProperty ?? "",
            Uid = metadata.Uid,
            ResourceVersion = metadata.ResourceVersion,
            Generation = metadata.Generation ?? 0,
            ObservedGeneration = status.ObservedGeneration ?? 0,
            Replicas = config.Spec?.Replicas ?? 0,
            CurrentReplicas = status.Replicas ?? 0,
            ReadyReplicas = status.ReadyReplicas ?? 0,
            UpdatedReplicas = status.UpdatedReplicas ?? 0,
            AvailableReplicas = status.AvailableReplicas ?? 0,
            Revision = status.LatestVersion ?? 0,
            Image = DeploymentRollout.ImageOf(containers, container),
            ContainerNames = containers.Select(c => c.Name).ToList(),
            Triggers = triggers,
            State = DeploymentConfigStatusViewer.Evaluate(config),
            ReplicaSets = rows,
            Pods = podRows,
            Created = metadata.CreationTimestamp,
            Labels = new Dictionary<string, string>(metadata.Labels ?? new Dictionary<string, string>()),
            ManifestOf = () => WireShape.Of(config, DeploymentConfig.Group + "/" + DeploymentConfig.Version, "DeploymentConfig"),
        };
    }

    /// <summary>ImageChange triggers are fields on a DeploymentConfig; one per container name.</summary>
    public static IReadOnlyList<RolloutTrigger> TriggersOf(DeploymentConfig config)
    {
        var ns = config.Metadata?.NamespaceProperty ?? "";
        return (config.Spec?.Triggers ?? [])
            .Where(t => t.Type == "ImageChange" && t.ImageChangeParams?.From is { Kind: "ImageStreamTag" })
            .SelectMany(t => (t.ImageChangeParams!.ContainerNames is { Count: > 0 } names ? names : [null!])
                .Select(container => new RolloutTrigger(
                    string.IsNullOrEmpty(t.ImageChangeParams.From!.NamespaceProperty) ? ns : t.ImageChangeParams.From.NamespaceProperty,
                    t.ImageChangeParams.From.Name,
                    container,
                    t.ImageChangeParams.Automatic != true)))
            .ToList();
    }

    private static bool BelongsTo(V1ObjectMeta? controller, V1ObjectMeta config)
    {
        if (controller is null) return false;
        if (DeploymentRollout.IsControlledBy(controller, config)) return true;
        return controller.Annotations is { } a && a.TryGetValue(DeploymentConfigNameAnnotation, out var name) && name == config.Name;
    }
}
