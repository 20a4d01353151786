using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources.OpenShift;

/// <summary>
/// project.openshift.io/v1 projects: a view of namespaces (same name, uid, labels, annotations,
/// resourceVersion, phase). Creating or deleting a project creates or deletes its namespace.
/// </summary>
public sealed class ProjectResource : IVirtualResource
{
    public static ResourceType ProjectType { get; } = new()
    {
        Group = "project.openshift.io", Version = "v1", Resource = "projects", Kind = "Project", Namespaced = false,
        Verbs = ["create", "delete", "get", "list", "patch", "update"],
    };

    public ResourceType Type => ProjectType;

    public JsonObject Get(RequestContext context, string ns, string name)
    {
        try { return ToProject(context.Api.Get("", "namespaces", null, name)); }
        catch (StatusException e) when (e.Code == 404) { throw ApiErrors.NotFound(Type, name); }
    }

    public JsonObject List(RequestContext context, string? ns, ListOptions options)
    {
        var namespaces = context.Api.List("", "namespaces", null, options);
        return new ObjectList(Type, namespaces.Items.Select(ToProject).ToList(), namespaces.ResourceVersion, namespaces.Continue).ToJson();
    }

    public Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var created = context.Api.CreateResult("", "namespaces", null, ToNamespace(body), new WriteOptions { DryRun = context.DryRun });
        return Task.FromResult(new WriteResult(ToProject(created.Object), true));
    }

    public Task<WriteResult> UpdateAsync(RequestContext context, string ns, string name, JsonObject body)
    {
        try
        {
            var updated = context.Api.Replace("", "namespaces", null, name, ToNamespace(body), new WriteOptions { DryRun = context.DryRun });
            return Task.FromResult(new WriteResult(ToProject(updated.Object), false));
        }
        catch (StatusException e) when (e.Code == 404) { throw ApiErrors.NotFound(Type, name); }
    }

    public Task<JsonObject> DeleteAsync(RequestContext context, string ns, string name, DeleteOptions options)
    {
        try { context.Api.Delete("", "namespaces", null, name, options); }
        catch (StatusException e) when (e.Code == 404) { throw ApiErrors.NotFound(Type, name); }
        return Task.FromResult(new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success",
            ["details"] = new JsonObject { ["name"] = name, ["group"] = Type.Group, ["kind"] = Type.Resource },
        });
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Display Name", "string", "The display name of the project"),
        new("Status", "string", "The status of the project"),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
    [
        ObjectMeta.Name(obj),
        ObjectMeta.Annotations(obj).GetValueOrDefault("openshift.io/display-name", ""),
        ObjectMeta.Str(obj, "status", "phase") ?? "",
    ];

    public static JsonObject ToProject(JsonObject ns)
    {
        var project = (JsonObject)ns.DeepClone();
        project["apiVersion"] = ProjectType.ApiVersion;
        project["kind"] = "Project";
        return project;
    }

    private static JsonObject ToNamespace(JsonObject project)
    {
        var ns = (JsonObject)project.DeepClone();
        ns.Remove("apiVersion");
        ns.Remove("kind");
        return ns;
    }
}
