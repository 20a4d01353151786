using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 pods: spec defaulting, phase Pending on create, validation, the <c>kubectl get pod</c> columns.</summary>
public sealed class PodStrategy : ResourceStrategy<V1Pod>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "pods", Kind = "Pod", Namespaced = true,
        ShortNames = ["po"], Categories = ["all"],
        Subresources = [SubresourceType.Status("Pod")],
    };

    public override bool TracksGeneration => false;

    protected override void PrepareForCreate(RequestContext context, V1Pod obj)
    {
        var spec = obj.Spec ??= new V1PodSpec();
        PodSpecDefaults.Apply(spec);
        PodSpecDefaults.ApplyPodOnly(spec);
        obj.Status = new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" };
    }

    protected override void PrepareForUpdate(RequestContext context, V1Pod obj, V1Pod old)
    {
        var spec = obj.Spec ??= new V1PodSpec();
        PodSpecDefaults.Apply(spec);
        PodSpecDefaults.ApplyPodOnly(spec);
    }

    /// <summary>
    /// A pod on a node is deleted gracefully (the kubelet removes it once its containers stopped);
    /// one never scheduled, or already finished, goes at once (CheckGracefulDelete).
    /// </summary>
    protected override long GracePeriod(V1Pod obj, DeleteOptions options)
    {
        if (string.IsNullOrEmpty(obj.Spec?.NodeName)) return 0;
        if (obj.Status?.Phase is "Succeeded" or "Failed") return 0;
        return Math.Max(0, options.GracePeriodSeconds ?? obj.Spec.TerminationGracePeriodSeconds ?? 30);
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1Pod obj) => ValidatePod(obj);

    /// <summary>
    /// kubernetes <c>validatePodMetadataAndSpec</c> (create and update): the name, <c>ValidatePodSpec</c>'s container
    /// checks, then what only a Pod may not have (<c>validateContainersOnlyForPod</c>).
    /// </summary>
    public static IEnumerable<FieldError> ValidatePod(V1Pod pod) =>
        NameValidation.Name(pod.Metadata?.Name ?? "", NameValidation.Dns1123Subdomain)
            .Concat(PodSpecDefaults.Validate(pod.Spec, "spec"))
            .Concat(PodSpecDefaults.ValidatePodOnly(pod.Spec, "spec"));

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

    protected override IReadOnlyList<JsonNode?> Cells(V1Pod obj, DateTimeOffset now)
    {
        var containers = obj.Spec?.Containers?.Count ?? 0;
        var statuses = obj.Status?.ContainerStatuses ?? [];
        var ready = statuses.Count(s => s.Ready);
        var restarts = statuses.Sum(s => s.RestartCount);
        var reason = obj.Status?.Reason ?? obj.Status?.Phase ?? "Unknown";
        foreach (var status in statuses)
        {
            if (status.State?.Waiting?.Reason is { Length: > 0 } waiting) reason = waiting;
            else if (status.State?.Terminated?.Reason is { Length: > 0 } terminated) reason = terminated;
        }
        if (obj.Metadata?.DeletionTimestamp is not null) reason = "Terminating";
        return
        [
            obj.Metadata?.Name ?? "", $"{ready}/{containers}", reason, restarts.ToString(), Tables.Age(obj.Metadata?.CreationTimestamp, now),
            obj.Status?.PodIP ?? "<none>", obj.Spec?.NodeName ?? "<none>", obj.Status?.NominatedNodeName ?? "<none>", "<none>",
        ];
    }

    protected override IReadOnlyDictionary<string, Func<V1Pod, string>> Fields { get; } = new Dictionary<string, Func<V1Pod, string>>
    {
        ["spec.nodeName"] = o => o.Spec?.NodeName ?? "",
        ["spec.restartPolicy"] = o => o.Spec?.RestartPolicy ?? "",
        ["spec.schedulerName"] = o => o.Spec?.SchedulerName ?? "",
        ["spec.serviceAccountName"] = o => o.Spec?.ServiceAccountName ?? "",
        ["status.phase"] = o => o.Status?.Phase ?? "",
        ["status.podIP"] = o => o.Status?.PodIP ?? "",
        ["status.nominatedNodeName"] = o => o.Status?.NominatedNodeName ?? "",
    };
}
