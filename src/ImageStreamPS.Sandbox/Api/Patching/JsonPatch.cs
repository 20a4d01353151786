using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Api.Patching;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>): add, remove, replace, move, copy, test.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations) throw ApiErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var node in operations)
        {
            if (node is not JsonObject op) throw ApiErrors.BadRequest("json: cannot unmarshal " + GoType(node) + " into Go value of type jsonpatch.Operation");
            // As evanphx/json-patch reads an operation: an op that is no string is kind "unknown"; a path that is no string fails.
            var kind = Text(op["op"]) ?? "unknown";
            if (kind is not ("add" or "remove" or "replace" or "move" or "copy" or "test")) throw Failed($"Unexpected kind: {kind}");
            var path = Text(op["path"]) ?? throw Failed($"{kind} operation has no string path");
            switch (kind)
            {
                case "add": Add(root, path, Required(op, "value")); break;
                case "remove": Remove(root, path); break;
                case "replace": Remove(root, path); Add(root, path, Required(op, "value")); break;
                case "move":
                    var moved = Remove(root, From(op));
                    Add(root, path, moved);
                    break;
                case "copy": Add(root, path, Resolve(root, From(op))?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(root, path), op["value"]))
                        throw Failed($"testing value {path} failed: test failed");
                    break;
                default: throw Failed($"Unexpected kind: {kind}");
            }
        }
        return root["doc"]!.DeepClone();
    }

    private static JsonNode? Required(JsonObject op, string name) =>
        op.ContainsKey(name) ? op[name]?.DeepClone() : throw Failed($"{Text(op["op"])} operation, missing {name} field");

    private static string From(JsonObject op) => Text(op["from"]) ?? throw Failed($"{Text(op["op"])} operation has no string from");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string GoType(JsonNode? node) => node switch
    {
        JsonArray => "array",
        JsonObject => "object",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => "number",
        JsonValue => "bool",
        _ => "null",
    };

    private static List<string> Segments(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw Failed($"invalid JSON pointer {pointer}");
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
    }

    private static (JsonNode Parent, string Last) Parent(JsonObject root, string pointer)
    {
        var segments = Segments(pointer);
        segments.Insert(0, "doc");
        JsonNode? node = root;
        foreach (var segment in segments.Take(segments.Count - 1))
            node = Child(node, segment) ?? throw Failed($"doc is missing path: \"{pointer}\": missing value");
        return (node!, segments[^1]);
    }

    private static JsonNode? Child(JsonNode? node, string segment) => node switch
    {
        JsonObject o => o[segment],
        JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Resolve(JsonObject root, string pointer)
    {
        var (parent, last) = Parent(root, pointer);
        return Child(parent, last);
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count: a.Insert(i, value); break;
            default: throw Failed($"add operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }
    }

    private static JsonNode? Remove(JsonObject root, string pointer)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                var value = o[last];
                o.Remove(last);
                return value;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default: throw Failed($"doc is missing path: \"{pointer}\": missing value");
        }
    }

    private static StatusException Failed(string message) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request: " + message,
            new System.Text.Json.Nodes.JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = "patch" }) });
}
