using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Apps;

/// <summary>
/// apps/v1 deployments: Kubernetes' defaults (RollingUpdate 25%/25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600, pod template defaults), generation bumped on spec changes by the
/// ApiService, status through the status subresource (the deployment controller writes it), scale.
/// </summary>
public sealed class DeploymentStrategy : ResourceStrategy<V1Deployment>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "apps", Version = "v1", Resource = "deployments", Kind = "Deployment", Namespaced = true,
        ShortNames = ["deploy"], Categories = ["all"],
        Subresources = [SubresourceType.Status("Deployment"), SubresourceType.Scale],
    };

    protected override void PrepareForCreate(RequestContext context, V1Deployment obj) => Defaults(obj);

    protected override void PrepareForUpdate(RequestContext context, V1Deployment obj, V1Deployment old) => Defaults(obj);

    private static void Defaults(V1Deployment obj)
    {
        var spec = obj.Spec ??= new V1DeploymentSpec();
        spec.Replicas = WorkloadRules.DefaultTemplate(spec.Replicas, spec.Template);
        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        var strategy = spec.Strategy ??= new V1DeploymentStrategy();
        strategy.Type ??= "RollingUpdate";
        if (strategy.Type == "RollingUpdate")
        {
            var rolling = strategy.RollingUpdate ??= new V1RollingUpdateDeployment();
            rolling.MaxUnavailable ??= (IntOrString)"25%";
            rolling.MaxSurge ??= (IntOrString)"25%";
        }
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1Deployment obj) =>
        WorkloadRules.Validate(obj.Metadata, obj.Spec?.Replicas, obj.Spec?.Selector, obj.Spec?.Template).Concat(StrategyErrors(obj));

    protected override IEnumerable<FieldError> ValidateUpdate(RequestContext context, V1Deployment obj, V1Deployment old) =>
        Validate(context, obj).Concat(WorkloadRules.ValidateSelectorUpdate(obj.Spec?.Selector, old.Spec?.Selector));

    private static IEnumerable<FieldError> StrategyErrors(V1Deployment obj)
    {
        var type = obj.Spec?.Strategy?.Type;
        if (type is not (null or "RollingUpdate" or "Recreate"))
            yield return FieldError.NotSupported("spec.strategy.type", type, "Recreate", "RollingUpdate");
        if (type == "Recreate" && obj.Spec?.Strategy?.RollingUpdate is not null)
            yield return FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        TableColumn.Age,
        new("Containers", "string", "Names of each container in the template.", 1),
        new("Images", "string", "Images referenced by each container in the template.", 1),
        new("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
    ];

    protected override IReadOnlyList<JsonNode?> Cells(V1Deployment obj, DateTimeOffset now)
    {
        var (names, images) = Tables.Containers(obj.Spec?.Template?.Spec);
        return
        [
            obj.Metadata?.Name ?? "",
            $"{obj.Status?.ReadyReplicas ?? 0}/{obj.Spec?.Replicas ?? 0}",
            obj.Status?.UpdatedReplicas ?? 0,
            obj.Status?.AvailableReplicas ?? 0,
            Tables.Age(obj.Metadata?.CreationTimestamp, now),
            names, images, Tables.Selector(obj.Spec?.Selector),
        ];
    }
}
