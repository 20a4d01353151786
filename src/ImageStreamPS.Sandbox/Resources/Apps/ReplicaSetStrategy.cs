using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Apps;

/// <summary>apps/v1 replicasets: replicas and pod template defaults, status and scale subresources.</summary>
public sealed class ReplicaSetStrategy : ResourceStrategy<V1ReplicaSet>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "apps", Version = "v1", Resource = "replicasets", Kind = "ReplicaSet", Namespaced = true,
        ShortNames = ["rs"], Categories = ["all"],
        Subresources = [SubresourceType.Status("ReplicaSet"), SubresourceType.Scale],
    };

    protected override void PrepareForCreate(RequestContext context, V1ReplicaSet obj) => Defaults(obj);

    protected override void PrepareForUpdate(RequestContext context, V1ReplicaSet obj, V1ReplicaSet old) => Defaults(obj);

    private static void Defaults(V1ReplicaSet obj)
    {
        var spec = obj.Spec ??= new V1ReplicaSetSpec();
        spec.Replicas = WorkloadRules.DefaultTemplate(spec.Replicas, spec.Template);
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1ReplicaSet obj) =>
        WorkloadRules.Validate(obj.Metadata, obj.Spec?.Replicas, obj.Spec?.Selector, obj.Spec?.Template);

    protected override IEnumerable<FieldError> ValidateUpdate(RequestContext context, V1ReplicaSet obj, V1ReplicaSet old) =>
        Validate(context, obj).Concat(WorkloadRules.ValidateSelectorUpdate(obj.Spec?.Selector, old.Spec?.Selector));

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

    protected override IReadOnlyList<JsonNode?> Cells(V1ReplicaSet obj, DateTimeOffset now)
    {
        var (names, images) = Tables.Containers(obj.Spec?.Template?.Spec);
        return
        [
            obj.Metadata?.Name ?? "",
            obj.Spec?.Replicas ?? 0,
            obj.Status?.Replicas ?? 0,
            obj.Status?.ReadyReplicas ?? 0,
            Tables.Age(obj.Metadata?.CreationTimestamp, now),
            names, images, Tables.Selector(obj.Spec?.Selector),
        ];
    }
}
