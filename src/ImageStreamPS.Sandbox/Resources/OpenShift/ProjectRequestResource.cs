using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources.OpenShift;

/// <summary>
/// project.openshift.io/v1 projectrequests (<c>oc new-project</c>): creates the namespace with the
/// display-name, description and requester annotations and answers with the Project.
/// </summary>
public sealed class ProjectRequestResource : IVirtualResource
{
    public ResourceType Type { get; } = new()
    {
        Group = "project.openshift.io", Version = "v1", Resource = "projectrequests", Kind = "ProjectRequest", Namespaced = false,
        Verbs = ["create", "list"],
    };

    public JsonObject List(RequestContext context, string? ns, ListOptions options) =>
        new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };

    public Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var name = ObjectMeta.Name(body);
        var annotations = new JsonObject { ["openshift.io/requester"] = "developer" };
        if (ObjectMeta.Str(body, "displayName") is { Length: > 0 } display) annotations["openshift.io/display-name"] = display;
        if (ObjectMeta.Str(body, "description") is { Length: > 0 } description) annotations["openshift.io/description"] = description;
        try
        {
            var created = context.Api.CreateResult("", "namespaces", null,
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["annotations"] = annotations } },
                new WriteOptions { DryRun = context.DryRun });
            return Task.FromResult(new WriteResult(ProjectResource.ToProject(created.Object), true));
        }
        catch (StatusException e) when (e.Code == 409)
        {
            throw ApiErrors.AlreadyExists(ProjectResource.ProjectType, name);
        }
    }
}
