using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The status of a Deployment's rollout as <c>kubectl rollout status</c> computes it
/// (kubectl <c>polymorphichelpers/rollout_status.go</c>), evaluated on each watch event.
/// </summary>
public static class DeploymentStatusViewer
{
    /// <summary>The Progressing condition reason the controller sets when the deadline passes.</summary>
    public const string TimedOutReason = "ProgressDeadlineExceeded";

    public static RolloutState Evaluate(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata?.Name;
        var status = deployment.Status ?? new V1DeploymentStatus();

        // kubectl never finishes a paused rollout; it says so instead of waiting forever.
        if (deployment.Spec?.Paused == true)
        {
            return new(RolloutStatus.Paused, $"deployment \"{name}\" is paused; resume it to continue the rollout");
        }

        if ((deployment.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return new(RolloutStatus.Progressing, "Waiting for deployment spec update to be observed...");
        }

        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == TimedOutReason)
        {
            return new(RolloutStatus.Failed, $"deployment \"{name}\" exceeded its progress deadline");
        }

        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (deployment.Spec?.Replicas is int desired && updated < desired)
        {
            return new(RolloutStatus.Progressing,
                $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...");
        }

        if (replicas > updated)
        {
            return new(RolloutStatus.Progressing,
                $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...");
        }

        if (available < updated)
        {
            return new(RolloutStatus.Progressing,
                $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...");
        }

        return new(RolloutStatus.Complete, $"deployment \"{name}\" successfully rolled out");
    }
}
