using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageStream: a mapping of tags to images (spec: what the user asked
/// for; status: the history of images each tag pointed to, newest first).
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed partial class ImageStream : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The API version without the group.</summary>
    public const string KubeApiVersion = "v1";
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStream";
    /// <summary>The API group.</summary>
    public const string KubeGroup = "image.openshift.io";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagestreams";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = KubeGroup + "/" + KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>What the user asked for: the spec tags.</summary>
    [JsonPropertyName("spec")] public ImageStreamSpec Spec { get; set; } = new();
    /// <summary>What the server observed: repositories and tag histories.</summary>
    [JsonPropertyName("status")] public ImageStreamStatus Status { get; set; } = new();
}

/// <summary>image.openshift.io/v1 ImageStreamList.</summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = ImageStream.KubePluralName)]
public sealed class ImageStreamList : IKubernetesObject<V1ListMeta>, IItems<ImageStream>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamList";
    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] public IList<ImageStream> Items { get; set; } = new List<ImageStream>();
}

/// <summary>The desired state of an image stream.</summary>
public sealed class ImageStreamSpec
{
    /// <summary>Whether short image references in this namespace resolve through this stream. Always emitted.</summary>
    [JsonPropertyName("lookupPolicy")] public ImageLookupPolicy LookupPolicy { get; set; } = new();

    /// <summary>Deprecated: a repository that backs the stream. Omitted when empty.</summary>
    [JsonPropertyName("dockerImageRepository")] public string? DockerImageRepository { get; set; }

    /// <summary>The spec tags (OpenShift emits them sorted by name). Omitted when null.</summary>
    [JsonPropertyName("tags")] public IList<TagReference>? Tags { get; set; }
}

/// <summary>How other resources in the namespace may reference images of the stream.</summary>
public sealed class ImageLookupPolicy
{
    /// <summary><c>true</c>: short names like <c>citas:prod</c> in pods resolve through the stream. Always emitted.</summary>
    [JsonPropertyName("local")] public bool Local { get; set; }
}

/// <summary>The observed state of an image stream.</summary>
public sealed class ImageStreamStatus
{
    /// <summary>Where the stream can be pulled inside the cluster; always emitted, possibly empty.</summary>
    [JsonPropertyName("dockerImageRepository")] public string DockerImageRepository { get; set; } = "";

    /// <summary>Where the stream can be pulled from outside the cluster; omitted when not exposed.</summary>
    [JsonPropertyName("publicDockerImageRepository")] public string? PublicDockerImageRepository { get; set; }

    /// <summary>The history of each tag, newest item first.</summary>
    [JsonPropertyName("tags")] public IList<NamedTagEventList>? Tags { get; set; }
}
