using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api.Schemas;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The swagger 2.0 document at <c>/openapi/v2</c> (what openshift-rest-client, the Python client and older
/// kubectl read): every group/version's operations of <see cref="OpenApiV3"/> and their schemas as
/// <c>definitions</c>, in v2's form (<c>$ref</c> beside the extensions instead of <c>allOf</c>, body and
/// query parameters, <c>consumes</c> with the PATCH media types).
/// </summary>
public static class OpenApiV2
{
    private const string V3Prefix = SchemaGenerator.RefPrefix;
    private const string V2Prefix = "#/definitions/";

    public static JsonObject Document(ResourceCatalog catalog, KindSchemas schemas)
    {
        var paths = new JsonObject();
        var definitions = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var ((group, version), gv) in schemas.All)
        {
            foreach (var (name, schema) in gv.Components) definitions.TryAdd(name, Convert(schema));
            foreach (var operation in OpenApiV3.Operations(catalog, group, version, gv))
            {
                var item = paths[operation.Path] as JsonObject ?? (JsonObject)(paths[operation.Path] = new JsonObject());
                item[operation.Method] = Build(operation);
            }
        }
        definitions.TryAdd(OpenApiV3.PatchSchema, new JsonObject { ["type"] = "object", ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." });
        definitions.TryAdd(OpenApiV3.StatusSchema, SchemaGenerator.AnyObject("Status is a return value for calls that don't return other objects."));
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["definitions"] = new JsonObject(definitions),
            ["securityDefinitions"] = new JsonObject { ["BearerToken"] = new JsonObject { ["type"] = "apiKey", ["name"] = "authorization", ["in"] = "header" } },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        };
    }

    private static JsonObject Build(OpenApiV3.Operation operation)
    {
        var parameters = new JsonArray();
        if (operation.Body)
            parameters.Add(new JsonObject
            {
                ["name"] = "body", ["in"] = "body", ["required"] = true,
                ["schema"] = new JsonObject { ["$ref"] = V2Prefix + (operation.Method == "patch" ? OpenApiV3.PatchSchema : operation.Response) },
            });
        foreach (var (name, type, description) in OpenApiV3.Parameters(operation))
            parameters.Add(new JsonObject { ["uniqueItems"] = true, ["type"] = type, ["description"] = description, ["name"] = name, ["in"] = "query" });
        var built = new JsonObject
        {
            ["description"] = operation.Action == "patch" ? $"partially update the specified {operation.Kind}" : $"{operation.Action} {operation.Kind}",
            ["consumes"] = operation.Method == "patch"
                ? new JsonArray(OpenApiV3.PatchMediaTypes.Select(m => (JsonNode)m).ToArray())
                : new JsonArray("*/*"),
            ["produces"] = new JsonArray("application/json", "application/yaml", "application/vnd.kubernetes.protobuf"),
            ["schemes"] = new JsonArray("https"),
            ["operationId"] = operation.Action + operation.Kind + (operation.Path.EndsWith("/status") ? "Status" : ""),
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "OK", ["schema"] = new JsonObject { ["$ref"] = V2Prefix + operation.Response } },
                ["401"] = new JsonObject { ["description"] = "Unauthorized" },
            },
            ["x-kubernetes-action"] = operation.Action,
            ["x-kubernetes-group-version-kind"] = new JsonObject
            {
                ["group"] = operation.Type.Group, ["version"] = operation.Type.Version, ["kind"] = operation.Kind,
            },
        };
        return built;
    }

    /// <summary>A v3 component schema in v2's form.</summary>
    public static JsonNode? Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Parent is JsonObject parent && ReferenceEquals(parent["properties"], obj):
                // A properties map: its keys are field names (JSONSchemaProps has one called "$ref").
                return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Convert(p.Value))));
            case JsonObject obj:
            {
                var result = new JsonObject();
                if (obj["allOf"] is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject single && single["$ref"] is not null)
                    result["$ref"] = Ref(single["$ref"]!.GetValue<string>());
                foreach (var (key, value) in obj)
                {
                    if (key == "allOf" && result.ContainsKey("$ref")) continue;
                    if (key == "x-kubernetes-int-or-string") continue; // v2 spells int-or-string as its format
                    result[key] = key == "$ref" ? Ref(value!.GetValue<string>()) : Convert(value);
                }
                return result;
            }
            case JsonArray array:
                return new JsonArray(array.Select(Convert).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static string Ref(string v3) => v3.StartsWith(V3Prefix, StringComparison.Ordinal) ? V2Prefix + v3[V3Prefix.Length..] : v3;
}
