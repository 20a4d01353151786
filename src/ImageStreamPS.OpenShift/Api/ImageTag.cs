using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageTag (virtual, named <c>stream:tag</c>): one tag's spec, its history and
/// its current image together (openshift/api image/v1 ImageTag).
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class ImageTag : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageTag";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagetags";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The spec tag; null when the tag only has history (written as <c>null</c>: Go has no omitempty here).</summary>
    [JsonPropertyName("spec")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public TagReference? Spec { get; set; }
    /// <summary>The tag's history; null when nothing was imported or pushed yet (written as <c>null</c>).</summary>
    [JsonPropertyName("status")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public NamedTagEventList? Status { get; set; }
    /// <summary>The current image (left out of lists).</summary>
    [JsonPropertyName("image")] public Image? Image { get; set; }
}

/// <summary>image.openshift.io/v1 ImageTagList.</summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = ImageTag.KubePluralName)]
public sealed class ImageTagList : IKubernetesObject<V1ListMeta>, IItems<ImageTag>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageTagList";
    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] public IList<ImageTag> Items { get; set; } = new List<ImageTag>();
}
