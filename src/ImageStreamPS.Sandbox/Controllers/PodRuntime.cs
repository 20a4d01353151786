using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// What the scheduler and the kubelet would do to a Pod, simulated (no container runs): bind it
/// to the sandbox node, report ContainerCreating, then Running and Ready after the start delay;
/// an image that is not a valid pull spec waits in ErrImagePull, then ImagePullBackOff; a Pod
/// being deleted gracefully is removed once its containers "stopped".
/// </summary>
internal sealed class PodRuntime
{
    public const string NodeName = "sandbox";
    public const string HostIP = "127.0.0.1";

    /// <summary>How long ErrImagePull shows before the kubelet's back-off reason replaces it.</summary>
    public static readonly TimeSpan PullBackOffAfter = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _startDelay;
    private readonly Func<string, bool> _isPullable;

    /// <param name="startDelay">Time from binding to Running and Ready (--pod-start-delay).</param>
    /// <param name="isPullable">Whether an image string is a pull spec the runtime could pull.</param>
    public PodRuntime(TimeSpan startDelay, Func<string, bool> isPullable)
    {
        _startDelay = startDelay;
        _isPullable = isPullable;
    }

    public static bool IsReady(JsonObject pod) => ReadyCondition(pod) is { } c && (string?)c["status"] == "True";

    public static DateTimeOffset? ReadySince(JsonObject pod) =>
        ReadyCondition(pod) is { } c ? ObjectFields.ParseTime((string?)c["lastTransitionTime"]) : null;

    private static JsonObject? ReadyCondition(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");

    /// <param name="pod">The stored Pod.</param>
    /// <param name="usedPodIPs">Pod IPs already given to other Pods.</param>
    /// <param name="now">The runtime's clock.</param>
    public WorkloadPlan Plan(JsonObject pod, IReadOnlySet<string> usedPodIPs, DateTimeOffset now)
    {
        var plan = new WorkloadPlan();
        if (pod.IsDeleting())
        {
            plan.Add(WriteVerb.Delete, ReplicaSetSync.Pods, pod);
            return plan;
        }
        var phase = (string?)pod["status"]?["phase"];
        if (phase is "Running" or "Succeeded" or "Failed") return plan;

        var updated = pod.Copy();
        var spec = updated.Child("spec");
        var status = updated.Child("status");
        if (string.IsNullOrEmpty((string?)spec["nodeName"]))
        {
            spec["nodeName"] = NodeName;
            plan.Add(WriteVerb.Update, ReplicaSetSync.Pods, updated);
            plan.Event(pod, "Scheduled", $"Successfully assigned {pod.Namespace()}/{pod.Name()} to {NodeName}");
        }
        var startTime = ObjectFields.ParseTime((string?)status["startTime"]) ?? now;
        if (status["startTime"] is null)
        {
            status["phase"] = "Pending";
            status["hostIP"] = HostIP;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIP });
            var ip = PodNetwork.Allocate(usedPodIPs);
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
            status["startTime"] = ObjectFields.FormatTime(now);
            status["qosClass"] = QosClass(spec);
        }

        var containers = (spec["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var unpullable = containers.Where(c => !_isPullable((string?)c["image"] ?? "")).ToList();
        var started = unpullable.Count == 0 && now - startTime >= _startDelay;
        var oldStatuses = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(s => (string?)s["name"] ?? "", StringComparer.Ordinal);
        var statuses = new JsonArray();
        foreach (var container in containers)
        {
            var name = (string?)container["name"] ?? "";
            var image = (string?)container["image"] ?? "";
            oldStatuses.TryGetValue(name, out var old);
            JsonObject state;
            if (started)
                state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectFields.FormatTime(now) } };
            else if (unpullable.Contains(container))
                state = new JsonObject { ["waiting"] = PullFailure(pod, image, old, plan) };
            else
                state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
            var containerStatus = new JsonObject
            {
                ["name"] = name,
                ["state"] = state,
                ["lastState"] = new JsonObject(),
                ["ready"] = started,
                ["restartCount"] = ObjectFields.Long(old?["restartCount"]),
                ["image"] = image,
                ["imageID"] = started ? ImageID(image) : "",
                ["started"] = started,
            };
            if (started) containerStatus["containerID"] = "cri-o://" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            statuses.Add(containerStatus);
        }
        // Keep the first state's timestamps when nothing changed, so a re-sync writes nothing.
        if (!started && pod["status"]?["containerStatuses"] is JsonArray previous
            && PodTemplateHash.Canonical(previous) == PodTemplateHash.Canonical(statuses))
            statuses = (JsonArray)previous.DeepClone();
        status["containerStatuses"] = statuses;
        if (started) status["phase"] = "Running";

        var reasonNotReady = unpullable.Count > 0 || !started
            ? $"containers with unready status: [{string.Join(" ", containers.Select(c => (string?)c["name"]))}]"
            : null;
        status["conditions"] = Conditions(pod, started, reasonNotReady, now);

        if (!started && unpullable.Count == 0) plan.RequeueNoLaterThan(startTime + _startDelay - now);
        if (PodTemplateHash.Canonical(updated) != PodTemplateHash.Canonical(pod))
        {
            plan.Add(WriteVerb.UpdateStatus, ReplicaSetSync.Pods, updated);
            if (started)
                foreach (var c in containers)
                {
                    plan.Event(pod, "Pulled", $"Container image \"{(string?)c["image"]}\" already present on machine");
                    plan.Event(pod, "Created", $"Created container {(string?)c["name"]}");
                    plan.Event(pod, "Started", $"Started container {(string?)c["name"]}");
                }
        }
        return plan;
    }

    private static JsonObject PullFailure(JsonObject pod, string image, JsonObject? old, WorkloadPlan plan)
    {
        var oldReason = (string?)old?["state"]?["waiting"]?["reason"];
        if (oldReason is "ErrImagePull" or "ImagePullBackOff")
        {
            return new JsonObject
            {
                ["reason"] = "ImagePullBackOff",
                ["message"] = $"Back-off pulling image \"{image}\"",
            };
        }
        plan.RequeueNoLaterThan(PullBackOffAfter);
        plan.Event(pod, "Failed", $"Failed to pull image \"{image}\": invalid reference format", "Warning");
        return new JsonObject
        {
            ["reason"] = "ErrImagePull",
            ["message"] = $"Failed to pull image \"{image}\": invalid reference format",
        };
    }

    private static JsonArray Conditions(JsonObject pod, bool ready, string? notReadyMessage, DateTimeOffset now)
    {
        var old = (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(c => (string?)c["type"] ?? "", StringComparer.Ordinal);
        JsonObject Condition(string type, bool value, string? reason = null, string? message = null)
        {
            var status = value ? "True" : "False";
            var since = old.TryGetValue(type, out var o) && (string?)o["status"] == status
                ? (string?)o["lastTransitionTime"]
                : ObjectFields.FormatTime(now);
            var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = since };
            if (reason is not null) c["reason"] = reason;
            if (message is not null) c["message"] = message;
            return c;
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

    private static string QosClass(JsonObject spec)
    {
        var resources = (spec["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["resources"] as JsonObject).ToList();
        bool Has(string kind) => resources.Any(r => r?[kind] is JsonObject { Count: > 0 });
        return !Has("requests") && !Has("limits") ? "BestEffort" : "Burstable";
    }
}
