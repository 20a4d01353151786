using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// One sync of the ReplicaSet controller (pkg/controller/replicaset) as a pure function: create
/// or delete Pods towards spec.replicas, then publish replicas, fullyLabeledReplicas,
/// readyReplicas, availableReplicas and observedGeneration.
/// </summary>
internal sealed class ReplicaSetSync
{
    public const string Pods = "pods";
    public const string ReplicaSets = "replicasets";

    private readonly JsonObject _rs;
    private readonly IReadOnlyList<JsonObject> _pods;
    private readonly DateTimeOffset _now;
    private readonly WorkloadPlan _plan = new();

    /// <param name="replicaSet">The stored ReplicaSet.</param>
    /// <param name="pods">The Pods it controls (ownerReference controller uid), deleting ones included.</param>
    /// <param name="now">The controller's clock.</param>
    public ReplicaSetSync(JsonObject replicaSet, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        _rs = replicaSet;
        _pods = pods;
        _now = now;
    }

    public WorkloadPlan Plan()
    {
        var active = _pods.Where(IsActive).ToList();
        if (!_rs.IsDeleting())
        {
            var diff = active.Count - _rs.SpecReplicas();
            if (diff < 0)
                for (var i = 0; i < -diff; i++) CreatePod();
            else if (diff > 0)
                foreach (var pod in PodsToDelete(active, diff))
                {
                    _plan.Add(WriteVerb.Delete, Pods, pod);
                    _plan.Event(_rs, "SuccessfulDelete", $"Deleted pod: {pod.Name()}");
                }
        }
        WriteStatus(active);
        return _plan;
    }

    /// <summary>The Pod the ReplicaSet would create (GetPodFromTemplate), named by generateName.</summary>
    public static JsonObject PodFromTemplate(JsonObject rs)
    {
        var template = rs["spec"]?["template"] as JsonObject ?? [];
        var metadata = new JsonObject
        {
            ["generateName"] = rs.Name() + "-",
            ["name"] = rs.Name() + "-" + PodTemplateHash.RandomSuffix(),
            ["namespace"] = rs.Namespace(),
            ["labels"] = template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
            ["ownerReferences"] = new JsonArray(ObjectFields.OwnerReference(rs, "apps/v1", "ReplicaSet")),
        };
        if (template["metadata"]?["annotations"] is JsonObject annotations) metadata["annotations"] = annotations.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    private void CreatePod()
    {
        var pod = PodFromTemplate(_rs);
        _plan.Add(WriteVerb.Create, Pods, pod);
        _plan.Event(_rs, "SuccessfulCreate", $"Created pod: {pod.Name()}");
    }

    /// <summary>Pods not yet running or ready go first, then the newest (ActivePodsWithRanks, simplified).</summary>
    private static IEnumerable<JsonObject> PodsToDelete(List<JsonObject> active, int count) =>
        active.OrderBy(p => string.IsNullOrEmpty((string?)p["spec"]?["nodeName"]) ? 0 : 1)
            .ThenBy(p => PhaseRank((string?)p["status"]?["phase"]))
            .ThenBy(p => PodRuntime.IsReady(p) ? 1 : 0)
            .ThenByDescending(p => p.CreationTimestamp())
            .Take(count);

    private static int PhaseRank(string? phase) => phase switch { "Pending" => 0, "Unknown" => 1, "Running" => 2, _ => 0 };

    private static bool IsActive(JsonObject pod) =>
        !pod.IsDeleting() && (string?)pod["status"]?["phase"] is not ("Succeeded" or "Failed");

    private void WriteStatus(List<JsonObject> active)
    {
        var templateLabels = ObjectFields.StringMap(_rs["spec"]?["template"]?["metadata"]?["labels"]);
        var minReady = ObjectFields.Long(_rs["spec"]?["minReadySeconds"]);
        var ready = active.Where(PodRuntime.IsReady).ToList();
        var available = 0;
        foreach (var pod in ready)
        {
            var since = PodRuntime.ReadySince(pod) ?? _now;
            var availableAt = since.AddSeconds(minReady);
            if (minReady == 0 || availableAt <= _now) available++;
            else _plan.RequeueNoLaterThan(availableAt - _now + TimeSpan.FromSeconds(1));
        }
        var old = _rs["status"] as JsonObject ?? [];
        var status = (JsonObject)old.DeepClone();
        status["replicas"] = active.Count;
        ReplicaCounts.SetOmitEmpty(status, "fullyLabeledReplicas", active.Count(p => templateLabels.All(l => p.Labels().TryGetValue(l.Key, out var v) && v == l.Value)));
        ReplicaCounts.SetOmitEmpty(status, "readyReplicas", ready.Count);
        ReplicaCounts.SetOmitEmpty(status, "availableReplicas", available);
        ReplicaCounts.SetOmitEmpty(status, "observedGeneration", _rs.Generation());
        if (PodTemplateHash.Canonical(status) == PodTemplateHash.Canonical(old)) return;
        var updated = _rs.Copy();
        updated["status"] = status;
        _plan.Add(WriteVerb.UpdateStatus, ReplicaSets, updated);
    }
}
