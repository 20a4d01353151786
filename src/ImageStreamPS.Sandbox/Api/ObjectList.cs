using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>A page of a list: the items, the list's resourceVersion and the continue token of the next page.</summary>
public sealed record ObjectList(ResourceType Type, IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue = null, long? RemainingItemCount = null)
{
    /// <summary>The wire form: <c>{kind: XList, apiVersion, metadata: {resourceVersion, continue?}, items}</c>.</summary>
    public JsonObject ToJson()
    {
        var metadata = new JsonObject { ["resourceVersion"] = ResourceVersion };
        if (Continue is not null) metadata["continue"] = Continue;
        if (RemainingItemCount is not null) metadata["remainingItemCount"] = RemainingItemCount;
        return new JsonObject
        {
            ["kind"] = Type.ListKind,
            ["apiVersion"] = Type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray(Items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        };
    }

    /// <summary>Reads a list object (as a virtual resource returns it).</summary>
    public static ObjectList FromJson(ResourceType type, JsonObject list) => new(
        type,
        (list["items"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [],
        MetaAccessor.Str(list, "metadata", "resourceVersion") ?? "",
        MetaAccessor.Str(list, "metadata", "continue"));
}
