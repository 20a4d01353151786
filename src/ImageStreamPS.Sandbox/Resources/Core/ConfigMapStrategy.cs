using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>v1 configmaps: generic storage with the DATA column.</summary>
public sealed class ConfigMapStrategy : ResourceStrategy
{
    public override ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = "configmaps", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"],
    };

    public override bool TracksGeneration => false;

    public override IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) => Validation.DnsSubdomainName(ObjectMeta.Name(obj));

    public override IReadOnlyList<TableColumn> Columns { get; } =
        [TableColumn.NameColumn, new("Data", "string", "Number of data entries."), TableColumn.Age];

    public override IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
    [
        ObjectMeta.Name(obj),
        (((obj["data"] as JsonObject)?.Count ?? 0) + ((obj["binaryData"] as JsonObject)?.Count ?? 0)).ToString(),
        Tables.Age(ObjectMeta.CreationTimestamp(obj), now),
    ];
}
