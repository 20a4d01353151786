using System.Text.Json.Serialization;
using ImageStreamPS.OpenShift.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.OpenShift;

/// <summary>
/// image.openshift.io/v1 ImageTag (virtual, named <c>stream:tag</c>): one tag's spec, its history and
/// its current image. Spec and status are always emitted, <c>null</c> when the tag has none. Built from the
/// engine's image types; it lives here because only the sandbox serves it (the module reads tags through streams).
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

    /// <summary>The spec tag; null for pushed-only tags.</summary>
    [JsonPropertyName("spec")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TagReference? Spec { get; set; }

    /// <summary>The status tag (history, conditions); null before the first image.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public NamedTagEventList? Status { get; set; }

    /// <summary>The current image; left out in lists and before the first image.</summary>
    [JsonPropertyName("image")] public Image? Image { get; set; }
}
