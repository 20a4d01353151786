namespace ImageStreamPS.OpenShift.Apps;

/// <summary>Where a rollout stands, in the words of <c>kubectl rollout status</c>.</summary>
public enum RolloutStatus
{
    /// <summary>The controller has not caught up yet: replicas are being updated, replaced or made available.</summary>
    Progressing,

    /// <summary>Every replica runs the current template and is available; no old replica is left.</summary>
    Complete,

    /// <summary>The rollout stopped making progress (<c>ProgressDeadlineExceeded</c>) or was cancelled.</summary>
    Failed,

    /// <summary>The workload is paused; nothing rolls out until it is resumed.</summary>
    Paused,
}

/// <summary>
/// One evaluation of a rollout: its <see cref="Status"/> and the line <c>kubectl rollout status</c>
/// (or <c>oc rollout status</c> for a DeploymentConfig) prints for it.
/// </summary>
public sealed record RolloutState(RolloutStatus Status, string Message)
{
    /// <summary>True when waiting longer cannot change the outcome.</summary>
    public bool IsFinal => Status is RolloutStatus.Complete or RolloutStatus.Failed or RolloutStatus.Paused;
}
