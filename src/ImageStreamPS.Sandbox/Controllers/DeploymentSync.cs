using System.Text.Json.Nodes;
using static ImageStreamPS.Sandbox.Controllers.DeploymentConditions;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// One sync of the Kubernetes Deployment controller (pkg/controller/deployment), as a pure
/// function of the Deployment, the ReplicaSets it controls and their Pods: it returns the
/// writes to make. Rolling and Recreate rollouts, pause, scaling, revision bookkeeping, history
/// cleanup and the status with its Available/Progressing conditions follow upstream.
/// </summary>
internal sealed class DeploymentSync
{
    public const string ReplicaSets = "replicasets";
    public const string Deployments = "deployments";

    private static readonly HashSet<string> NotCopiedAnnotations =
    [
        "kubectl.kubernetes.io/last-applied-configuration",
        ReplicaCounts.RevisionAnnotation,
        ReplicaCounts.RevisionHistoryAnnotation,
        ReplicaCounts.DesiredReplicasAnnotation,
        ReplicaCounts.MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    ];

    private readonly JsonObject _original;
    private readonly JsonObject _d;
    private readonly List<JsonObject> _replicaSets;
    private readonly IReadOnlyList<JsonObject> _pods;
    private readonly DateTimeOffset _now;
    private readonly WorkloadPlan _plan = new();

    /// <param name="deployment">The stored Deployment.</param>
    /// <param name="replicaSets">The ReplicaSets it controls (ownerReference controller uid).</param>
    /// <param name="pods">The Pods of those ReplicaSets.</param>
    /// <param name="now">The controller's clock.</param>
    public DeploymentSync(JsonObject deployment, IEnumerable<JsonObject> replicaSets, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        _original = deployment;
        _d = deployment.Copy();
        _replicaSets = replicaSets.Where(rs => !rs.IsDeleting()).Select(rs => rs.Copy()).ToList();
        _pods = pods;
        _now = now;
    }

    private JsonObject Spec => _d.Child("spec");
    private JsonObject Status => _d.Child("status");
    private int Replicas => _d.SpecReplicas();
    private bool Paused => ObjectFields.Bool(Spec["paused"]);
    private bool IsRecreate => (string?)Spec["strategy"]?["type"] == "Recreate";
    private int? ProgressDeadlineSeconds => Spec["progressDeadlineSeconds"] is JsonValue v ? (int)ObjectFields.Long(v) : 600;
    private bool HasProgressDeadline => ProgressDeadlineSeconds is { } s && s != int.MaxValue;
    private long? CollisionCount => Status["collisionCount"] is JsonValue v ? ObjectFields.Long(v) : null;

    public WorkloadPlan Plan()
    {
        if (_d.IsDeleting())
        {
            var (newRs, oldRs) = GetAllReplicaSetsAndSyncRevision(createIfNotExisted: false);
            SyncDeploymentStatus(All(newRs, oldRs), newRs);
        }
        else
        {
            CheckPausedConditions();
            if (Paused || IsScalingEvent()) Sync();
            else if (IsRecreate) RolloutRecreate();
            else RolloutRolling();
        }
        return _plan;
    }

    // ---- rollouts -------------------------------------------------------------------------------

    private void RolloutRolling()
    {
        var (newRs, oldRs) = GetAllReplicaSetsAndSyncRevision(createIfNotExisted: true);
        if (newRs is null) return; // a name collision: the status write asks for another try
        var all = All(newRs, oldRs);
        if (ReconcileNewReplicaSet(all, newRs) || ReconcileOldReplicaSets(all, oldRs.Where(IsActive).ToList(), newRs))
        {
            SyncRolloutStatus(all, newRs);
            return;
        }
        if (DeploymentComplete(Status)) CleanupDeployment(oldRs);
        SyncRolloutStatus(all, newRs);
    }

    private void RolloutRecreate()
    {
        var (newRs, oldRs) = GetAllReplicaSetsAndSyncRevision(createIfNotExisted: false);
        var scaledDown = false;
        foreach (var rs in oldRs.Where(IsActive)) scaledDown |= ScaleReplicaSet(rs, 0);
        if (scaledDown || OldPodsRunning(oldRs))
        {
            SyncRolloutStatus(All(newRs, oldRs), newRs);
            return;
        }
        if (newRs is null)
        {
            (newRs, oldRs) = GetAllReplicaSetsAndSyncRevision(createIfNotExisted: true);
            if (newRs is null) return;
        }
        ScaleReplicaSet(newRs, Replicas);
        if (DeploymentComplete(Status)) CleanupDeployment(oldRs);
        SyncRolloutStatus(All(newRs, oldRs), newRs);
    }

