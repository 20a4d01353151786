using System.Security.Cryptography;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// What the scheduler and the kubelet would do to a Pod, simulated (no container runs): bind it
/// to the sandbox node, report ContainerCreating, then Running and Ready after the start delay;
/// a container whose image the kubelet cannot parse waits in InvalidImageName (kubelet
/// <c>imageManager.EnsureImageExists</c>, <c>ErrInvalidImageName</c>); a Pod being deleted
/// gracefully is removed once its containers "stopped".
/// </summary>
internal sealed class PodRuntime
{
    public const string NodeName = "sandbox";
    public const string HostIP = "127.0.0.1";

    private readonly TimeSpan _startDelay;
    private readonly Func<string, string?> _imageNameError;

    /// <param name="startDelay">Time from binding to Running and Ready (--pod-start-delay).</param>
    /// <param name="imageNameError">Why the kubelet cannot parse an image name, or null when it can (the engine's <see cref="NormalizedImageName.ParseError"/>).</param>
    public PodRuntime(TimeSpan startDelay, Func<string, string?> imageNameError)
    {
        _startDelay = startDelay;
        _imageNameError = imageNameError;
    }

    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    public static DateTimeOffset? ReadySince(V1Pod pod) =>
        ReadyCondition(pod)?.LastTransitionTime is { } since ? new DateTimeOffset(DateTime.SpecifyKind(since.ToUniversalTime(), DateTimeKind.Utc)) : null;

    private static V1PodCondition? ReadyCondition(V1Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <param name="pod">The stored Pod.</param>
    /// <param name="usedPodIPs">Pod IPs already given to other Pods.</param>
    /// <param name="now">The runtime's clock.</param>
    public WorkloadPlan Plan(V1Pod pod, IReadOnlySet<string> usedPodIPs, DateTimeOffset now)
    {
        var plan = new WorkloadPlan();
        if (pod.IsDeleting())
        {
            plan.Add(WriteVerb.Delete, ReplicaSetSync.Pods, pod);
            return plan;
        }
        var phase = pod.Status?.Phase;
        if (phase is "Running" or "Succeeded" or "Failed") return plan;

        var updated = pod.Copy();
        var spec = updated.Spec ??= new V1PodSpec();
        var status = updated.Status ??= new V1PodStatus();
        if (string.IsNullOrEmpty(spec.NodeName))
        {
            spec.NodeName = NodeName;
            plan.Add(WriteVerb.Update, ReplicaSetSync.Pods, updated);
            plan.Event(pod, "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {NodeName}");
        }
        var startTime = status.StartTime is { } started0 ? new DateTimeOffset(DateTime.SpecifyKind(started0.ToUniversalTime(), DateTimeKind.Utc)) : now;
        if (status.StartTime is null)
        {
            status.Phase = "Pending";
            status.HostIP = HostIP;
            status.HostIPs = [new V1HostIP { Ip = HostIP }];
            var ip = PodNetwork.Allocate(usedPodIPs);
            status.PodIP = ip;
            status.PodIPs = [new V1PodIP { Ip = ip }];
            status.StartTime = Wire.Time(now);
            status.QosClass = QosClass(spec);
        }

        var containers = spec.Containers ?? [];
        var invalid = containers.Where(c => _imageNameError(c.Image ?? "") is not null).ToList();
        var started = invalid.Count == 0 && now - startTime >= _startDelay;
        var oldStatuses = (pod.Status?.ContainerStatuses ?? []).GroupBy(s => s.Name ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var statuses = new List<V1ContainerStatus>();
        foreach (var container in containers)
        {
            var name = container.Name ?? "";
            var image = container.Image ?? "";
            oldStatuses.TryGetValue(name, out var old);
            var state = started
                ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Wire.Time(now) } }
                : invalid.Contains(container)
                    ? new V1ContainerState { Waiting = InvalidImageName(pod, image, _imageNameError(image)!, old, plan) }
                    : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
            statuses.Add(new V1ContainerStatus
            {
                Name = name,
                State = state,
                LastState = new V1ContainerState(),
                Ready = started,
                RestartCount = old?.RestartCount ?? 0,
                Image = image,
                ImageID = started ? ImageID(image) : "",
                Started = started,
                ContainerID = started ? "cri-o://" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant() : null,
            });
        }
        // Keep the first state's timestamps when nothing changed, so a re-sync writes nothing.
        if (!started && pod.Status?.ContainerStatuses is { } previous && PodTemplateHash.SameJson(new ContainerStatuses(previous), new ContainerStatuses(statuses)))
            statuses = previous.ToList();
        status.ContainerStatuses = statuses;
        if (started) status.Phase = "Running";

        var reasonNotReady = invalid.Count > 0 || !started
            ? $"containers with unready status: [{string.Join(" ", containers.Select(c => c.Name))}]"
            : null;
        status.Conditions = Conditions(pod, started, reasonNotReady, now);

        if (!started && invalid.Count == 0) plan.RequeueNoLaterThan(startTime + _startDelay - now);
        if (!PodTemplateHash.SameJson(updated, pod))
        {
            plan.Add(WriteVerb.UpdateStatus, ReplicaSetSync.Pods, updated);
            if (started)
                foreach (var c in containers)
                {
                    plan.Event(pod, "Pulled", $"Container image \"{c.Image}\" already present on machine");
                    plan.Event(pod, "Created", $"Created container {c.Name}");
                    plan.Event(pod, "Started", $"Started container {c.Name}");
                }
        }
        return plan;
    }

