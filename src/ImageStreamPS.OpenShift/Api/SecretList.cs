using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// image.openshift.io/v1 SecretList, what <c>GET imagestreams/{name}/secrets</c> answers: the namespace's
/// secrets an import may use to pull (openshift/api image/v1 <c>type SecretList corev1.SecretList</c>).
/// </summary>
[KubernetesEntity(Group = ImageStream.KubeGroup, Kind = KubeKind, ApiVersion = ImageStream.KubeApiVersion, PluralName = ImageStream.KubePluralName)]
public sealed class SecretList : IKubernetesObject<V1ListMeta>, IItems<V1Secret>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "SecretList";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ImageStream.KubeGroup + "/" + ImageStream.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IList<V1Secret> Items { get; set; } = new List<V1Secret>();
}