    /// <summary>Paused deployments and scaling events: only proportional scaling, no rollout.</summary>
    private void Sync()
    {
        var (newRs, oldRs) = GetAllReplicaSetsAndSyncRevision(createIfNotExisted: false);
        Scale(newRs, oldRs);
        if (Paused) CleanupDeployment(oldRs);
        SyncDeploymentStatus(All(newRs, oldRs), newRs);
    }

    private bool IsScalingEvent()
    {
        var (newRs, oldRs) = FindReplicaSets();
        foreach (var rs in All(newRs, oldRs).Where(IsActive))
            if (int.TryParse(rs.Annotation(ReplicaCounts.DesiredReplicasAnnotation), out var desired) && desired != Replicas)
                return true;
        return false;
    }

    // ---- replica sets ---------------------------------------------------------------------------

    private (JsonObject? New, List<JsonObject> Old) FindReplicaSets()
    {
        var template = Spec["template"];
        var newRs = _replicaSets
            .OrderBy(rs => rs.CreationTimestamp()).ThenBy(rs => rs.Name(), StringComparer.Ordinal)
            .FirstOrDefault(rs => PodTemplateHash.EqualIgnoringHash(rs["spec"]?["template"], template));
        return (newRs, _replicaSets.Where(rs => !ReferenceEquals(rs, newRs)).ToList());
    }

    private (JsonObject? New, List<JsonObject> Old) GetAllReplicaSetsAndSyncRevision(bool createIfNotExisted)
    {
        var (existing, oldRs) = FindReplicaSets();
        var newRevision = (oldRs.Count == 0 ? 0 : oldRs.Max(ReplicaCounts.Revision)) + 1;
        if (existing is not null)
        {
            if (SetNewReplicaSetAnnotations(existing, newRevision, exists: true) | SyncMinReadySeconds(existing))
                _plan.Add(WriteVerb.Update, ReplicaSets, existing);
            SetDeploymentRevision(existing.Annotation(ReplicaCounts.RevisionAnnotation) ?? "");
            if (HasProgressDeadline && Get(Status, Progressing) is null)
                DeploymentConditions.Set(Status, New(Progressing, "True", FoundNewReplicaSet, $"Found new replica set \"{existing.Name()}\"", _now));
            return (existing, oldRs);
        }
        if (!createIfNotExisted) return (null, oldRs);

        var template = (JsonObject)(Spec["template"]?.DeepClone() ?? new JsonObject());
        var hash = PodTemplateHash.Compute(Spec["template"], CollisionCount);
        template.Child("metadata").Child("labels")[PodTemplateHash.Label] = hash;
        var selector = (JsonObject)(Spec["selector"]?.DeepClone() ?? new JsonObject());
        selector.Child("matchLabels")[PodTemplateHash.Label] = hash;
        var name = $"{_d.Name()}-{hash}";

        if (_replicaSets.FirstOrDefault(rs => rs.Name() == name) is not null)
        {
            // Same name, different template: a hash collision. Bump collisionCount and retry.
            Status["collisionCount"] = (CollisionCount ?? 0) + 1;
            _plan.Add(WriteVerb.UpdateStatus, Deployments, _d);
            return (null, oldRs);
        }

        var rsObj = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = _d.Namespace(),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["ownerReferences"] = new JsonArray(ObjectFields.OwnerReference(_d, "apps/v1", "Deployment")),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = MinReadySeconds,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var all = All(rsObj, oldRs);
        var replicas = NewReplicaSetReplicas(all, rsObj);
        rsObj.SetSpecReplicas(replicas);
        SetNewReplicaSetAnnotations(rsObj, newRevision, exists: false);
        _plan.Add(WriteVerb.Create, ReplicaSets, rsObj);
        _replicaSets.Add(rsObj);
        if (replicas > 0) _plan.Event(_original, "ScalingReplicaSet", $"Scaled up replica set {name} from 0 to {replicas}");
        SetDeploymentRevision(newRevision.ToString());
        if (HasProgressDeadline)
            DeploymentConditions.Set(Status, New(Progressing, "True", NewReplicaSetCreated, $"Created new replica set \"{name}\"", _now));
        return (rsObj, oldRs);
    }

