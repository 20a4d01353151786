using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// apiextensions.k8s.io/v1 customresourcedefinitions: every kind here is built in or OpenShift's, so the
/// list is empty and a get is NotFound. kubectl reads it to decide how to validate a kind the server
/// cannot validate itself (kubectl's CRDFinder, used by its QueryParamVerifier for ImageStreamImport,
/// whose only operation is create): without it <c>kubectl create -f</c> of an import fails.
/// </summary>
public sealed class CustomResourceDefinitions : IVirtualResource
{
    public ResourceType Type { get; } = new()
    {
        Group = "apiextensions.k8s.io", Version = "v1", Resource = "customresourcedefinitions", Kind = "CustomResourceDefinition",
        Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], Verbs = ["get", "list"],
    };

    public JsonObject Get(RequestContext context, string ns, string name) => throw ApiErrors.NotFound(Type, name);

    public JsonObject List(RequestContext context, string? ns, ListOptions options) => new()
    {
        ["kind"] = "CustomResourceDefinitionList",
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = context.Api.Store.ResourceVersion.ToString() },
        ["items"] = new JsonArray(),
    };
}
