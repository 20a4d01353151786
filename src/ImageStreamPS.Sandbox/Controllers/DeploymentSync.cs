using k8s.Models;
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

    private readonly V1Deployment _original;
    private readonly V1Deployment _d;
    private readonly List<V1ReplicaSet> _replicaSets;
    private readonly IReadOnlyList<V1Pod> _pods;
    private readonly DateTimeOffset _now;
    private readonly WorkloadPlan _plan = new();

    /// <param name="deployment">The stored Deployment.</param>
    /// <param name="replicaSets">The ReplicaSets it controls (ownerReference controller uid).</param>
    /// <param name="pods">The Pods of those ReplicaSets.</param>
    /// <param name="now">The controller's clock.</param>
    public DeploymentSync(V1Deployment deployment, IEnumerable<V1ReplicaSet> replicaSets, IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        _original = deployment;
        _d = deployment.Copy();
        _d.Spec ??= new V1DeploymentSpec();
        _d.Status ??= new V1DeploymentStatus();
        _replicaSets = replicaSets.Where(rs => !rs.IsDeleting()).Select(rs => rs.Copy()).ToList();
        _pods = pods;
        _now = now;
    }

    private V1DeploymentSpec Spec => _d.Spec;
    private V1DeploymentStatus Status => _d.Status;
    private int Replicas => Spec.Replicas ?? 1;
    private bool Paused => Spec.Paused == true;
    private bool IsRecreate => Spec.Strategy?.Type == "Recreate";
    private int ProgressDeadlineSeconds => Spec.ProgressDeadlineSeconds ?? 600;
    private bool HasProgressDeadline => ProgressDeadlineSeconds != int.MaxValue;
    private int? CollisionCount => Status.CollisionCount;
    private long Generation => _d.Metadata.Generation ?? 0;

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

    private (V1ReplicaSet? New, List<V1ReplicaSet> Old) FindReplicaSets()
    {
        var newRs = _replicaSets
            .OrderBy(rs => rs.Created()).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault(rs => PodTemplateHash.EqualIgnoringHash(rs.Spec?.Template, Spec.Template));
        return (newRs, _replicaSets.Where(rs => !ReferenceEquals(rs, newRs)).ToList());
    }

    private (V1ReplicaSet? New, List<V1ReplicaSet> Old) GetAllReplicaSetsAndSyncRevision(bool createIfNotExisted)
    {
        var (existing, oldRs) = FindReplicaSets();
        var newRevision = (oldRs.Count == 0 ? 0 : oldRs.Max(ReplicaCounts.Revision)) + 1;
        if (existing is not null)
        {
            if (SetNewReplicaSetAnnotations(existing, newRevision, exists: true) | SyncMinReadySeconds(existing))
                _plan.Add(WriteVerb.Update, ReplicaSets, existing);
            SetDeploymentRevision(existing.Annotation(ReplicaCounts.RevisionAnnotation) ?? "");
            if (HasProgressDeadline && Get(Status, Progressing) is null)
                DeploymentConditions.Set(Status, New(Progressing, "True", FoundNewReplicaSet, $"Found new replica set \"{existing.Metadata.Name}\"", _now));
            return (existing, oldRs);
        }
        if (!createIfNotExisted) return (null, oldRs);

        var template = (Spec.Template ?? new V1PodTemplateSpec()).Copy();
        var hash = PodTemplateHash.Compute(Spec.Template, CollisionCount);
        template.Metadata ??= new V1ObjectMeta();
        (template.Metadata.Labels ??= new Dictionary<string, string>())[PodTemplateHash.Label] = hash;
        var selector = (Spec.Selector ?? new V1LabelSelector()).Copy();
        (selector.MatchLabels ??= new Dictionary<string, string>())[PodTemplateHash.Label] = hash;
        var name = $"{_d.Metadata.Name}-{hash}";

        if (_replicaSets.Any(rs => rs.Metadata.Name == name))
        {
            // Same name, different template: a hash collision. Bump collisionCount and retry.
            Status.CollisionCount = (CollisionCount ?? 0) + 1;
            _plan.Add(WriteVerb.UpdateStatus, Deployments, _d);
            return (null, oldRs);
        }

        var rs = new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = _d.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                OwnerReferences = [ControllerRefs.NewControllerRef(_d, "apps/v1", "Deployment")],
            },
            Spec = new V1ReplicaSetSpec { Replicas = 0, MinReadySeconds = MinReadySeconds, Selector = selector, Template = template },
        };
        var all = All(rs, oldRs);
        var replicas = NewReplicaSetReplicas(all, rs);
        rs.SetSpecReplicas(replicas);
        SetNewReplicaSetAnnotations(rs, newRevision, exists: false);
        _plan.Add(WriteVerb.Create, ReplicaSets, rs);
        _replicaSets.Add(rs);
        if (replicas > 0) _plan.Event(_original, "ScalingReplicaSet", $"Scaled up replica set {name} from 0 to {replicas}");
        SetDeploymentRevision(newRevision.ToString());
        if (HasProgressDeadline)
            DeploymentConditions.Set(Status, New(Progressing, "True", NewReplicaSetCreated, $"Created new replica set \"{name}\"", _now));
        return (rs, oldRs);
    }

    private int MinReadySeconds => Spec.MinReadySeconds ?? 0;

    private bool SyncMinReadySeconds(V1ReplicaSet rs)
    {
        if ((rs.Spec?.MinReadySeconds ?? 0) == MinReadySeconds) return false;
        (rs.Spec ??= new V1ReplicaSetSpec()).MinReadySeconds = MinReadySeconds;
        return true;
    }

    private bool SetNewReplicaSetAnnotations(V1ReplicaSet rs, long newRevision, bool exists)
    {
        var changed = false;
        foreach (var (key, value) in _d.Metadata.Annotations ?? new Dictionary<string, string>())
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

    private static bool SetReplicasAnnotations(V1ReplicaSet rs, int desired, int max)
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
        var rolling = Spec.Strategy?.RollingUpdate;
        var surge = IntOrPercent.Scale(rolling?.MaxSurge, Replicas, roundUp: true, fallbackPercent: 25);
        var unavailable = IntOrPercent.Scale(rolling?.MaxUnavailable, Replicas, roundUp: false, fallbackPercent: 25);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    private int NewReplicaSetReplicas(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet newRs)
    {
        if (IsRecreate) return Replicas;
        var current = ReplicaCounts.SumSpec(all);
        var maxTotal = Replicas + MaxSurge;
        if (current >= maxTotal) return newRs.SpecReplicas();
        var scaleUp = Math.Min(maxTotal - current, Replicas - newRs.SpecReplicas());
        return newRs.SpecReplicas() + scaleUp;
    }

    private bool ReconcileNewReplicaSet(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet newRs)
    {
        var current = newRs.SpecReplicas();
        if (current == Replicas) return false;
        if (current > Replicas) return ScaleReplicaSet(newRs, Replicas);
        return ScaleReplicaSet(newRs, NewReplicaSetReplicas(all, newRs));
    }

    private bool ReconcileOldReplicaSets(List<V1ReplicaSet> all, List<V1ReplicaSet> oldRs, V1ReplicaSet newRs)
    {
        if (ReplicaCounts.SumSpec(oldRs) == 0) return false;
        var allPods = ReplicaCounts.SumSpec(all);
        var minAvailable = Replicas - MaxUnavailable;
        var newUnavailable = newRs.SpecReplicas() - newRs.AvailableReplicas();
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        var scaled = 0;
        // Old replica sets with unhealthy replicas go first: they cost no availability.
        foreach (var rs in ByCreation(oldRs))
        {
            if (scaled >= maxScaledDown) break;
            var replicas = rs.SpecReplicas();
            var available = rs.AvailableReplicas();
            if (replicas == 0 || available >= replicas) continue;
            var down = Math.Min(maxScaledDown - scaled, replicas - available);
            ScaleReplicaSet(rs, replicas - down);
            scaled += down;
        }

        var availablePods = ReplicaCounts.SumAvailable(all);
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
    private void Scale(V1ReplicaSet? newRs, List<V1ReplicaSet> oldRs)
    {
        var active = All(newRs, oldRs).Where(IsActive).ToList();
        if (active.Count <= 1)
        {
            var target = active.FirstOrDefault() ?? newRs ?? ByCreation(oldRs).LastOrDefault();
            if (target is not null && target.SpecReplicas() != Replicas) ScaleReplicaSet(target, Replicas);
            return;
        }
        if (newRs is not null && newRs.SpecReplicas() == Replicas && newRs.AvailableReplicas() == Replicas)
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
    private bool ScaleReplicaSet(V1ReplicaSet rs, int replicas)
    {
        var old = rs.SpecReplicas();
        var annotationsChanged = SetReplicasAnnotations(rs, Replicas, Replicas + MaxSurge);
        if (old == replicas && !annotationsChanged) return false;
        rs.SetSpecReplicas(replicas);
        if (!_plan.Writes.Any(w => ReferenceEquals(w.Object, rs))) _plan.Add(WriteVerb.Update, ReplicaSets, rs);
        if (old != replicas)
            _plan.Event(_original, "ScalingReplicaSet", $"Scaled {(replicas > old ? "up" : "down")} replica set {rs.Metadata.Name} from {old} to {replicas}");
        return old != replicas;
    }

    private void CleanupDeployment(List<V1ReplicaSet> oldRs)
    {
        var limit = Spec.RevisionHistoryLimit ?? 10;
        var cleanable = oldRs.Where(rs => !rs.IsDeleting()).ToList();
        var diff = cleanable.Count - limit;
        if (diff <= 0) return;
        foreach (var rs in cleanable.OrderBy(ReplicaCounts.Revision).ThenBy(rs => rs.Created()).Take(diff))
        {
            if (rs.StatusReplicas() != 0 || rs.SpecReplicas() != 0 || (rs.Metadata.Generation ?? 0) > (rs.Status?.ObservedGeneration ?? 0))
                continue;
            _plan.Add(WriteVerb.Delete, ReplicaSets, rs);
        }
    }

    private bool OldPodsRunning(List<V1ReplicaSet> oldRs)
    {
        if (ReplicaCounts.SumReplicas(oldRs) > 0) return true;
        var uids = oldRs.Select(rs => rs.Metadata.Uid).ToHashSet();
        return _pods.Any(p => p.ControllerOf() is { } r && uids.Contains(r.Uid) && p.Status?.Phase is not ("Failed" or "Succeeded"));
    }

    // ---- status ---------------------------------------------------------------------------------

    private void CheckPausedConditions()
    {
        if (!HasProgressDeadline) return;
        var current = Get(Status, Progressing);
        if (current?.Reason == ProgressDeadlineExceeded) return;
        var pausedExists = current?.Reason == DeploymentPaused;
        if (Paused && !pausedExists)
            DeploymentConditions.Set(Status, New(Progressing, "Unknown", DeploymentPaused, "Deployment is paused", _now));
        else if (!Paused && pausedExists)
            DeploymentConditions.Set(Status, New(Progressing, "Unknown", DeploymentResumed, "Deployment is resumed", _now));
    }

    private V1DeploymentStatus CalculateStatus(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet? newRs)
    {
        var status = Status.Copy();
        var available = ReplicaCounts.SumAvailable(all);
        var unavailable = Math.Max(0, ReplicaCounts.SumSpec(all) - available);
        status.ObservedGeneration = ReplicaCounts.OmitEmpty(Generation);
        status.Replicas = ReplicaCounts.OmitEmpty(ReplicaCounts.SumReplicas(all));
        status.UpdatedReplicas = ReplicaCounts.OmitEmpty(newRs?.StatusReplicas() ?? 0);
        status.ReadyReplicas = ReplicaCounts.OmitEmpty(ReplicaCounts.SumReady(all));
        status.AvailableReplicas = ReplicaCounts.OmitEmpty(available);
        status.UnavailableReplicas = ReplicaCounts.OmitEmpty(unavailable);
        DeploymentConditions.Set(status, available >= Replicas - MaxUnavailable
            ? New(Available, "True", MinimumReplicasAvailable, "Deployment has minimum availability.", _now)
            : New(Available, "False", MinimumReplicasUnavailable, "Deployment does not have minimum availability.", _now));
        return status;
    }

    private void SyncDeploymentStatus(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet? newRs) =>
        WriteStatus(CalculateStatus(all, newRs));

    private void SyncRolloutStatus(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet? newRs)
    {
        var status = CalculateStatus(all, newRs);
        if (!HasProgressDeadline) DeploymentConditions.Remove(status, Progressing);
        var current = Get(status, Progressing);
        var complete = (status.Replicas ?? 0) == (status.UpdatedReplicas ?? 0) && current?.Reason == NewReplicaSetAvailable;
        var subject = newRs is null ? $"Deployment \"{_d.Metadata.Name}\"" : $"ReplicaSet \"{newRs.Metadata.Name}\"";
        if (HasProgressDeadline && !complete)
        {
            if (DeploymentComplete(status))
                DeploymentConditions.Set(status, New(Progressing, "True", NewReplicaSetAvailable, $"{subject} has successfully progressed.", _now));
            else if (DeploymentProgressing(status))
            {
                var condition = New(Progressing, "True", ReplicaSetUpdated, $"{subject} is progressing.", _now);
                if (current is not null && current.Status == "True") condition.LastTransitionTime = current.LastTransitionTime;
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

    private static V1DeploymentCondition? ReplicaSetFailure(IReadOnlyList<V1ReplicaSet> all, V1ReplicaSet newRs)
    {
        foreach (var rs in new[] { newRs }.Concat(all.Where(r => !ReferenceEquals(r, newRs))))
            if (rs.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure") is { } c)
                return new V1DeploymentCondition
                {
                    Type = ReplicaFailure, Status = c.Status, LastUpdateTime = c.LastTransitionTime, LastTransitionTime = c.LastTransitionTime,
                    Reason = c.Reason, Message = c.Message,
                };
        return null;
    }

    private bool DeploymentComplete(V1DeploymentStatus status) =>
        (status.UpdatedReplicas ?? 0) == Replicas
        && (status.Replicas ?? 0) == Replicas
        && (status.AvailableReplicas ?? 0) == Replicas
        && (status.ObservedGeneration ?? 0) >= Generation;

    private bool DeploymentProgressing(V1DeploymentStatus status)
    {
        var old = _original.Status ?? new V1DeploymentStatus();
        return (status.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0)
            || (status.Replicas ?? 0) - (status.UpdatedReplicas ?? 0) < (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0)
            || (status.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0)
            || (status.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0);
    }

    private bool TimedOut(V1DeploymentStatus status, out TimeSpan? remaining)
    {
        remaining = null;
        var condition = Get(status, Progressing);
        if (condition is null || condition.Reason == NewReplicaSetAvailable) return false;
        if (condition.Reason == ProgressDeadlineExceeded) return true;
        var from = condition.LastUpdateTime is { } updated ? new DateTimeOffset(DateTime.SpecifyKind(updated.ToUniversalTime(), DateTimeKind.Utc)) : _now;
        var deadline = from.AddSeconds(ProgressDeadlineSeconds);
        if (deadline < _now) return true;
        remaining = deadline - _now + TimeSpan.FromSeconds(1);
        return false;
    }

    /// <summary>Writes the revision annotation (metadata) and the status when they changed.</summary>
    private void WriteStatus(V1DeploymentStatus status)
    {
        _d.Status = status;
        var metadataChanged = _d.Annotation(ReplicaCounts.RevisionAnnotation) != _original.Annotation(ReplicaCounts.RevisionAnnotation);
        var statusChanged = !PodTemplateHash.SameJson(status, _original.Status);
        _plan.Writes.RemoveAll(w => ReferenceEquals(w.Object, _d));
        if (metadataChanged) _plan.Add(WriteVerb.Update, Deployments, _d);
        if (statusChanged || metadataChanged) _plan.Add(WriteVerb.UpdateStatus, Deployments, _d);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static bool IsActive(V1ReplicaSet rs) => rs.SpecReplicas() > 0;

    private static IEnumerable<V1ReplicaSet> ByCreation(IEnumerable<V1ReplicaSet> sets) =>
        sets.OrderBy(rs => rs.Created()).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal);

    private static List<V1ReplicaSet> All(V1ReplicaSet? newRs, List<V1ReplicaSet> oldRs) =>
        newRs is null ? oldRs.ToList() : [.. oldRs, newRs];
}