    private int MinReadySeconds => (int)ObjectFields.Long(Spec["minReadySeconds"]);

    private bool SyncMinReadySeconds(JsonObject rs)
    {
        if ((int)ObjectFields.Long(rs["spec"]?["minReadySeconds"]) == MinReadySeconds) return false;
        rs.Child("spec")["minReadySeconds"] = MinReadySeconds;
        return true;
    }

    private bool SetNewReplicaSetAnnotations(JsonObject rs, long newRevision, bool exists)
    {
        var changed = false;
        foreach (var (key, value) in ObjectFields.StringMap(_d["metadata"]?["annotations"]))
        {
            if (NotCopiedAnnotations.Contains(key) || rs.Annotation(key) == value) continue;
            rs.SetAnnotation(key, value);
            changed = true;
        }
        var oldRevision = rs.Annotation(ReplicaCounts.RevisionAnnotation);
        var oldRevisionNumber = long.TryParse(oldRevision, out var o) ? o : 0;
        if (oldRevisionNumber < newRevision)
        {
            rs.SetAnnotation(ReplicaCounts.RevisionAnnotation, newRevision.ToString());
            changed = true;
            if (!string.IsNullOrEmpty(oldRevision))
            {
                var history = rs.Annotation(ReplicaCounts.RevisionHistoryAnnotation);
                rs.SetAnnotation(ReplicaCounts.RevisionHistoryAnnotation, string.IsNullOrEmpty(history) ? oldRevision : history + "," + oldRevision);
            }
        }
        if (!exists) changed |= SetReplicasAnnotations(rs, Replicas, Replicas + MaxSurge);
        return changed;
    }

    private static bool SetReplicasAnnotations(JsonObject rs, int desired, int max)
    {
        var changed = false;
        if (rs.Annotation(ReplicaCounts.DesiredReplicasAnnotation) != desired.ToString())
        {
            rs.SetAnnotation(ReplicaCounts.DesiredReplicasAnnotation, desired.ToString());
            changed = true;
        }
        if (rs.Annotation(ReplicaCounts.MaxReplicasAnnotation) != max.ToString())
        {
            rs.SetAnnotation(ReplicaCounts.MaxReplicasAnnotation, max.ToString());
            changed = true;
        }
        return changed;
    }

    private void SetDeploymentRevision(string revision)
    {
        if (_d.Annotation(ReplicaCounts.RevisionAnnotation) != revision && revision != "")
            _d.SetAnnotation(ReplicaCounts.RevisionAnnotation, revision);
    }

    // ---- scaling --------------------------------------------------------------------------------

    private int MaxSurge => IsRecreate ? 0 : Fenceposts().Surge;

    private int MaxUnavailable
    {
        get
        {
            if (IsRecreate || Replicas == 0) return 0;
            var unavailable = Fenceposts().Unavailable;
            return Math.Min(unavailable, Replicas);
        }
    }

