using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The replica numbers of Deployments and ReplicaSets (spec and status) and the deployment annotations.</summary>
internal static class ReplicaCounts
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>spec.replicas; a missing value means 1 (the apps/v1 default).</summary>
    public static int SpecReplicas(this V1ReplicaSet rs) => rs.Spec?.Replicas ?? 1;

    public static void SetSpecReplicas(this V1ReplicaSet rs, int replicas) => (rs.Spec ??= new V1ReplicaSetSpec()).Replicas = replicas;

    public static int AvailableReplicas(this V1ReplicaSet rs) => rs.Status?.AvailableReplicas ?? 0;

    public static int StatusReplicas(this V1ReplicaSet rs) => rs.Status?.Replicas ?? 0;

    public static long Revision(this V1ReplicaSet rs) =>
        long.TryParse(rs.Annotation(RevisionAnnotation), out var r) ? r : 0;

    /// <summary>Go's omitempty: a zero count is left out.</summary>
    public static int? OmitEmpty(int value) => value == 0 ? null : value;

    public static long? OmitEmpty(long value) => value == 0 ? null : value;

    public static int SumSpec(IEnumerable<V1ReplicaSet> sets) => sets.Sum(SpecReplicas);
    public static int SumAvailable(IEnumerable<V1ReplicaSet> sets) => sets.Sum(AvailableReplicas);
    public static int SumReplicas(IEnumerable<V1ReplicaSet> sets) => sets.Sum(StatusReplicas);
    public static int SumReady(IEnumerable<V1ReplicaSet> sets) => sets.Sum(s => s.Status?.ReadyReplicas ?? 0);
}
