using System.Text.Json.Serialization;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// A meta/v1 Status embedded in another object (an ImageStreamImport result). KubernetesClient's own
/// V1Status cannot be written back to JSON, so the engine carries this one.
/// </summary>
public sealed class ApiStatus
{
    /// <summary>The Status status value for success.</summary>
    public const string Success = "Success";
    /// <summary>The Status status value for failure.</summary>
    public const string Failure = "Failure";

    /// <summary>Set when the Status is a top-level object.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    /// <summary>Set when the Status is a top-level object.</summary>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    /// <summary>List metadata (always emitted, usually <c>{}</c>).</summary>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>A human-readable description.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>A machine-readable reason (<c>NotFound</c>, <c>Unauthorized</c>, <c>InternalError</c>...).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    /// <summary>Details: name, group, kind, causes.</summary>
    [JsonPropertyName("details")] public V1StatusDetails? Details { get; set; }
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }

    /// <summary>Whether the status reports success.</summary>
    [JsonIgnore] [YamlDotNet.Serialization.YamlIgnore]
    public bool IsSuccess => string.Equals(Status, Success, StringComparison.Ordinal);
}
