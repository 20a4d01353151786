using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 Image (cluster-scoped, named by manifest digest). End users see it
/// embedded in ImageStreamTag, ImageStreamImage and ImageStreamImport results.
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class Image : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "Image";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "images";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The pull spec of this image (source repository with the digest).</summary>
    [JsonPropertyName("dockerImageReference")] public string? DockerImageReference { get; set; }

    /// <summary>The image config in Docker's capitalised form (<c>kind: DockerImage</c>).</summary>
    [JsonPropertyName("dockerImageMetadata")] public DockerImageMetadata? DockerImageMetadata { get; set; }

    /// <summary>The version of <see cref="DockerImageMetadata"/>; empty means <c>1.0</c>.</summary>
    [JsonPropertyName("dockerImageMetadataVersion")] public string? DockerImageMetadataVersion { get; set; }

    /// <summary>The raw manifest (stripped by the server on reads).</summary>
    [JsonPropertyName("dockerImageManifest")] public string? DockerImageManifest { get; set; }

    /// <summary>The layers, base first.</summary>
    [JsonPropertyName("dockerImageLayers")] public IList<ImageLayer>? DockerImageLayers { get; set; }

    /// <summary>Signatures stored with the image.</summary>
    [JsonPropertyName("signatures")] public IList<ImageSignature>? Signatures { get; set; }

    /// <summary>Schema-1 signatures as opaque (base64) blobs.</summary>
    [JsonPropertyName("dockerImageSignatures")] public IList<byte[]>? DockerImageSignatures { get; set; }

    /// <summary>The manifest media type.</summary>
    [JsonPropertyName("dockerImageManifestMediaType")] public string? DockerImageManifestMediaType { get; set; }

    /// <summary>The raw config blob (stripped by the server on reads).</summary>
    [JsonPropertyName("dockerImageConfig")] public string? DockerImageConfig { get; set; }

    /// <summary>Sub-manifests when the image is a manifest list.</summary>
    [JsonPropertyName("dockerImageManifests")] public IList<ImageManifest>? DockerImageManifests { get; set; }
}

/// <summary>image.openshift.io/v1 ImageList.</summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = Image.KubePluralName)]
public sealed class ImageList : IKubernetesObject<V1ListMeta>, IItems<Image>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageList";
    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] public IList<Image> Items { get; set; } = new List<Image>();
}

/// <summary>One layer of an image.</summary>
public sealed class ImageLayer
{
    /// <summary>The layer digest.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>The layer size in bytes.</summary>
    [JsonPropertyName("size")] public long Size { get; set; }
    /// <summary>The layer media type.</summary>
    [JsonPropertyName("mediaType")] public string MediaType { get; set; } = "";
}

/// <summary>A sub-manifest of a manifest list; its digest names another Image.</summary>
public sealed class ImageManifest
{
    /// <summary>The sub-manifest digest.</summary>
    [JsonPropertyName("digest")] public string Digest { get; set; } = "";
    /// <summary>The sub-manifest media type.</summary>
    [JsonPropertyName("mediaType")] public string MediaType { get; set; } = "";
    /// <summary>The raw manifest size in bytes.</summary>
    [JsonPropertyName("manifestSize")] public long ManifestSize { get; set; }
    /// <summary>The CPU architecture (<c>amd64</c>, <c>arm64</c>...).</summary>
    [JsonPropertyName("architecture")] public string Architecture { get; set; } = "";
    /// <summary>The operating system (<c>linux</c>).</summary>
    [JsonPropertyName("os")] [YamlDotNet.Serialization.YamlMember(Alias = "os", ApplyNamingConventions = false)]
    public string OS { get; set; } = "";
    /// <summary>The CPU variant (<c>v8</c>...).</summary>
    [JsonPropertyName("variant")] public string? Variant { get; set; }
}
