using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageStreamMapping (create only): what a registry posts after a push, an image and
/// the tag of the stream named by <c>metadata.name</c> it goes to (openshift/api image/v1 ImageStreamMapping).
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class ImageStreamMapping : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamMapping";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagestreammappings";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The image the tag now points to (created when new).</summary>
    [JsonPropertyName("image")] public Image Image { get; set; } = new();
    /// <summary>The tag of the stream.</summary>
    [JsonPropertyName("tag")] public string Tag { get; set; } = "";
}
