using System.Text.Json.Serialization;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>A status tag: the history of one tag (newest first) and its import conditions.</summary>
public sealed class NamedTagEventList
{
    /// <summary>The tag name.</summary>
    [JsonPropertyName("tag")] public string Tag { get; set; } = "";

    /// <summary>The history, newest first; <c>items[0]</c> is the tag's current image. Always emitted (may be null).</summary>
    [JsonPropertyName("items")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IList<TagEvent>? Items { get; set; }

    /// <summary>Conditions such as a failed import (<c>ImportSuccess</c>=<c>False</c>). Omitted when null.</summary>
    [JsonPropertyName("conditions")] public IList<TagEventCondition>? Conditions { get; set; }
}

/// <summary>One entry of a tag's history.</summary>
public sealed class TagEvent
{
    /// <summary>When the event was recorded. Always emitted.</summary>
    [JsonPropertyName("created")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTime? Created { get; set; }

    /// <summary>The pull spec of the image (for imports: the source repository with the digest).</summary>
    [JsonPropertyName("dockerImageReference")] public string DockerImageReference { get; set; } = "";

    /// <summary>The image id (<c>sha256:…</c>); empty for reference tags.</summary>
    [JsonPropertyName("image")] public string Image { get; set; } = "";

    /// <summary>The spec-tag generation that produced the event.</summary>
    [JsonPropertyName("generation")] public long Generation { get; set; }

    /// <summary>The platforms (<c>os/arch</c>) of a manifest-list image. Omitted when null.</summary>
    [JsonPropertyName("platforms")] public IList<string>? Platforms { get; set; }
}

/// <summary>A condition on a status tag; OpenShift only writes <c>ImportSuccess</c> with status <c>False</c>.</summary>
public sealed class TagEventCondition
{
    /// <summary>The condition type written by OpenShift for failed imports.</summary>
    public const string ImportSuccess = "ImportSuccess";

    /// <summary>The condition type (<c>ImportSuccess</c>).</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "";

    /// <summary>When the condition last changed. Always emitted (Go writes a zero time as <c>null</c>).</summary>
    [JsonPropertyName("lastTransitionTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTime? LastTransitionTime { get; set; }

    /// <summary>A machine-readable reason (<c>NotFound</c>, <c>Unauthorized</c>, <c>InternalError</c>...).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    /// <summary>The registry's message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }

    /// <summary>The spec-tag generation the condition belongs to.</summary>
    [JsonPropertyName("generation")] public long Generation { get; set; }
}