    private (int Surge, int Unavailable) Fenceposts()
    {
        var rolling = Spec["strategy"]?["rollingUpdate"];
        var surge = IntOrPercent.Scale(rolling?["maxSurge"], Replicas, roundUp: true, fallbackPercent: 25);
        var unavailable = IntOrPercent.Scale(rolling?["maxUnavailable"], Replicas, roundUp: false, fallbackPercent: 25);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    private int NewReplicaSetReplicas(IReadOnlyList<JsonObject> all, JsonObject newRs)
    {
        if (IsRecreate) return Replicas;
        var current = ReplicaCounts.SumSpec(all);
        var maxTotal = Replicas + MaxSurge;
        if (current >= maxTotal) return newRs.SpecReplicas();
        var scaleUp = Math.Min(maxTotal - current, Replicas - newRs.SpecReplicas());
        return newRs.SpecReplicas() + scaleUp;
    }

    private bool ReconcileNewReplicaSet(IReadOnlyList<JsonObject> all, JsonObject newRs)
    {
        var current = newRs.SpecReplicas();
        if (current == Replicas) return false;
        if (current > Replicas) return ScaleReplicaSet(newRs, Replicas);
        return ScaleReplicaSet(newRs, NewReplicaSetReplicas(all, newRs));
    }

    private bool ReconcileOldReplicaSets(List<JsonObject> all, List<JsonObject> oldRs, JsonObject newRs)
    {
        if (ReplicaCounts.SumSpec(oldRs) == 0) return false;
        var allPods = ReplicaCounts.SumSpec(all);
        var minAvailable = Replicas - MaxUnavailable;
        var newUnavailable = newRs.SpecReplicas() - newRs.StatusCount("availableReplicas");
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        var scaled = 0;
        // Old replica sets with unhealthy replicas go first: they cost no availability.
        foreach (var rs in ByCreation(oldRs))
        {
            if (scaled >= maxScaledDown) break;
            var replicas = rs.SpecReplicas();
            var available = rs.StatusCount("availableReplicas");
            if (replicas == 0 || available >= replicas) continue;
            var down = Math.Min(maxScaledDown - scaled, replicas - available);
            ScaleReplicaSet(rs, replicas - down);
            scaled += down;
        }

        var availablePods = ReplicaCounts.SumStatus(all, "availableReplicas");
        if (availablePods > minAvailable)
        {
            var total = availablePods - minAvailable;
            var scaledHealthy = 0;
            foreach (var rs in ByCreation(oldRs))
            {
                if (scaledHealthy >= total) break;
                var replicas = rs.SpecReplicas();
                if (replicas == 0) continue;
                var down = Math.Min(replicas, total - scaledHealthy);
                ScaleReplicaSet(rs, replicas - down);
                scaledHealthy += down;
            }
            scaled += scaledHealthy;
        }
        return scaled > 0;
    }

    /// <summary>Scaling without a rollout (paused or spec.replicas changed): proportional-ish.</summary>
    private void Scale(JsonObject? newRs, List<JsonObject> oldRs)
    {
        var active = All(newRs, oldRs).Where(IsActive).ToList();
        if (active.Count <= 1)
        {
            var target = active.FirstOrDefault() ?? newRs ?? ByCreation(oldRs).LastOrDefault();
            if (target is not null && target.SpecReplicas() != Replicas) ScaleReplicaSet(target, Replicas);
            return;
        }
        if (newRs is not null && newRs.SpecReplicas() == Replicas && newRs.StatusCount("availableReplicas") == Replicas)
        {
            foreach (var rs in oldRs.Where(IsActive)) ScaleReplicaSet(rs, 0);
            return;
        }
        // Several active sets: add to (or take from) the newest first, within maxSurge.
        var allowed = Replicas + MaxSurge;
        var toAdd = allowed - ReplicaCounts.SumSpec(active);
        var ordered = active.OrderByDescending(rs => rs.Revision()).ToList();
        if (toAdd < 0) ordered.Reverse();
        foreach (var rs in ordered)
        {
            if (toAdd == 0) break;
            var replicas = rs.SpecReplicas();
            var change = toAdd > 0 ? toAdd : Math.Max(toAdd, -replicas);
            ScaleReplicaSet(rs, replicas + change);
            toAdd -= change;
        }
    }

    /// <summary>Sets spec.replicas and the desired/max annotations; records the event.</summary>
    private bool ScaleReplicaSet(JsonObject rs, int replicas)
    {
        var old = rs.SpecReplicas();
        var annotationsChanged = SetReplicasAnnotations(rs, Replicas, Replicas + MaxSurge);
        if (old == replicas && !annotationsChanged) return false;
        rs.SetSpecReplicas(replicas);
        if (!_plan.Writes.Any(w => ReferenceEquals(w.Object, rs))) _plan.Add(WriteVerb.Update, ReplicaSets, rs);
        if (old != replicas)
            _plan.Event(_original, "ScalingReplicaSet", $"Scaled {(replicas > old ? "up" : "down")} replica set {rs.Name()} from {old} to {replicas}");
        return old != replicas;
    }

    private void CleanupDeployment(List<JsonObject> oldRs)
    {
        var limit = Spec["revisionHistoryLimit"] is JsonValue v ? (int)ObjectFields.Long(v) : 10;
        var cleanable = oldRs.Where(rs => !rs.IsDeleting()).ToList();
        var diff = cleanable.Count - limit;
        if (diff <= 0) return;
        foreach (var rs in cleanable.OrderBy(ReplicaCounts.Revision).ThenBy(rs => rs.CreationTimestamp()).Take(diff))
        {
            if (rs.StatusCount("replicas") != 0 || rs.SpecReplicas() != 0
                || rs.Generation() > ObjectFields.Long(rs["status"]?["observedGeneration"]))
                continue;
            _plan.Add(WriteVerb.Delete, ReplicaSets, rs);
        }
    }

    private bool OldPodsRunning(List<JsonObject> oldRs)
    {
        if (ReplicaCounts.SumStatus(oldRs, "replicas") > 0) return true;
        var uids = oldRs.Select(rs => rs.Uid()).ToHashSet();
        return _pods.Any(p => p.ControllerRef() is { } r && uids.Contains((string?)r["uid"] ?? "")
            && (string?)p["status"]?["phase"] is not ("Failed" or "Succeeded"));
    }

    // ---- status ---------------------------------------------------------------------------------

    private void CheckPausedConditions()
    {
        if (!HasProgressDeadline) return;
        var current = Get(Status, Progressing);
        if ((string?)current?["reason"] == ProgressDeadlineExceeded) return;
        var pausedExists = (string?)current?["reason"] == DeploymentPaused;
        if (Paused && !pausedExists)
            DeploymentConditions.Set(Status, New(Progressing, "Unknown", DeploymentPaused, "Deployment is paused", _now));
        else if (!Paused && pausedExists)
            DeploymentConditions.Set(Status, New(Progressing, "Unknown", DeploymentResumed, "Deployment is resumed", _now));
    }

    private JsonObject CalculateStatus(IReadOnlyList<JsonObject> all, JsonObject? newRs)
    {
        var status = (JsonObject)Status.DeepClone();
        var available = ReplicaCounts.SumStatus(all, "availableReplicas");
        var unavailable = Math.Max(0, ReplicaCounts.SumSpec(all) - available);
        ReplicaCounts.SetOmitEmpty(status, "observedGeneration", _d.Generation());
        ReplicaCounts.SetOmitEmpty(status, "replicas", ReplicaCounts.SumStatus(all, "replicas"));
        ReplicaCounts.SetOmitEmpty(status, "updatedReplicas", newRs?.StatusCount("replicas") ?? 0);
        ReplicaCounts.SetOmitEmpty(status, "readyReplicas", ReplicaCounts.SumStatus(all, "readyReplicas"));
        ReplicaCounts.SetOmitEmpty(status, "availableReplicas", available);
        ReplicaCounts.SetOmitEmpty(status, "unavailableReplicas", unavailable);
        DeploymentConditions.Set(status, available >= Replicas - MaxUnavailable
            ? New(Available, "True", MinimumReplicasAvailable, "Deployment has minimum availability.", _now)
            : New(Available, "False", MinimumReplicasUnavailable, "Deployment does not have minimum availability.", _now));
        return status;
    }

    private void SyncDeploymentStatus(IReadOnlyList<JsonObject> all, JsonObject? newRs) =>
        WriteStatus(CalculateStatus(all, newRs));

    private void SyncRolloutStatus(IReadOnlyList<JsonObject> all, JsonObject? newRs)
    {
        var status = CalculateStatus(all, newRs);
        if (!HasProgressDeadline) DeploymentConditions.Remove(status, Progressing);
        var current = Get(status, Progressing);
        var complete = ObjectFields.Long(status["replicas"]) == ObjectFields.Long(status["updatedReplicas"])
            && (string?)current?["reason"] == NewReplicaSetAvailable;
        var subject = newRs is null ? $"Deployment \"{_d.Name()}\"" : $"ReplicaSet \"{newRs.Name()}\"";
        if (HasProgressDeadline && !complete)
        {
            if (DeploymentComplete(status))
                DeploymentConditions.Set(status, New(Progressing, "True", NewReplicaSetAvailable, $"{subject} has successfully progressed.", _now));
            else if (DeploymentProgressing(status))
            {
                var condition = New(Progressing, "True", ReplicaSetUpdated, $"{subject} is progressing.", _now);
                if (current is not null && (string?)current["status"] == "True")
                    condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
                DeploymentConditions.Remove(status, Progressing);
                DeploymentConditions.Set(status, condition);
            }
            else if (TimedOut(status, out var remaining))
                DeploymentConditions.Set(status, New(Progressing, "False", ProgressDeadlineExceeded, $"{subject} has timed out progressing.", _now));
            else if (remaining is { } r)
                _plan.RequeueNoLaterThan(r);
        }

        var failure = newRs is null ? null : ReplicaSetFailure(all, newRs);
        if (failure is not null) DeploymentConditions.Set(status, failure);
        else DeploymentConditions.Remove(status, ReplicaFailure);
        WriteStatus(status);
    }

    private static JsonObject? ReplicaSetFailure(IReadOnlyList<JsonObject> all, JsonObject newRs)
    {
        foreach (var rs in new[] { newRs }.Concat(all.Where(r => !ReferenceEquals(r, newRs))))
            if ((rs["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "ReplicaFailure") is { } c)
                return new JsonObject
                {
                    ["type"] = ReplicaFailure,
                    ["status"] = c["status"]?.DeepClone(),
                    ["lastUpdateTime"] = c["lastTransitionTime"]?.DeepClone(),
                    ["lastTransitionTime"] = c["lastTransitionTime"]?.DeepClone(),
                    ["reason"] = c["reason"]?.DeepClone(),
                    ["message"] = c["message"]?.DeepClone(),
                };
        return null;
    }

    private bool DeploymentComplete(JsonObject status) =>
        ObjectFields.Long(status["updatedReplicas"]) == Replicas
        && ObjectFields.Long(status["replicas"]) == Replicas
        && ObjectFields.Long(status["availableReplicas"]) == Replicas
        && ObjectFields.Long(status["observedGeneration"]) >= _d.Generation();

    private bool DeploymentProgressing(JsonObject status)
    {
        var old = _original["status"] as JsonObject ?? [];
        long N(JsonObject s, string f) => ObjectFields.Long(s[f]);
        return N(status, "updatedReplicas") > N(old, "updatedReplicas")
            || N(status, "replicas") - N(status, "updatedReplicas") < N(old, "replicas") - N(old, "updatedReplicas")
            || N(status, "readyReplicas") > N(old, "readyReplicas")
            || N(status, "availableReplicas") > N(old, "availableReplicas");
    }

    private bool TimedOut(JsonObject status, out TimeSpan? remaining)
    {
        remaining = null;
        var condition = Get(status, Progressing);
        if (condition is null || (string?)condition["reason"] == NewReplicaSetAvailable) return false;
        if ((string?)condition["reason"] == ProgressDeadlineExceeded) return true;
        var from = ObjectFields.ParseTime((string?)condition["lastUpdateTime"]) ?? _now;
        var deadline = from.AddSeconds(ProgressDeadlineSeconds ?? 600);
        if (deadline < _now) return true;
        remaining = deadline - _now + TimeSpan.FromSeconds(1);
        return false;
    }

    /// <summary>Writes the revision annotation (metadata) and the status when they changed.</summary>
    private void WriteStatus(JsonObject status)
    {
        _d["status"] = status;
        var metadataChanged = _d.Annotation(ReplicaCounts.RevisionAnnotation) != _original.Annotation(ReplicaCounts.RevisionAnnotation);
        var statusChanged = PodTemplateHash.Canonical(status) != PodTemplateHash.Canonical(_original["status"]);
        _plan.Writes.RemoveAll(w => ReferenceEquals(w.Object, _d));
        if (metadataChanged) _plan.Add(WriteVerb.Update, Deployments, _d);
        if (statusChanged || metadataChanged) _plan.Add(WriteVerb.UpdateStatus, Deployments, _d);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static bool IsActive(JsonObject rs) => rs.SpecReplicas() > 0;

    private static IEnumerable<JsonObject> ByCreation(IEnumerable<JsonObject> sets) =>
        sets.OrderBy(rs => rs.CreationTimestamp()).ThenBy(rs => rs.Name(), StringComparer.Ordinal);

    private static List<JsonObject> All(JsonObject? newRs, List<JsonObject> oldRs) =>
        newRs is null ? oldRs.ToList() : [.. oldRs, newRs];
}
