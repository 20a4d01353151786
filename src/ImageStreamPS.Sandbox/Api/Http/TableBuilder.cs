using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// meta.k8s.io/v1 Table responses (what <c>kubectl get</c> prints). Rows carry the object as
/// PartialObjectMetadata by default (<c>includeObject=Metadata</c>), the full object with
/// <c>includeObject=Object</c>, nothing with <c>None</c>.
/// </summary>
public static class TableBuilder
{
    public static JsonObject Build(CatalogEntry entry, IEnumerable<JsonObject> items, DateTimeOffset now, string? includeObject,
        string? resourceVersion = null, string? continueToken = null, bool withColumns = true)
    {
        var columns = entry.Strategy?.Columns ?? entry.Virtual!.Columns;
        Func<JsonObject, DateTimeOffset, IReadOnlyList<JsonNode?>> cells = entry.Strategy is { } s ? s.Cells : entry.Virtual!.Cells;
        var metadata = new JsonObject();
        if (resourceVersion is not null) metadata["resourceVersion"] = resourceVersion;
        if (!string.IsNullOrEmpty(continueToken)) metadata["continue"] = continueToken;
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = withColumns
                ? new JsonArray(columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format, ["description"] = c.Description, ["priority"] = c.Priority,
                }).ToArray())
                : new JsonArray(),
            ["rows"] = new JsonArray(items.Select(item => (JsonNode)Row(item, cells(item, now), includeObject)).ToArray()),
        };
    }

    private static JsonObject Row(JsonObject item, IReadOnlyList<JsonNode?> cells, string? includeObject)
    {
        var row = new JsonObject { ["cells"] = new JsonArray(cells.Select(c => c?.DeepClone()).ToArray()) };
        switch (includeObject)
        {
            case "None": break;
            case "Object": row["object"] = item.DeepClone(); break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone() ?? new JsonObject(),
                };
                break;
        }
        return row;
    }
}
