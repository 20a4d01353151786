using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 pods: spec defaulting, phase Pending on create, the <c>kubectl get pod</c> columns.</summary>
public sealed class PodStrategy : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "pods", Kind = "Pod", Namespaced = true,
        ShortNames = ["po"], Categories = ["all"],
        Subresources = [SubresourceType.Status("Pod")],
    };

    public override bool TracksGeneration => false;

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        var spec = ObjectMeta.Ensure(obj, "spec");
        PodSpecDefaults.Apply(spec);
        PodSpecDefaults.ApplyPodOnly(spec);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        var spec = ObjectMeta.Ensure(obj, "spec");
        PodSpecDefaults.Apply(spec);
        PodSpecDefaults.ApplyPodOnly(spec);
    }

    /// <summary>
    /// A pod on a node is deleted gracefully (the kubelet removes it once its containers stopped);
    /// one never scheduled, or already finished, goes at once (CheckGracefulDelete).
    /// </summary>
    public override long GracePeriod(JsonObject obj, Api.DeleteOptions options)
    {
        if (string.IsNullOrEmpty(ObjectMeta.Str(obj, "spec", "nodeName"))) return 0;
        if (ObjectMeta.Str(obj, "status", "phase") is "Succeeded" or "Failed") return 0;
        return Math.Max(0, options.GracePeriodSeconds ?? ObjectMeta.Int(obj, "spec", "terminationGracePeriodSeconds") ?? 30);
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) =>
        Validation.DnsSubdomainName(ObjectMeta.Name(obj)).Concat(PodSpecDefaults.Validate(obj["spec"], "spec"));

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        new("IP", "string", "IP address allocated to the pod. Routable at least within the cluster.", 1),
        new("Node", "string", "Name of the Node this pod is assigned to.", 1),
        new("Nominated Node", "string", "Name of the node nominated for preemption.", 1),
        new("Readiness Gates", "string", "Readiness gates of the pod.", 1),
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var containers = (obj["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var statuses = (obj["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var ready = statuses.Count(s => s["ready"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);
        var restarts = statuses.Sum(s => ObjectMeta.Int(s, "restartCount") ?? 0);
        var reason = ObjectMeta.Str(obj, "status", "reason") ?? ObjectMeta.Str(obj, "status", "phase") ?? "Unknown";
        foreach (var status in statuses)
        {
            if (ObjectMeta.Str(status, "state", "waiting", "reason") is { Length: > 0 } waiting) reason = waiting;
            else if (ObjectMeta.Str(status, "state", "terminated", "reason") is { Length: > 0 } terminated) reason = terminated;
        }
        if (obj["metadata"]?["deletionTimestamp"] is not null) reason = "Terminating";
        return
        [
            ObjectMeta.Name(obj), $"{ready}/{containers}", reason, restarts.ToString(), Tables.Age(ObjectMeta.CreationTimestamp(obj), now),
            ObjectMeta.Str(obj, "status", "podIP") ?? "<none>", ObjectMeta.Str(obj, "spec", "nodeName") ?? "<none>",
            ObjectMeta.Str(obj, "status", "nominatedNodeName") ?? "<none>", "<none>",
        ];
    }

    protected override IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } = new Dictionary<string, Func<JsonObject, string>>
    {
        ["spec.nodeName"] = o => ObjectMeta.Str(o, "spec", "nodeName") ?? "",
        ["spec.restartPolicy"] = o => ObjectMeta.Str(o, "spec", "restartPolicy") ?? "",
        ["spec.schedulerName"] = o => ObjectMeta.Str(o, "spec", "schedulerName") ?? "",
        ["spec.serviceAccountName"] = o => ObjectMeta.Str(o, "spec", "serviceAccountName") ?? "",
        ["status.phase"] = o => ObjectMeta.Str(o, "status", "phase") ?? "",
        ["status.podIP"] = o => ObjectMeta.Str(o, "status", "podIP") ?? "",
        ["status.nominatedNodeName"] = o => ObjectMeta.Str(o, "status", "nominatedNodeName") ?? "",
    };
}
