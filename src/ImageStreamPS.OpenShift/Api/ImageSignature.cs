using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 ImageSignature: a signature of an image, stored inside the Image's <c>signatures</c>
/// and written through the cluster-scoped <c>imagesignatures</c> resource (create and delete only), named
/// <c>&lt;imageName&gt;@&lt;signatureName&gt;</c> (openshift/api image/v1 ImageSignature).
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = KubePluralName)]
public sealed class ImageSignature : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "ImageSignature";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "imagesignatures";

    /// <summary>The kind (empty inside an Image).</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    /// <summary>The API version (empty inside an Image).</summary>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The type of the stored blob (<c>atomic</c>).</summary>
    [JsonPropertyName("type")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Type { get; set; } = "";
    /// <summary>The signature itself, an opaque blob (base64 in JSON).</summary>
    [JsonPropertyName("content")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public byte[]? Content { get; set; }
    /// <summary>What a verifier observed about the signature (Trusted, ForImage).</summary>
    [JsonPropertyName("conditions")] public IList<SignatureCondition>? Conditions { get; set; }
    /// <summary>The image identity the signature claims (a pull spec or a product name and version).</summary>
    [JsonPropertyName("imageIdentity")] public string? ImageIdentity { get; set; }
    /// <summary>Claims from the signature.</summary>
    [JsonPropertyName("signedClaims")] public IDictionary<string, string>? SignedClaims { get; set; }
    /// <summary>When the signature was created.</summary>
    [JsonPropertyName("created")] public DateTime? Created { get; set; }
    /// <summary>Who issued the signing certificate or key.</summary>
    [JsonPropertyName("issuedBy")] public SignatureIssuer? IssuedBy { get; set; }
    /// <summary>Who the signing certificate or key was issued to (who signed the image).</summary>
    [JsonPropertyName("issuedTo")] public SignatureSubject? IssuedTo { get; set; }
}

/// <summary>One observation about a signature's state.</summary>
public sealed class SignatureCondition
{
    /// <summary><c>Trusted</c> or <c>ForImage</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    /// <summary>When the condition was last probed.</summary>
    [JsonPropertyName("lastProbeTime")] public DateTime? LastProbeTime { get; set; }
    /// <summary>When the status last changed.</summary>
    [JsonPropertyName("lastTransitionTime")] public DateTime? LastTransitionTime { get; set; }
    /// <summary>A one-word reason.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    /// <summary>A human-readable message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
}

/// <summary>The issuer of a signing certificate or key.</summary>
public sealed class SignatureIssuer
{
    /// <summary>The organization.</summary>
    [JsonPropertyName("organization")] public string? Organization { get; set; }
    /// <summary>The common name.</summary>
    [JsonPropertyName("commonName")] public string? CommonName { get; set; }
}

/// <summary>The subject of a signing certificate or key.</summary>
public sealed class SignatureSubject
{
    /// <summary>The organization.</summary>
    [JsonPropertyName("organization")] public string? Organization { get; set; }
    /// <summary>The common name.</summary>
    [JsonPropertyName("commonName")] public string? CommonName { get; set; }
    /// <summary>The human-readable id of the public key that signed the image.</summary>
    [JsonPropertyName("publicKeyID")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string PublicKeyID { get; set; } = "";
}
