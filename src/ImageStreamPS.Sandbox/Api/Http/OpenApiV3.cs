using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api.Schemas;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// One group/version's OpenAPI v3 document as kube-apiserver publishes it: the REST paths of each kind
/// with their operations (<c>x-kubernetes-action</c>, <c>x-kubernetes-group-version-kind</c>, query
/// parameters, request and response schemas) and the generated component schemas. <see cref="OpenApiV2"/>
/// derives the swagger 2.0 form from the same operations.
/// </summary>
public static class OpenApiV3
{
    public const string PatchSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    public const string StatusSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

    /// <summary>The PATCH media types kube-apiserver accepts for built-in (and openshift-apiserver) kinds.</summary>
    public static readonly string[] PatchMediaTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    /// <summary>An operation: method, path, action, its kind and whether it takes a body.</summary>
    public sealed record Operation(string Method, string Path, string Action, ResourceType Type, string Kind, bool Body, string Response);

    public static JsonObject Document(ResourceCatalog catalog, string group, string version, GroupVersionSchemas schemas)
    {
        var paths = new JsonObject();
        foreach (var operation in Operations(catalog, group, version, schemas))
        {
            var item = paths[operation.Path] as JsonObject ?? (JsonObject)(paths[operation.Path] = new JsonObject());
            item[operation.Method] = Build(operation);
        }
        var components = new JsonObject(schemas.Components.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value.DeepClone())));
        components[PatchSchema] = new JsonObject { ["type"] = "object", ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body." };
        if (!components.ContainsKey(StatusSchema)) components[StatusSchema] = SchemaGenerator.AnyObject("Status is a return value for calls that don't return other objects.");
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = components },
        };
    }

    /// <summary>The operations of a group/version's kinds, in the order kube-apiserver lists them.</summary>
    public static IEnumerable<Operation> Operations(ResourceCatalog catalog, string group, string version, GroupVersionSchemas schemas)
    {
        foreach (var type in catalog.Entries.Select(e => e.Type).Where(t => t.Group == group && t.Version == version))
        {
            var root = schemas.Kind(type.Kind)!.Name;
            var list = schemas.Kind(type.ListKind)?.Name ?? root;
            var prefix = (group.Length == 0 ? "/api/" : $"/apis/{group}/") + version + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Resource;
            if (type.Supports("list")) yield return new("get", prefix, "list", type, type.Kind, false, list);
            if (type.Supports("create")) yield return new("post", prefix, "post", type, type.Kind, true, root);
            if (type.Supports("deletecollection")) yield return new("delete", prefix, "deletecollection", type, type.Kind, false, StatusSchema);
            if (type.Supports("get")) yield return new("get", prefix + "/{name}", "get", type, type.Kind, false, root);
            if (type.Supports("update")) yield return new("put", prefix + "/{name}", "put", type, type.Kind, true, root);
            if (type.Supports("delete")) yield return new("delete", prefix + "/{name}", "delete", type, type.Kind, false, StatusSchema);
            if (type.Supports("patch")) yield return new("patch", prefix + "/{name}", "patch", type, type.Kind, true, root);
            if (type.Subresource("status") is { } status)
            {
                if (status.Verbs.Contains("get")) yield return new("get", prefix + "/{name}/status", "get", type, type.Kind, false, root);
                if (status.Verbs.Contains("update")) yield return new("put", prefix + "/{name}/status", "put", type, type.Kind, true, root);
                if (status.Verbs.Contains("patch")) yield return new("patch", prefix + "/{name}/status", "patch", type, type.Kind, true, root);
            }
            foreach (var sub in type.Subresources.Where(s => catalog.FindComputed(group, type.Resource, s.Name) is not null))
                yield return new("get", prefix + "/{name}/" + sub.Name, "get", type, sub.Kind, false, schemas.Kind(sub.Kind)?.Name ?? root);
        }
    }

    private static JsonObject Build(Operation operation)
    {
        var built = new JsonObject
        {
            ["description"] = Description(operation),
            ["operationId"] = operation.Action + operation.Kind + (operation.Path.EndsWith("/status") ? "Status" : ""),
            ["parameters"] = new JsonArray(Parameters(operation).Select(p => (JsonNode)Query(p.Name, p.Type, p.Description)).ToArray()),
        };
        if (operation.Body)
            built["requestBody"] = new JsonObject
            {
                ["content"] = operation.Method == "patch"
                    ? new JsonObject(PatchMediaTypes.Select(m => KeyValuePair.Create(m, (JsonNode?)new JsonObject { ["schema"] = SchemaGenerator.Ref(PatchSchema) })))
                    : new JsonObject { ["*/*"] = new JsonObject { ["schema"] = SchemaGenerator.Ref(operation.Response) } },
                ["required"] = true,
            };
        built["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = SchemaGenerator.Ref(operation.Response) },
                    ["application/yaml"] = new JsonObject { ["schema"] = SchemaGenerator.Ref(operation.Response) },
                },
            },
            ["401"] = new JsonObject { ["description"] = "Unauthorized" },
        };
        built["x-kubernetes-action"] = operation.Action;
        built["x-kubernetes-group-version-kind"] = new JsonObject
        {
            ["group"] = operation.Type.Group, ["version"] = operation.Type.Version, ["kind"] = operation.Kind,
        };
        return built;
    }

    private static string Description(Operation operation) => operation.Action switch
    {
        "list" => $"list or watch objects of kind {operation.Kind}",
        "post" => $"create a {operation.Kind}",
        "deletecollection" => $"delete collection of {operation.Kind}",
        "get" => $"read the specified {operation.Kind}",
        "put" => $"replace the specified {operation.Kind}",
        "delete" => $"delete a {operation.Kind}",
        _ => $"partially update the specified {operation.Kind}",
    };

    /// <summary>The query parameters of an operation (name, type, description).</summary>
    public static IEnumerable<(string Name, string Type, string Description)> Parameters(Operation operation)
    {
        yield return ("pretty", "string", "If 'true', then the output is pretty printed.");
        if (operation.Action == "list")
        {
            yield return ("labelSelector", "string", "A selector to restrict the list of returned objects by their labels.");
            yield return ("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields.");
            yield return ("limit", "integer", "limit is a maximum number of responses to return for a list call.");
            yield return ("continue", "string", "The continue option should be set when retrieving more results from the server.");
            yield return ("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from.");
            yield return ("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.");
            yield return ("timeoutSeconds", "integer", "Timeout for the list/watch call.");
            yield break;
        }
        if (!operation.Body && operation.Action is not ("delete" or "deletecollection")) yield break;
        yield return ("dryRun", "string", "When present, indicates that modifications should not be persisted. Valid value: All.");
        if (operation.Action is "delete" or "deletecollection")
        {
            yield return ("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted.");
            yield return ("propagationPolicy", "string", "Whether and how garbage collection will be performed.");
            yield break;
        }
        yield return ("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes.");
        yield return ("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict");
        if (operation.Action == "patch") yield return ("force", "boolean", "Force is going to \"force\" Apply requests.");
    }

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name, ["in"] = "query", ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };
}
