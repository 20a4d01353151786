using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageStreamTag (virtual, named <c>stream:tag</c>): a tag's spec, its
/// current image and its conditions, as a view over the stream.
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class ImageStreamTag : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamTag";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagestreamtags";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The spec tag; <c>null</c> for pushed-only tags. Always emitted.</summary>
    [JsonPropertyName("tag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TagReference? Tag { get; set; }

    /// <summary>The generation of the current image (<c>items[0].generation</c>).</summary>
    [JsonPropertyName("generation")] public long Generation { get; set; }

    /// <summary>The stream's lookup policy. Always emitted.</summary>
    [JsonPropertyName("lookupPolicy")] public ImageLookupPolicy LookupPolicy { get; set; } = new();

    /// <summary>The status tag's conditions (a failed import). Omitted when null.</summary>
    [JsonPropertyName("conditions")] public IList<TagEventCondition>? Conditions { get; set; }

    /// <summary>The current image. Always emitted (<c>{"metadata":{}}</c> in requests).</summary>
    [JsonPropertyName("image")] public Image Image { get; set; } = new();
}

/// <summary>image.openshift.io/v1 ImageStreamTagList.</summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = ImageStreamTag.KubePluralName)]
public sealed class ImageStreamTagList : IKubernetesObject<V1ListMeta>, IItems<ImageStreamTag>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamTagList";
    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] public IList<ImageStreamTag> Items { get; set; } = new List<ImageStreamTag>();
}

/// <summary>
/// image.openshift.io/v1 ImageStreamImage (virtual, named <c>stream@id</c>): an image of the
/// stream's history looked up by digest or unique digest prefix.
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class ImageStreamImage : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamImage";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagestreamimages";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The image.</summary>
    [JsonPropertyName("image")] public Image Image { get; set; } = new();
}
