using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>A page of a list: the items, the list's resourceVersion and the continue token of the next page.</summary>
public sealed record ObjectList(ResourceType Type, IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue = null, long? RemainingItemCount = null)
{
    /// <summary>The wire form: <c>{kind: XList, apiVersion, metadata: {resourceVersion, continue?}, items}</c>.</summary>
    public JsonObject ToJson() => ToJson(withItems: true);

    /// <summary>The wire form, without <c>items</c> when <paramref name="withItems"/> is false (<see cref="Http.ListWriter"/> streams them).</summary>
    public JsonObject ToJson(bool withItems)
    {
        var metadata = new JsonObject { ["resourceVersion"] = ResourceVersion };
        if (Continue is not null) metadata["continue"] = Continue;
        if (RemainingItemCount is not null) metadata["remainingItemCount"] = RemainingItemCount;
        var list = new JsonObject { ["kind"] = Type.ListKind, ["apiVersion"] = Type.ApiVersion, ["metadata"] = metadata };
        if (withItems) list["items"] = new JsonArray(Copies().Select(i => (JsonNode)i).ToArray());
        return list;
    }

    /// <summary>Each item as a new object, one at a time (stored items are parsed as they are reached, not all at once).</summary>
    public IEnumerable<JsonObject> Copies() =>
        Items is StoredItems stored ? stored.Stream() : Items.Select(i => (JsonObject)i.DeepClone());

    /// <summary>Reads a list object (as a virtual resource returns it).</summary>
    public static ObjectList FromJson(ResourceType type, JsonObject list) => new(
        type,
        (list["items"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [],
        MetaAccessor.Str(list, "metadata", "resourceVersion") ?? "",
        MetaAccessor.Str(list, "metadata", "continue"));
}