    // A wrapper to compare two status lists as JSON.
    private sealed record ContainerStatuses(IList<V1ContainerStatus> Items);

    /// <summary>
    /// The kubelet's answer to an image name it cannot parse: no pull and no back-off, the same waiting reason on
    /// every sync, with <c>applyDefaultImageTag</c>'s message; its events come once, when the state is new.
    /// </summary>
    private static V1ContainerStateWaiting InvalidImageName(V1Pod pod, string image, string parseError, V1ContainerStatus? old, WorkloadPlan plan)
    {
        var message = $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": {parseError}";
        if (old?.State?.Waiting?.Reason != "InvalidImageName")
        {
            plan.Event(pod, "InspectFailed", message, "Warning");
            plan.Event(pod, "Failed", "Error: InvalidImageName", "Warning");
        }
        return new V1ContainerStateWaiting { Reason = "InvalidImageName", Message = message };
    }

    private static List<V1PodCondition> Conditions(V1Pod pod, bool ready, string? notReadyMessage, DateTimeOffset now)
    {
        var old = (pod.Status?.Conditions ?? []).GroupBy(c => c.Type ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        V1PodCondition Condition(string type, bool value, string? reason = null, string? message = null)
        {
            var status = value ? "True" : "False";
            var since = old.TryGetValue(type, out var o) && o.Status == status ? o.LastTransitionTime : Wire.Time(now);
            return new V1PodCondition { Type = type, Status = status, LastTransitionTime = since, Reason = reason, Message = message };
        }
        return
        [
            Condition("PodReadyToStartContainers", true),
            Condition("Initialized", true),
            ready ? Condition("Ready", true) : Condition("Ready", false, "ContainersNotReady", notReadyMessage),
            ready ? Condition("ContainersReady", true) : Condition("ContainersReady", false, "ContainersNotReady", notReadyMessage),
            Condition("PodScheduled", true),
        ];
    }

    /// <summary>
    /// The runtime reports the image it pulled; with nothing really pulled, the pull spec itself
    /// (digest-pinned for triggered workloads, which is what CRI-O prints for them too).
    /// </summary>
    private static string ImageID(string image) => image;

    private static string QosClass(V1PodSpec spec)
    {
        var resources = (spec.Containers ?? []).Select(c => c.Resources).ToList();
        return resources.Any(r => r?.Requests is { Count: > 0 } || r?.Limits is { Count: > 0 }) ? "Burstable" : "BestEffort";
    }
}
