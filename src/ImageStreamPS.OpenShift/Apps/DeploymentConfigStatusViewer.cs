namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The status of a DeploymentConfig's rollout as <c>oc rollout status dc/NAME</c> computes it
/// (openshift/oc <c>DeploymentConfigStatusViewer</c>; reasons from library-go <c>appsutil</c>).
/// </summary>
public static class DeploymentConfigStatusViewer
{
    public const string NewRcAvailableReason = "NewReplicationControllerAvailable";
    public const string TimedOutReason = "ProgressDeadlineExceeded";
    public const string PausedConfigReason = "DeploymentConfigPaused";
    public const string CancelledRolloutReason = "RolloutCancelled";

    public static RolloutState Evaluate(DeploymentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = config.Metadata?.Name;
        var status = config.Status ?? new DeploymentConfigStatus();
        var triggers = config.Spec?.Triggers ?? [];

        if ((status.LatestVersion ?? 0) == 0)
        {
            if (triggers.Any(t => t.Type == "ImageChange"))
            {
                return new(RolloutStatus.Progressing, $"Deployment config \"{name}\" waiting on image update");
            }
            if (triggers.Count == 0)
            {
                return new(RolloutStatus.Paused, $"Deployment config \"{name}\" waiting on manual update (use 'oc rollout latest {name}')");
            }
        }

        if ((config.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return new(RolloutStatus.Progressing, "Waiting for latest deployment config spec to be observed by the controller loop...");
        }

        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        switch (progressing?.Reason)
        {
            case NewRcAvailableReason:
                return new(RolloutStatus.Complete, progressing.Message ?? $"replication controller \"{name}-{status.LatestVersion}\" successfully rolled out");
            case TimedOutReason:
            case CancelledRolloutReason:
                return new(RolloutStatus.Failed, progressing.Message ?? $"deployment config \"{name}\" exceeded its progress deadline");
            case PausedConfigReason:
                return new(RolloutStatus.Paused, $"Deployment config \"{name}\" is paused. Resume to continue watching the status of the rollout.");
        }

        var desired = config.Spec?.Replicas ?? 0;
        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (updated < desired)
        {
            return new(RolloutStatus.Progressing, $"Waiting for rollout to finish: {updated} out of {desired} new replicas have been updated...");
        }
        if (replicas > updated)
        {
            return new(RolloutStatus.Progressing, $"Waiting for rollout to finish: {replicas - updated} old replicas are pending termination...");
        }
        if (available < updated)
        {
            return new(RolloutStatus.Progressing, $"Waiting for rollout to finish: {available} of {updated} updated replicas are available...");
        }

        // oc keeps waiting here until the controller writes NewReplicationControllerAvailable; the
        // counters already say everything is up, so report it complete rather than hang on a missing condition.
        return progressing is null
            ? new(RolloutStatus.Complete, $"replication controller \"{name}-{status.LatestVersion}\" successfully rolled out")
            : new(RolloutStatus.Progressing, "Waiting for latest deployment config spec to be observed by the controller loop...");
    }
}
