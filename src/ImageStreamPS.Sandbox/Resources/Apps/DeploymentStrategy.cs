using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Apps;

/// <summary>
/// apps/v1 deployments: Kubernetes' defaults (RollingUpdate 25%/25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600, pod template defaults), generation bumped on spec changes by the
/// ApiService, status through the status subresource (the deployment controller writes it), scale.
/// </summary>
public sealed class DeploymentStrategy : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "apps", Version = "v1", Resource = "deployments", Kind = "Deployment", Namespaced = true,
        ShortNames = ["deploy"], Categories = ["all"],
        Subresources = [SubresourceType.Status("Deployment"), SubresourceType.Scale],
    };

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        Defaults(obj);
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        Defaults(obj);
    }

    private static void Defaults(JsonObject obj)
    {
        WorkloadRules.DefaultTemplate(obj);
        var spec = ObjectMeta.Ensure(obj, "spec");
        ObjectMeta.Default(spec, "revisionHistoryLimit", 10);
        ObjectMeta.Default(spec, "progressDeadlineSeconds", 600);
        var strategy = ObjectMeta.Ensure(spec, "strategy");
        ObjectMeta.Default(strategy, "type", "RollingUpdate");
        if (ObjectMeta.Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = ObjectMeta.Ensure(strategy, "rollingUpdate");
            ObjectMeta.Default(rolling, "maxUnavailable", "25%");
            ObjectMeta.Default(rolling, "maxSurge", "25%");
        }
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) =>
        WorkloadRules.Validate(obj).Concat(StrategyErrors(obj));

    public override IEnumerable<FieldError> ValidateUpdate(RequestContext context, JsonObject obj, JsonObject old) =>
        WorkloadRules.ValidateUpdate(obj, old).Concat(StrategyErrors(obj));

    private static IEnumerable<FieldError> StrategyErrors(JsonObject obj)
    {
        var type = ObjectMeta.Str(obj, "spec", "strategy", "type");
        if (type is not (null or "RollingUpdate" or "Recreate"))
            yield return FieldError.NotSupported("spec.strategy.type", type, "Recreate", "RollingUpdate");
        if (type == "Recreate" && obj["spec"]?["strategy"]?["rollingUpdate"] is not null)
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

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var (names, images) = Tables.Containers(obj["spec"]?["template"]?["spec"]);
        return
        [
            ObjectMeta.Name(obj),
            $"{ObjectMeta.Int(obj, "status", "readyReplicas") ?? 0}/{ObjectMeta.Int(obj, "spec", "replicas") ?? 0}",
            ObjectMeta.Int(obj, "status", "updatedReplicas") ?? 0,
            ObjectMeta.Int(obj, "status", "availableReplicas") ?? 0,
            Tables.Age(ObjectMeta.CreationTimestamp(obj), now),
            names, images, Tables.Selector(obj["spec"]?["selector"]),
        ];
    }
}
