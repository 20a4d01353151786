using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 namespaces: phase Active, the <c>kubernetes.io/metadata.name</c> label, and deletion of everything inside.</summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    public static ResourceType NamespaceType { get; } = new()
    {
        Group = "", Version = "v1", Resource = "namespaces", Kind = "Namespace", Namespaced = false,
        ShortNames = ["ns"], Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        Subresources = [SubresourceType.Status("Namespace")],
    };

    public override ResourceType Type => NamespaceType;

    public override bool TracksGeneration => false;

    public override void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        base.PrepareForCreate(context, obj);
        ObjectMeta.Ensure(obj, "spec")["finalizers"] = new JsonArray("kubernetes");
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        NameLabel(obj);
    }

    public override void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(context, obj, old);
        // spec.finalizers is changed only through the finalize subresource.
        if (old["spec"] is { } spec) obj["spec"] = spec.DeepClone();
        NameLabel(obj);
    }

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) =>
        Validation.DnsLabelName(ObjectMeta.Name(obj));

    public override void AfterDelete(RequestContext context, JsonObject deleted)
    {
        var ns = ObjectMeta.Name(deleted);
        foreach (var strategy in context.Api.Catalog.Strategies.Where(s => s.Type.Namespaced).ToList())
            context.Api.DeleteCollection(strategy.Type.Group, strategy.Type.Resource, ns);
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the namespace"),
        TableColumn.Age,
    ];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [ObjectMeta.Name(obj), ObjectMeta.Str(obj, "status", "phase") ?? "", Tables.Age(ObjectMeta.CreationTimestamp(obj), now)];

    protected override IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } =
        new Dictionary<string, Func<JsonObject, string>> { ["status.phase"] = o => ObjectMeta.Str(o, "status", "phase") ?? "" };

    private static void NameLabel(JsonObject obj) =>
        ObjectMeta.Ensure(obj, "metadata", "labels")["kubernetes.io/metadata.name"] = ObjectMeta.Name(obj);
}
