using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageStreamLayers, what <c>GET imagestreams/{name}/layers</c> answers: the blobs of
/// every image the stream's history references and which blobs make up each image (openshift/api image/v1
/// ImageStreamLayers). The integrated registry reads it to authorize blob pulls through a stream.
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = ImageStream.KubePluralName)]
public sealed class ImageStreamLayers : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamLayers";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <summary>The stream's metadata.</summary>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>Each blob (layer, config, manifest) by digest. Always emitted.</summary>
    [JsonPropertyName("blobs")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IDictionary<string, ImageLayerData> Blobs { get; set; } = new SortedDictionary<string, ImageLayerData>(StringComparer.Ordinal);
    /// <summary>Each image by name: its layers and config. Always emitted.</summary>
    [JsonPropertyName("images")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IDictionary<string, ImageBlobReferences> Images { get; set; } = new SortedDictionary<string, ImageBlobReferences>(StringComparer.Ordinal);
}

/// <summary>What one blob is.</summary>
public sealed class ImageLayerData
{
    /// <summary>The size in bytes; null when the store does not know it (a config, a manifest).</summary>
    [JsonPropertyName("size")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? Size { get; set; }
    /// <summary>The media type.</summary>
    [JsonPropertyName("mediaType")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string MediaType { get; set; } = "";
}

/// <summary>The blobs one image is made of.</summary>
public sealed class ImageBlobReferences
{
    /// <summary>The stream references the image but the Image object is gone.</summary>
    [JsonPropertyName("imageMissing")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool ImageMissing { get; set; }
    /// <summary>The layers, base first; null when none are known.</summary>
    [JsonPropertyName("layers")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IList<string>? Layers { get; set; }
    /// <summary>The config blob; null for images without one.</summary>
    [JsonPropertyName("config")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Config { get; set; }
    /// <summary>The images of a manifest list.</summary>
    [JsonPropertyName("manifests")] public IList<string>? Manifests { get; set; }
}
