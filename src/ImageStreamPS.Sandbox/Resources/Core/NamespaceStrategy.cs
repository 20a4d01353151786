using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 namespaces: phase Active, the <c>kubernetes.io/metadata.name</c> label, and deletion of everything inside.</summary>
public sealed class NamespaceStrategy : ResourceStrategy<V1Namespace>
{
    public static ResourceType NamespaceType { get; } = new()
    {
        Group = "", Version = "v1", Resource = "namespaces", Kind = "Namespace", Namespaced = false,
        ShortNames = ["ns"], Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        Subresources = [SubresourceType.Status("Namespace")],
    };

    public override ResourceType Type => NamespaceType;

    public override bool TracksGeneration => false;

    protected override void PrepareForCreate(RequestContext context, V1Namespace obj)
    {
        (obj.Spec ??= new V1NamespaceSpec()).Finalizers = ["kubernetes"];
        obj.Status = new V1NamespaceStatus { Phase = "Active" };
        NameLabel(obj);
    }

    protected override void PrepareForUpdate(RequestContext context, V1Namespace obj, V1Namespace old)
    {
        // spec.finalizers is changed only through the finalize subresource.
        obj.Spec = old.Spec;
        NameLabel(obj);
    }

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1Namespace obj) => NameValidation.Name(obj.Metadata?.Name ?? "", NameValidation.Dns1123Label);

    protected override void AfterDelete(RequestContext context, V1Namespace deleted)
    {
        var ns = deleted.Metadata?.Name ?? "";
        foreach (var strategy in context.Api.Catalog.Strategies.Where(s => s.Type.Namespaced).ToList())
            context.Api.DeleteCollection(strategy.Type.Group, strategy.Type.Resource, ns);
    }

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the namespace"),
        TableColumn.Age,
    ];

    protected override IReadOnlyList<JsonNode?> Cells(V1Namespace obj, DateTimeOffset now) =>
        [obj.Metadata?.Name ?? "", obj.Status?.Phase ?? "", Tables.Age(obj.Metadata?.CreationTimestamp, now)];

    protected override IReadOnlyDictionary<string, Func<V1Namespace, string>> Fields { get; } =
        new Dictionary<string, Func<V1Namespace, string>> { ["status.phase"] = o => o.Status?.Phase ?? "" };

    private static void NameLabel(V1Namespace obj) =>
        (obj.Metadata.Labels ??= new Dictionary<string, string>())["kubernetes.io/metadata.name"] = obj.Metadata.Name;
}
