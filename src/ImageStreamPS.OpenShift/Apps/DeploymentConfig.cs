using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// <c>apps.openshift.io/v1</c> DeploymentConfig (openshift/api <c>apps/v1/types.go</c>): the legacy
/// workload that rolls out ReplicationControllers named <c>&lt;name&gt;-&lt;N&gt;</c>. Only the fields a
/// rollout view reads are modelled; unknown fields are ignored on read.
/// </summary>
public sealed class DeploymentConfig : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "apps.openshift.io";
    public const string Version = "v1";
    public const string Plural = "deploymentconfigs";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = Group + "/" + Version;
    [JsonPropertyName("kind")] public string Kind { get; set; } = "DeploymentConfig";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public DeploymentConfigSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public DeploymentConfigStatus Status { get; set; } = new();
}

public sealed class DeploymentConfigList : IKubernetesObject<V1ListMeta>, IItems<DeploymentConfig>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = DeploymentConfig.Group + "/" + DeploymentConfig.Version;
    [JsonPropertyName("kind")] public string Kind { get; set; } = "DeploymentConfigList";
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    [JsonPropertyName("items")] public IList<DeploymentConfig> Items { get; set; } = [];
}

public sealed class DeploymentConfigSpec
{
    [JsonPropertyName("replicas")] public int Replicas { get; set; }
    [JsonPropertyName("paused")] public bool? Paused { get; set; }
    [JsonPropertyName("selector")] public IDictionary<string, string>? Selector { get; set; }
    [JsonPropertyName("triggers")] public IList<DeploymentTriggerPolicy>? Triggers { get; set; }
    [JsonPropertyName("template")] public V1PodTemplateSpec? Template { get; set; }
}

public sealed class DeploymentTriggerPolicy
{
    /// <summary><c>ConfigChange</c> or <c>ImageChange</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("imageChangeParams")] public DeploymentTriggerImageChangeParams? ImageChangeParams { get; set; }
}

public sealed class DeploymentTriggerImageChangeParams
{
    [JsonPropertyName("automatic")] public bool? Automatic { get; set; }
    [JsonPropertyName("containerNames")] public IList<string>? ContainerNames { get; set; }
    [JsonPropertyName("from")] public V1ObjectReference? From { get; set; }
    [JsonPropertyName("lastTriggeredImage")] public string? LastTriggeredImage { get; set; }
}

public sealed class DeploymentConfigStatus
{
    [JsonPropertyName("latestVersion")] public long? LatestVersion { get; set; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    [JsonPropertyName("replicas")] public int? Replicas { get; set; }
    [JsonPropertyName("updatedReplicas")] public int? UpdatedReplicas { get; set; }
    [JsonPropertyName("availableReplicas")] public int? AvailableReplicas { get; set; }
    [JsonPropertyName("unavailableReplicas")] public int? UnavailableReplicas { get; set; }
    [JsonPropertyName("readyReplicas")] public int? ReadyReplicas { get; set; }
    [JsonPropertyName("conditions")] public IList<DeploymentConfigCondition>? Conditions { get; set; }
}

public sealed class DeploymentConfigCondition
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("lastUpdateTime")] public DateTime? LastUpdateTime { get; set; }
    [JsonPropertyName("lastTransitionTime")] public DateTime? LastTransitionTime { get; set; }
}
