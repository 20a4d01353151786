using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Apps;

/// <summary>apps/v1 replicasets: replicas and pod template defaults, status and scale subresources.</summary>
public sealed class ReplicaSetStrategy : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "apps", Version = "v1", Resource = "replicasets", Kind = "ReplicaSet", Namespaced = true,
        ShortNames = ["rs"], Categories = ["all"],
        Subresources = [SubresourceType.Status("ReplicaSet"), SubresourceType.Scale],
    };

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        WorkloadRules.DefaultTemplate(obj);
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        WorkloadRules.DefaultTemplate(obj);
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) => WorkloadRules.Validate(obj);

    public override IEnumerable<FieldError> ValidateUpdate(RequestContext context, JsonObject obj, JsonObject old) =>
        WorkloadRules.ValidateUpdate(obj, old);

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Desired", "integer", "Number of desired pods."),
        new("Current", "integer", "Number of actual pods."),
        new("Ready", "integer", "Number of pods ready."),
        TableColumn.Age,
        new("Containers", "string", "Names of each container in the template.", 1),
        new("Images", "string", "Images referenced by each container in the template.", 1),
        new("Selector", "string", "Label selector for pods.", 1),
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var (names, images) = Tables.Containers(obj["spec"]?["template"]?["spec"]);
        return
        [
            ObjectMeta.Name(obj),
            ObjectMeta.Int(obj, "spec", "replicas") ?? 0,
            ObjectMeta.Int(obj, "status", "replicas") ?? 0,
            ObjectMeta.Int(obj, "status", "readyReplicas") ?? 0,
            Tables.Age(ObjectMeta.CreationTimestamp(obj), now),
            names, images, Tables.Selector(obj["spec"]?["selector"]),
        ];
    }
}
