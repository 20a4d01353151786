using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// A Pod as a <see cref="RolloutPod"/> row, with the READY, STATUS and RESTARTS columns computed
/// the way kubectl's pod printer computes them (<c>printers/internalversion/printers.go</c> printPod).
/// </summary>
public static class PodRow
{
    public static RolloutPod Of(V1Pod pod, string? replicaSet)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var status = pod.Status ?? new V1PodStatus();
        var containers = pod.Spec?.Containers ?? [];
        var statuses = status.ContainerStatuses ?? [];
        var reason = !string.IsNullOrEmpty(status.Reason) ? status.Reason : status.Phase ?? "Unknown";
        string? message = null;
        var restarts = 0;
        var ready = 0;
        var running = false;

        var initializing = false;
        var initStatuses = status.InitContainerStatuses ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            restarts += container.RestartCount;
            var terminated = container.State?.Terminated;
            if (terminated is not null && terminated.ExitCode == 0) continue;
            initializing = true;
            if (terminated is not null)
            {
                reason = "Init:" + (string.IsNullOrEmpty(terminated.Reason) ? $"ExitCode:{terminated.ExitCode}" : terminated.Reason);
                message = terminated.Message;
            }
            else if (container.State?.Waiting is { Reason: { Length: > 0 } waitingReason } waiting && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
                message = waiting.Message;
            }
            else
            {
                reason = $"Init:{i}/{pod.Spec?.InitContainers?.Count ?? initStatuses.Count}";
            }
            break;
        }

        if (!initializing)
        {
            restarts = 0;
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount;
                if (container.State?.Waiting is { Reason: { Length: > 0 } } waiting)
                {
                    reason = waiting.Reason;
                    message = waiting.Message;
                }
                else if (container.State?.Terminated is { } terminated)
                {
                    reason = !string.IsNullOrEmpty(terminated.Reason)
                        ? terminated.Reason
                        : terminated.Signal is int signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";
                    message = terminated.Message;
                }
                else if (container.Ready && container.State?.Running is not null)
                {
                    running = true;
                    ready++;
                }
            }

            // A pod whose containers completed but one is still running shows Running (NotReady when not ready).
            if (reason == "Completed" && running)
            {
                reason = status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            reason = status.Reason == "NodeLost" ? "Unknown" : "Terminating";
        }

        var image = containers.FirstOrDefault()?.Image;
        var imageId = statuses.FirstOrDefault(s => s.Name == containers.FirstOrDefault()?.Name)?.ImageID;
        return new RolloutPod(
            pod.Metadata?.Name ?? "",
            replicaSet,
            status.Phase ?? "Unknown",
            reason,
            $"{ready}/{containers.Count}",
            restarts,
            image,
            string.IsNullOrEmpty(imageId) ? null : imageId,
            pod.Metadata?.CreationTimestamp,
            string.IsNullOrEmpty(message) ? null : message);
    }
}
