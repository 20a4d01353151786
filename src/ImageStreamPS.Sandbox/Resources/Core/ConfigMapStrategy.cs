using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 configmaps: generic storage with the DATA column.</summary>
public sealed class ConfigMapStrategy : ResourceStrategy<V1ConfigMap>
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "configmaps", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"],
    };

    public override bool TracksGeneration => false;

    protected override IEnumerable<FieldError> Validate(RequestContext context, V1ConfigMap obj) => NameValidation.Name(obj.Metadata?.Name ?? "", NameValidation.Dns1123Subdomain);

    public override IReadOnlyList<TableColumn> Columns { get; } =
        [TableColumn.NameColumn, new("Data", "string", "Number of data entries."), TableColumn.Age];

    protected override IReadOnlyList<JsonNode?> Cells(V1ConfigMap obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name ?? "",
        ((obj.Data?.Count ?? 0) + (obj.BinaryData?.Count ?? 0)).ToString(),
        Tables.Age(obj.Metadata?.CreationTimestamp, now),
    ];
}
