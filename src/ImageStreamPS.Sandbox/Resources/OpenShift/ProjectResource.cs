using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

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
        try { return Wire.Encode(ToProject(context.Api.Get<V1Namespace>("", "namespaces", null, name))); }
        catch (StatusException e) when (e.Code == 404) { throw ApiErrors.NotFound(Type, name); }
    }

    public JsonObject List(RequestContext context, string? ns, ListOptions options)
    {
        var namespaces = context.Api.List("", "namespaces", null, options);
        var projects = namespaces.Items.Select(n => Wire.Encode(ToProject(Wire.Decode<V1Namespace>(n)))).ToList();
        return new ObjectList(Type, projects, namespaces.ResourceVersion, namespaces.Continue).ToJson();
    }

    public Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var created = context.Api.CreateResult("", "namespaces", null, ToNamespace(body), new WriteOptions { DryRun = context.DryRun });
        return Task.FromResult(new WriteResult(ToProjectJson(created.Object), true));
    }

    public Task<WriteResult> UpdateAsync(RequestContext context, string ns, string name, JsonObject body)
    {
        try
        {
            var updated = context.Api.Replace("", "namespaces", null, name, ToNamespace(body), new WriteOptions { DryRun = context.DryRun });
            return Task.FromResult(new WriteResult(ToProjectJson(updated.Object), false));
        }
        catch (StatusException e) when (e.Code == 404) { throw ApiErrors.NotFound(Type, name); }
    }

    public Task<JsonObject> DeleteAsync(RequestContext context, string ns, string name, DeleteOptions options)
    {
        try { context.Api.Delete("", "namespaces", null, name, options); }
        catch (StatusException e) when (e.Code == 404) { throw ApiErrors.NotFound(Type, name); }
        var status = ApiStatus.Succeeded().TopLevel();
        status.Details = new StatusDetails { Name = name, Group = Type.Group, Kind = Type.Resource };
        return Task.FromResult(Wire.Encode(status));
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Display Name", "string", "The display name of the project"),
        new("Status", "string", "The status of the project"),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var project = Wire.Decode<Project>(obj, Type.Kind);
        var annotations = project.Metadata?.Annotations;
        return
        [
            project.Metadata?.Name ?? "",
            annotations is not null && annotations.TryGetValue("openshift.io/display-name", out var display) ? display : "",
            project.Status?.Phase ?? "",
        ];
    }

    /// <summary>The project of a namespace: the same metadata, finalizers and phase.</summary>
    public static Project ToProject(V1Namespace ns) => new()
    {
        Metadata = ns.Metadata,
        Spec = ns.Spec is null ? null : new ProjectSpec { Finalizers = ns.Spec.Finalizers },
        Status = ns.Status is null ? null : new ProjectStatus { Phase = ns.Status.Phase, Conditions = ns.Status.Conditions },
    };

    /// <summary>A stored namespace (wire JSON) as its project.</summary>
    public static JsonObject ToProjectJson(JsonObject ns) => Wire.Encode(ToProject(Wire.Decode<V1Namespace>(ns)));

    private JsonObject ToNamespace(JsonObject body)
    {
        var project = Wire.Decode<Project>(body, Type.Kind);
        return Wire.Encode(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = project.Metadata,
            Spec = project.Spec is null ? null : new V1NamespaceSpec { Finalizers = project.Spec.Finalizers },
        });
    }
}
