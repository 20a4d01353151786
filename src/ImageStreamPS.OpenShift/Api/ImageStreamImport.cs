using System.Text.Json.Serialization;
using YamlDotNet.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageStreamImport: the RPC (<c>POST imagestreamimports</c>) that asks the
/// server to fetch images from a registry and, when <c>spec.import</c> is true, tag them into the stream.
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class ImageStreamImport : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageStreamImport";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagestreamimports";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>What to import.</summary>
    [JsonPropertyName("spec")] public ImageStreamImportSpec Spec { get; set; } = new();
    /// <summary>The result (filled by the server).</summary>
    [JsonPropertyName("status")] public ImageStreamImportStatus Status { get; set; } = new();
}

/// <summary>What an ImageStreamImport asks for.</summary>
public sealed class ImageStreamImportSpec
{
    /// <summary><c>true</c>: tag the images into the stream; <c>false</c>: preview only. Always emitted.</summary>
    [JsonPropertyName("import")] public bool Import { get; set; }
    /// <summary>A whole repository to import (<c>oc import-image --all</c>).</summary>
    [JsonPropertyName("repository")] public RepositoryImportSpec? Repository { get; set; }
    /// <summary>Individual images to import.</summary>
    [JsonPropertyName("images")] public IList<ImageImportSpec>? Images { get; set; }
}

/// <summary>One image to import and the tag it goes to.</summary>
public sealed class ImageImportSpec
{
    /// <summary>The source (<c>kind: DockerImage</c>, a pull spec with tag or digest).</summary>
    [JsonPropertyName("from")] public ObjectReference From { get; set; } = new();
    /// <summary>The target tag; defaults to the source tag.</summary>
    [JsonPropertyName("to")] public LocalObjectReference? To { get; set; }
    /// <summary>The import policy for the tag. Always emitted.</summary>
    [JsonPropertyName("importPolicy")] public TagImportPolicy ImportPolicy { get; set; } = new();
    /// <summary>The reference policy for the tag. Always emitted.</summary>
    [JsonPropertyName("referencePolicy")] public TagReferencePolicy ReferencePolicy { get; set; } = new();
    /// <summary>Keep the manifest and config in the response.</summary>
    [JsonPropertyName("includeManifest")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitDefaults)]
    public bool IncludeManifest { get; set; }
}

/// <summary>A repository to import every tag of.</summary>
public sealed class RepositoryImportSpec
{
    /// <summary>The repository (<c>kind: DockerImage</c>, no tag or digest).</summary>
    [JsonPropertyName("from")] public ObjectReference From { get; set; } = new();
    /// <summary>The import policy for the tags. Always emitted.</summary>
    [JsonPropertyName("importPolicy")] public TagImportPolicy ImportPolicy { get; set; } = new();
    /// <summary>The reference policy for the tags. Always emitted.</summary>
    [JsonPropertyName("referencePolicy")] public TagReferencePolicy ReferencePolicy { get; set; } = new();
    /// <summary>Keep the manifests and configs in the response.</summary>
    [JsonPropertyName("includeManifest")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitDefaults)]
    public bool IncludeManifest { get; set; }
}

/// <summary>The result of an ImageStreamImport.</summary>
public sealed class ImageStreamImportStatus
{
    /// <summary>The image stream after the import (absent for a preview).</summary>
    [JsonPropertyName("import")] public ImageStream? Import { get; set; }
    /// <summary>The result of <c>spec.repository</c>.</summary>
    [JsonPropertyName("repository")] public RepositoryImportStatus? Repository { get; set; }
    /// <summary>The results of <c>spec.images</c>, same order.</summary>
    [JsonPropertyName("images")] public IList<ImageImportStatus>? Images { get; set; }
}

/// <summary>The result of importing one image.</summary>
public sealed class ImageImportStatus
{
    /// <summary>Success, or the failure with the registry's reason and message.</summary>
    [JsonPropertyName("status")] public ApiStatus Status { get; set; } = new();
    /// <summary>The image, when found.</summary>
    [JsonPropertyName("image")] public Image? Image { get; set; }
    /// <summary>The tag the image was imported under.</summary>
    [JsonPropertyName("tag")] public string? Tag { get; set; }
    /// <summary>Sub-manifests when a manifest list was preserved.</summary>
    [JsonPropertyName("manifests")] public IList<Image>? Manifests { get; set; }
}

/// <summary>The result of importing a repository.</summary>
public sealed class RepositoryImportStatus
{
    /// <summary>Whether any image failed (<c>ImportFailed</c>).</summary>
    [JsonPropertyName("status")] public ApiStatus Status { get; set; } = new();
    /// <summary>The images imported.</summary>
    [JsonPropertyName("images")] public IList<ImageImportStatus>? Images { get; set; }
    /// <summary>Tags not imported because of the server's limit.</summary>
    [JsonPropertyName("additionalTags")] public IList<string>? AdditionalTags { get; set; }
}
