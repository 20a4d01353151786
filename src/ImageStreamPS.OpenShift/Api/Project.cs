using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>project.openshift.io/v1 Project: a namespace as the user sees it.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class Project : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The API version without the group.</summary>
    public const string KubeApiVersion = "v1";
    /// <summary>The kind.</summary>
    public const string KubeKind = "Project";
    /// <summary>The API group.</summary>
    public const string KubeGroup = "project.openshift.io";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "projects";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = KubeGroup + "/" + KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The finalizers.</summary>
    [JsonPropertyName("spec")] public ProjectSpec? Spec { get; set; }
    /// <summary>The phase (<c>Active</c>, <c>Terminating</c>).</summary>
    [JsonPropertyName("status")] public ProjectStatus? Status { get; set; }
}

/// <summary>project.openshift.io/v1 ProjectList.</summary>
[KubernetesEntity(Group = Project.KubeGroup, Kind = KubeKind, ApiVersion = Project.KubeApiVersion, PluralName = Project.KubePluralName)]
public sealed class ProjectList : IKubernetesObject<V1ListMeta>, IItems<Project>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ProjectList";
    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = Project.KubeGroup + "/" + Project.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] public IList<Project> Items { get; set; } = new List<Project>();
}

/// <summary>The spec of a project.</summary>
public sealed class ProjectSpec
{
    /// <summary>Finalizers that must run before the project is removed.</summary>
    [JsonPropertyName("finalizers")] public IList<string>? Finalizers { get; set; }
}

/// <summary>The status of a project.</summary>
public sealed class ProjectStatus
{
    /// <summary><c>Active</c> or <c>Terminating</c>.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; set; }
    /// <summary>Namespace conditions.</summary>
    [JsonPropertyName("conditions")] public IList<V1NamespaceCondition>? Conditions { get; set; }
}
