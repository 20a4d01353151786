using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Projects;

/// <summary>
/// project.openshift.io/v1 ProjectRequest: what <c>oc new-project NAME --display-name --description</c>
/// posts. The server creates the project from its template and makes the requester its admin.
/// </summary>
public sealed class ProjectRequest : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ProjectRequest";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "projectrequests";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = OpenShiftApi.ProjectApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The display name (<c>openshift.io/display-name</c> on the project).</summary>
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    /// <summary>The description (<c>openshift.io/description</c> on the project).</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
}
