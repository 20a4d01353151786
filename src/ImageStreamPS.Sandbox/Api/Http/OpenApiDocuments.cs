using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// A minimal OpenAPI v3 (k8s-wire-protocol.md §1.5): the <c>/openapi/v3</c> index and one document per
/// group/version whose item paths have a PATCH operation with <c>x-kubernetes-group-version-kind</c>,
/// an inline <c>fieldValidation</c> query parameter and the accepted patch media types (strategic merge
/// deliberately not advertised: kubectl then uses its compiled-in structs), plus per-kind schemas with
/// the GVK extension for <c>kubectl explain</c>. This is what lets kubectl apply/create/replace validate
/// on the server.
/// </summary>
public sealed class OpenApiDocuments
{
    private readonly Dictionary<string, JsonObject> _documents = new();
    private readonly Dictionary<string, string> _hashes = new();

    public OpenApiDocuments(ResourceCatalog catalog)
    {
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var key = group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";
            var document = Build(catalog.Entries.Where(e => e.Type.Group == group && e.Type.Version == version).Select(e => e.Type).ToList());
            _documents[key] = document;
            _hashes[key] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];
        }
    }

    public JsonObject Index() => new()
    {
        ["paths"] = new JsonObject(_documents.Keys.Select(key => KeyValuePair.Create(key,
            (JsonNode?)new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={_hashes[key]}" }))),
    };

    /// <summary>The document for "apis/apps/v1" (or "api/v1"); null when unknown.</summary>
    public JsonObject? Document(string key) => _documents.TryGetValue(key.Trim('/'), out var document) ? document : null;

    private static JsonObject Build(IReadOnlyList<ResourceType> types)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject
        {
            [ObjectMetaSchema] = ObjectMeta(),
            [PatchSchema] = new JsonObject { ["type"] = "object", ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." },
        };
        foreach (var type in types)
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = KindSchema(type);
            var prefix = (type.Group.Length == 0 ? "/api/" : $"/apis/{type.Group}/") + type.Version +
                         (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Resource;
            var gvk = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
            var collection = new JsonObject();
            if (type.Supports("list")) collection["get"] = Operation(type, "list", schemaName, gvk, body: false);
            if (type.Supports("create")) collection["post"] = Operation(type, "post", schemaName, gvk, body: true);
            if (collection.Count > 0) paths[prefix] = collection;
            var item = new JsonObject();
            if (type.Supports("get")) item["get"] = Operation(type, "get", schemaName, gvk, body: false);
            if (type.Supports("update")) item["put"] = Operation(type, "put", schemaName, gvk, body: true);
            if (type.Supports("delete")) item["delete"] = Operation(type, "delete", schemaName, gvk, body: false);
            if (type.Supports("patch")) item["patch"] = Patch(type, schemaName, gvk);
            if (item.Count > 0) paths[prefix + "/{name}"] = item;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "ImageStreamPS sandbox", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private const string ObjectMetaSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string PatchSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    private static string SchemaName(ResourceType type) => type.Group switch
    {
        "" => $"io.k8s.api.core.{type.Version}.{type.Kind}",
        "apps" => $"io.k8s.api.apps.{type.Version}.{type.Kind}",
        _ when type.Group.EndsWith(".openshift.io") => $"com.github.openshift.api.{type.Group[..type.Group.IndexOf('.')]}.{type.Version}.{type.Kind}",
        _ => $"{type.Group}.{type.Version}.{type.Kind}",
    };

    private static JsonObject Operation(ResourceType type, string action, string schema, JsonObject gvk, bool body)
    {
        var operation = new JsonObject
        {
            ["description"] = $"{action} {type.Kind}",
            ["operationId"] = action + type.Kind,
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
            ["parameters"] = new JsonArray(QueryParameters(body).ToArray()),
            ["responses"] = Responses(schema),
        };
        if (body)
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = Ref(schema) } },
                ["required"] = true,
            };
        return operation;
    }

    private static JsonObject Patch(ResourceType type, string schema, JsonObject gvk) => new()
    {
        ["description"] = $"partially update the specified {type.Kind}",
        ["operationId"] = "patch" + type.Kind,
        ["x-kubernetes-action"] = "patch",
        ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        ["parameters"] = new JsonArray([.. QueryParameters(true), Query("force", "boolean", "Force is going to \"force\" Apply requests.")]),
        ["requestBody"] = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["application/apply-patch+yaml"] = new JsonObject { ["schema"] = Ref(PatchSchema) },
                ["application/json-patch+json"] = new JsonObject { ["schema"] = Ref(PatchSchema) },
                ["application/merge-patch+json"] = new JsonObject { ["schema"] = Ref(PatchSchema) },
            },
            ["required"] = true,
        },
        ["responses"] = Responses(schema),
    };

    private static IEnumerable<JsonNode> QueryParameters(bool write)
    {
        yield return Query("pretty", "string", "If 'true', then the output is pretty printed.");
        if (!write) yield break;
        yield return Query("dryRun", "string", "When present, indicates that modifications should not be persisted. Valid value: All.");
        yield return Query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes.");
        yield return Query("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values: Ignore, Warn, Strict.");
    }

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name, ["in"] = "query", ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject Responses(string schema) => new()
    {
        ["200"] = new JsonObject
        {
            ["description"] = "OK",
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schema) } },
        },
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };

    private static JsonObject KindSchema(ResourceType type)
    {
        var properties = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." },
            ["kind"] = new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." },
            ["metadata"] = new JsonObject { ["allOf"] = new JsonArray(Ref(ObjectMetaSchema)), ["default"] = new JsonObject(), ["description"] = "Standard object's metadata." },
            ["spec"] = new JsonObject { ["type"] = "object", ["description"] = $"Spec defines the desired state of the {type.Kind}.", ["x-kubernetes-preserve-unknown-fields"] = true },
        };
        if (type.Subresource("status") is not null)
            properties["status"] = new JsonObject { ["type"] = "object", ["description"] = $"Status is the most recently observed status of the {type.Kind}. Read-only.", ["x-kubernetes-preserve-unknown-fields"] = true };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"{type.Kind} ({type.ApiVersion}), served by the ImageStreamPS sandbox.",
            ["properties"] = properties,
            ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind }),
        };
    }

    private static JsonObject ObjectMeta()
    {
        JsonObject P(string type, string description) => new() { ["type"] = type, ["description"] = description };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "ObjectMeta is metadata that all persisted resources must have.",
            ["properties"] = new JsonObject
            {
                ["name"] = P("string", "Name must be unique within a namespace."),
                ["generateName"] = P("string", "GenerateName is an optional prefix, used by the server, to generate a unique name."),
                ["namespace"] = P("string", "Namespace defines the space within which each name must be unique."),
                ["uid"] = P("string", "UID is the unique in time and space value for this object."),
                ["resourceVersion"] = P("string", "An opaque value that represents the internal version of this object."),
                ["generation"] = P("integer", "A sequence number representing a specific generation of the desired state."),
                ["creationTimestamp"] = P("string", "CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["labels"] = new JsonObject { ["type"] = "object", ["description"] = "Map of string keys and values that can be used to organize and categorize objects.", ["additionalProperties"] = P("string", "") },
                ["annotations"] = new JsonObject { ["type"] = "object", ["description"] = "Annotations is an unstructured key value map stored with a resource.", ["additionalProperties"] = P("string", "") },
                ["ownerReferences"] = new JsonObject { ["type"] = "array", ["description"] = "List of objects depended by this object.", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                ["finalizers"] = new JsonObject { ["type"] = "array", ["description"] = "Must be empty before the object is deleted from the registry.", ["items"] = P("string", "") },
            },
        };
    }
}
