using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>The replica numbers of Deployments and ReplicaSets (spec and status).</summary>
internal static class ReplicaCounts
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>spec.replicas; a missing value means 1 (the apps/v1 default).</summary>
    public static int SpecReplicas(this JsonObject obj) => (int)ObjectFields.Long(obj["spec"]?["replicas"], 1);

    public static void SetSpecReplicas(this JsonObject obj, int replicas) => obj.Child("spec")["replicas"] = replicas;

    public static int StatusCount(this JsonObject obj, string field) => (int)ObjectFields.Long(obj["status"]?[field]);

    public static long Revision(this JsonObject rs) =>
        long.TryParse(rs.Annotation(RevisionAnnotation), out var r) ? r : 0;

    /// <summary>Go's omitempty: a zero count is left out of the JSON.</summary>
    public static void SetOmitEmpty(JsonObject status, string field, long value)
    {
        if (value == 0) status.Remove(field);
        else status[field] = value;
    }

    public static int SumSpec(IEnumerable<JsonObject> sets) => sets.Sum(SpecReplicas);
    public static int SumStatus(IEnumerable<JsonObject> sets, string field) => sets.Sum(s => s.StatusCount(field));
}
