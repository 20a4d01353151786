using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// A spec tag: the name, where it points (<c>from</c>) and how it is imported and consumed.
/// <c>annotations</c> and <c>generation</c> are always emitted, <c>null</c> when unset, as OpenShift does.
/// </summary>
public sealed class TagReference
{
    /// <summary>The tag name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    /// <summary>Annotations applied to images read through the tag; always emitted (null when unset).</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)]
    public IDictionary<string, string>? Annotations { get; set; }

    /// <summary>The source: a DockerImage pull spec, an ImageStreamTag or an ImageStreamImage.</summary>
    [JsonPropertyName("from")] public ObjectReference? From { get; set; }

    /// <summary><c>true</c>: the tag is a reference only and is not imported. Omitted when false.</summary>
    [JsonPropertyName("reference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitDefaults)]
    public bool Reference { get; set; }

    /// <summary>
    /// The spec-tag generation. Always emitted; <c>null</c> keeps the server's value, <c>0</c> asks for a re-import.
    /// </summary>
    [JsonPropertyName("generation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)]
    public long? Generation { get; set; }

    /// <summary>How the tag is imported. Always emitted (possibly <c>{}</c>).</summary>
    [JsonPropertyName("importPolicy")] public TagImportPolicy ImportPolicy { get; set; } = new();

    /// <summary>How consumers get the pull spec (Source or Local). Always emitted.</summary>
    [JsonPropertyName("referencePolicy")] public TagReferencePolicy ReferencePolicy { get; set; } = new();
}

/// <summary>How images of a tag are imported.</summary>
public sealed class TagImportPolicy
{
    /// <summary>Allow HTTP or unverified TLS during import. Omitted when false.</summary>
    [JsonPropertyName("insecure")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitDefaults)]
    public bool Insecure { get; set; }

    /// <summary>Re-import periodically. Omitted when false.</summary>
    [JsonPropertyName("scheduled")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitDefaults)]
    public bool Scheduled { get; set; }

    /// <summary><c>Legacy</c> (default) or <c>PreserveOriginal</c>; omitted when empty.</summary>
    [JsonPropertyName("importMode")] public string? ImportMode { get; set; }
}

/// <summary>The import modes OpenShift accepts.</summary>
public static class ImportMode
{
    /// <summary>Import one platform's manifest out of a manifest list (the default).</summary>
    public const string Legacy = "Legacy";
    /// <summary>Keep the manifest list and import every sub-manifest.</summary>
    public const string PreserveOriginal = "PreserveOriginal";
}

/// <summary>How pull specs are generated for consumers of a tag.</summary>
public sealed class TagReferencePolicy
{
    /// <summary><c>Source</c> (the image's original location) or <c>Local</c> (the integrated registry). Always emitted.</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";
}

/// <summary>The reference policy types.</summary>
public static class TagReferencePolicyType
{
    /// <summary>Consumers pull from where the image came from.</summary>
    public const string Source = "Source";
    /// <summary>Consumers pull through the integrated registry.</summary>
    public const string Local = "Local";
}
