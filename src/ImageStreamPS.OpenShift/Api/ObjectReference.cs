using System.Text.Json.Serialization;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// A reference to another object (core/v1 ObjectReference) as OpenShift uses it in a tag's
/// <c>from</c>: <c>kind</c> is <c>DockerImage</c>, <c>ImageStreamTag</c> or <c>ImageStreamImage</c>.
/// </summary>
public sealed class ObjectReference
{
    /// <summary>Kind of the referent (<c>DockerImage</c>, <c>ImageStreamTag</c>, <c>ImageStreamImage</c>...).</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; }

    /// <summary>Namespace of the referent; empty means the referring object's namespace.</summary>
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }

    /// <summary>Name of the referent: a pull spec, <c>[stream:]tag</c> or <c>[stream@]id</c>.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>UID of the referent.</summary>
    [JsonPropertyName("uid")] public string? Uid { get; set; }

    /// <summary>API version of the referent.</summary>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }

    /// <summary>Resource version of the referent.</summary>
    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; set; }

    /// <summary>A path within the referent.</summary>
    [JsonPropertyName("fieldPath")] public string? FieldPath { get; set; }

    /// <summary>Creates an empty reference.</summary>
    public ObjectReference() { }

    /// <summary>Creates a reference of the given kind and name, with an optional namespace.</summary>
    public ObjectReference(string kind, string name, string? @namespace = null)
    {
        Kind = kind;
        Name = name;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
    }
}

/// <summary>A reference by name inside the same namespace (core/v1 LocalObjectReference).</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the referent.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
}

/// <summary>The kinds a tag's <c>from</c> may name.</summary>
public static class TagSourceKind
{
    /// <summary>An external pull spec, imported from its registry.</summary>
    public const string DockerImage = "DockerImage";
    /// <summary>Another tag: <c>tag</c> or <c>stream:tag</c>.</summary>
    public const string ImageStreamTag = "ImageStreamTag";
    /// <summary>An image by id: <c>id</c> or <c>stream@id</c>.</summary>
    public const string ImageStreamImage = "ImageStreamImage";
}
