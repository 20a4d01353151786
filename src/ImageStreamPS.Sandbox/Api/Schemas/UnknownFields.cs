using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// The fields of a JSON object that its schema does not declare, as paths the way sigs.k8s.io/json's strict
/// decoder names them (<c>spec.tags[0].form</c>), in document order, with the object holding each (to drop
/// it, as decoding into the typed object does). Objects that preserve unknown fields (RawExtension, kinds
/// without a model) and maps accept anything.
/// </summary>
public static class UnknownFields
{
    public sealed record Field(string Path, JsonObject Parent, string Key);

    public static IReadOnlyList<Field> Find(JsonObject obj, string schemaName, IReadOnlyDictionary<string, JsonObject> components)
    {
        var found = new List<Field>();
        Walk(obj, components.GetValueOrDefault(schemaName), components, "", found);
        return found;
    }

    private static void Walk(JsonNode? node, JsonObject? schema, IReadOnlyDictionary<string, JsonObject> components, string path, List<Field> found)
    {
        schema = Resolve(schema, components);
        if (schema is null || node is null || schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true) return;
        switch (node)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (key, value) in obj)
                {
                    var child = path.Length == 0 ? key : path + "." + key;
                    if (properties[key] is JsonObject property) Walk(value, property, components, child, found);
                    else found.Add(new Field(child, obj, key));
                }
                break;
            case JsonObject obj when schema["additionalProperties"] is JsonObject values:
                foreach (var (key, value) in obj) Walk(value, values, components, path.Length == 0 ? key : path + "." + key, found);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++) Walk(array[i], items, components, $"{path}[{i}]", found);
                break;
        }
    }

    private static JsonObject? Resolve(JsonObject? schema, IReadOnlyDictionary<string, JsonObject> components)
    {
        for (var depth = 0; schema is not null && depth < 8; depth++)
        {
            var reference = schema["$ref"]?.GetValue<string>()
                            ?? (schema["allOf"] is JsonArray { Count: 1 } allOf ? allOf[0]?["$ref"]?.GetValue<string>() : null);
            if (reference is null) return schema;
            schema = components.GetValueOrDefault(reference[SchemaGenerator.RefPrefix.Length..]);
        }
        return schema;
    }
}
