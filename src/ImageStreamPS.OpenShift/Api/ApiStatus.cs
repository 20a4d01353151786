using System.Text.Json.Serialization;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// A meta/v1 Status, as a top-level error body or embedded in another object (an ImageStreamImport
/// result), with its members in Go's order. KubernetesClient's own V1Status cannot be written back to
/// JSON in that order, so the engine carries this one; <see cref="StatusErrors"/> builds the failures.
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
    [JsonPropertyName("details")] public StatusDetails? Details { get; set; }
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }

    /// <summary>Whether the status reports success.</summary>
    [JsonIgnore] [YamlDotNet.Serialization.YamlIgnore]
    public bool IsSuccess => string.Equals(Status, Success, StringComparison.Ordinal);

    /// <summary>The embedded success Status (<c>{"metadata":{},"status":"Success"}</c>).</summary>
    public static ApiStatus Succeeded() => new() { Status = Success };

    /// <summary>This Status as a top-level object (<c>kind: Status</c>, <c>apiVersion: v1</c>).</summary>
    public ApiStatus TopLevel()
    {
        Kind = "Status";
        ApiVersion = "v1";
        return this;
    }
}

/// <summary>What a Status is about: the object, and for Invalid the field errors (meta/v1 StatusDetails).</summary>
public sealed class StatusDetails
{
    /// <summary>The object's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>The object's API group (omitted for the core group).</summary>
    [JsonPropertyName("group")] public string? Group { get; set; }
    /// <summary>The kind or resource, as the error names it.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    /// <summary>The object's uid.</summary>
    [JsonPropertyName("uid")] public string? Uid { get; set; }
    /// <summary>The causes (one per field error).</summary>
    [JsonPropertyName("causes")] public IList<StatusCause>? Causes { get; set; }
    /// <summary>When to retry.</summary>
    [JsonPropertyName("retryAfterSeconds")] public int? RetryAfterSeconds { get; set; }
}

/// <summary>One cause of a Status (meta/v1 StatusCause).</summary>
public sealed class StatusCause
{
    /// <summary>The machine-readable reason (<c>FieldValueInvalid</c>...).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    /// <summary>The human-readable message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>The field the cause is about.</summary>
    [JsonPropertyName("field")] public string? Field { get; set; }
}
