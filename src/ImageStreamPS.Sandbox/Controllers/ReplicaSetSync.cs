using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// One sync of the ReplicaSet controller (pkg/controller/replicaset) as a pure function: create
/// or delete Pods towards spec.replicas, then publish replicas, fullyLabeledReplicas,
/// readyReplicas, availableReplicas, observedGeneration and the ReplicaFailure condition. When the
/// server refused a Pod (<c>manageReplicasErr</c>), the sync after it creates nothing, records
/// FailedCreate and sets the condition (<c>calculateStatus</c>).
/// </summary>
internal sealed class ReplicaSetSync
{
    public const string Pods = "pods";
    public const string ReplicaSets = "replicasets";
    private const string ReplicaFailure = "ReplicaFailure";

    private readonly V1ReplicaSet _rs;
    private readonly IReadOnlyList<V1Pod> _pods;
    private readonly DateTimeOffset _now;
    private readonly string? _createError;
    private readonly WorkloadPlan _plan = new();

    /// <param name="replicaSet">The stored ReplicaSet.</param>
    /// <param name="pods">The Pods it controls (ownerReference controller uid), deleting ones included.</param>
    /// <param name="now">The controller's clock.</param>
    /// <param name="createError">The server's message when it refused the Pod this ReplicaSet tried to create.</param>
    public ReplicaSetSync(V1ReplicaSet replicaSet, IReadOnlyList<V1Pod> pods, DateTimeOffset now, string? createError = null)
    {
        _rs = replicaSet;
        _pods = pods;
        _now = now;
        _createError = createError;
    }

    public WorkloadPlan Plan()
    {
        var active = _pods.Where(IsActive).ToList();
        if (_createError is not null)
            // PodControl.CreatePods: the refusal, on the ReplicaSet.
            _plan.Event(_rs, "FailedCreate", "Error creating: " + _createError, "Warning");
        else if (!_rs.IsDeleting())
        {
            var diff = active.Count - _rs.SpecReplicas();
            if (diff < 0)
                for (var i = 0; i < -diff; i++) CreatePod();
            else if (diff > 0)
                foreach (var pod in PodsToDelete(active, diff))
                {
                    _plan.Add(WriteVerb.Delete, Pods, pod);
                    _plan.Event(_rs, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
                }
        }
        WriteStatus(active);
        return _plan;
    }

    /// <summary>The Pod the ReplicaSet would create (GetPodFromTemplate), named by generateName.</summary>
    public static V1Pod PodFromTemplate(V1ReplicaSet rs)
    {
        var template = rs.Spec?.Template?.Copy() ?? new V1PodTemplateSpec();
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = rs.Metadata.Name + "-",
                Name = rs.Metadata.Name + "-" + PodTemplateHash.RandomSuffix(),
                NamespaceProperty = rs.Metadata.NamespaceProperty,
                Labels = template.Metadata?.Labels ?? new Dictionary<string, string>(),
                Annotations = template.Metadata?.Annotations,
                OwnerReferences = [ControllerRefs.NewControllerRef(rs, "apps/v1", "ReplicaSet")],
            },
            Spec = template.Spec ?? new V1PodSpec(),
        };
    }

    private void CreatePod()
    {
        var pod = PodFromTemplate(_rs);
        _plan.Add(WriteVerb.Create, Pods, pod);
        _plan.Event(_rs, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}");
    }

    /// <summary>Pods not yet running or ready go first, then the newest (ActivePodsWithRanks, simplified).</summary>
    private static IEnumerable<V1Pod> PodsToDelete(List<V1Pod> active, int count) =>
        active.OrderBy(p => string.IsNullOrEmpty(p.Spec?.NodeName) ? 0 : 1)
            .ThenBy(p => PhaseRank(p.Status?.Phase))
            .ThenBy(p => PodRuntime.IsReady(p) ? 1 : 0)
            .ThenByDescending(p => p.Created())
            .Take(count);

    private static int PhaseRank(string? phase) => phase switch { "Pending" => 0, "Unknown" => 1, "Running" => 2, _ => 0 };

    private static bool IsActive(V1Pod pod) => !pod.IsDeleting() && pod.Status?.Phase is not ("Succeeded" or "Failed");

    private void WriteStatus(List<V1Pod> active)
    {
        var templateLabels = _rs.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
        var minReady = _rs.Spec?.MinReadySeconds ?? 0;
        var ready = active.Where(PodRuntime.IsReady).ToList();
        var available = 0;
        foreach (var pod in ready)
        {
            var since = PodRuntime.ReadySince(pod) ?? _now;
            var availableAt = since.AddSeconds(minReady);
            if (minReady == 0 || availableAt <= _now) available++;
            else _plan.RequeueNoLaterThan(availableAt - _now + TimeSpan.FromSeconds(1));
        }
        var old = _rs.Status ?? new V1ReplicaSetStatus();
        var status = old.Copy();
        status.Replicas = active.Count;
        status.FullyLabeledReplicas = ReplicaCounts.OmitEmpty(active.Count(p =>
            templateLabels.All(l => p.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value)));
        status.ReadyReplicas = ReplicaCounts.OmitEmpty(ready.Count);
        status.AvailableReplicas = ReplicaCounts.OmitEmpty(available);
        status.ObservedGeneration = ReplicaCounts.OmitEmpty(_rs.Metadata.Generation ?? 0);
        var failure = status.Conditions?.FirstOrDefault(c => c.Type == ReplicaFailure);
        if (_createError is not null && failure is null)
            status.Conditions = [.. status.Conditions ?? [], new V1ReplicaSetCondition
            {
                Type = ReplicaFailure, Status = "True", Reason = "FailedCreate", Message = _createError, LastTransitionTime = Api.Wire.Time(_now),
            }];
        else if (_createError is null && failure is not null)
            status.Conditions = status.Conditions!.Where(c => c.Type != ReplicaFailure).ToList() is { Count: > 0 } rest ? rest : null;
        if (PodTemplateHash.SameJson(status, _rs.Status)) return;
        var updated = _rs.Copy();
        updated.Status = status;
        _plan.Add(WriteVerb.UpdateStatus, ReplicaSets, updated);
    }
}
