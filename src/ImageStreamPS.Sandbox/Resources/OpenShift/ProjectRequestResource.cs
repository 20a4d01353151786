using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Projects;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

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
        var request = Wire.Decode<ProjectRequest>(body, Type.Kind);
        var name = request.Metadata?.Name ?? "";
        var annotations = new Dictionary<string, string> { ["openshift.io/requester"] = "developer" };
        if (request.DisplayName is { Length: > 0 } display) annotations["openshift.io/display-name"] = display;
        if (request.Description is { Length: > 0 } description) annotations["openshift.io/description"] = description;
        try
        {
            var created = context.Api.CreateResult("", "namespaces", null,
                Wire.Encode(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations } }),
                new WriteOptions { DryRun = context.DryRun });
            return Task.FromResult(new WriteResult(ProjectResource.ToProjectJson(created.Object), true));
        }
        catch (StatusException e) when (e.Code == 409)
        {
            throw ApiErrors.AlreadyExists(ProjectResource.ProjectType, name);
        }
    }
}
