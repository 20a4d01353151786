using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>
/// Whether a pushed manifest has the shape its media type promises, checked the way distribution
/// decodes one into its Go types (<c>schema2.DeserializedManifest</c>, <c>ocischema</c>,
/// <c>manifestlist</c>): <c>schemaVersion</c> is the number 2, descriptors are objects with a string
/// <c>mediaType</c>, a valid <c>digest</c> and a non-negative integer <c>size</c>. A manifest that
/// fails answers 400 MANIFEST_INVALID with the reason, never an exception.
/// </summary>
internal static class ManifestValidation
{
    /// <summary>Why <paramref name="manifest"/> is not a valid <paramref name="mediaType"/> manifest, or null when it is.</summary>
    public static string? Problem(JsonObject manifest, string mediaType)
    {
        if (!ManifestMediaTypes.IsManifest(mediaType)) return $"unsupported manifest media type {mediaType}";
        if (manifest["schemaVersion"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number)
            return "schemaVersion must be a number";
        if (!version.TryGetValue<int>(out var number) || number != 2) return $"schemaVersion {version.ToJsonString()} is not supported (only 2)";
        if (manifest.ContainsKey("mediaType") && String(manifest["mediaType"]) is null) return "mediaType must be a string";
        if (ManifestMediaTypes.IsList(mediaType))
        {
            if (manifest["manifests"] is not JsonArray children) return "manifests must be a list";
            for (var i = 0; i < children.Count; i++)
            {
                if (Descriptor(children[i], $"manifests[{i}]") is { } problem) return problem;
                if (children[i]!["platform"] is { } platform && platform is not JsonObject) return $"manifests[{i}].platform must be an object";
            }
            return null;
        }
        if (Descriptor(manifest["config"], "config") is { } config) return config;
        if (manifest["layers"] is not JsonArray layers) return "layers must be a list";
        for (var i = 0; i < layers.Count; i++)
            if (Descriptor(layers[i], $"layers[{i}]") is { } problem) return problem;
        return null;
    }

    private static string? Descriptor(JsonNode? node, string field)
    {
        if (node is not JsonObject descriptor) return $"{field} must be a descriptor object";
        if (String(descriptor["mediaType"]) is null) return $"{field}.mediaType must be a string";
        if (!Digest.IsValid(String(descriptor["digest"]))) return $"{field}.digest is not a valid digest";
        if (descriptor["size"] is not JsonValue size || size.GetValueKind() != JsonValueKind.Number || !size.TryGetValue<long>(out var bytes) || bytes < 0)
            return $"{field}.size must be a non-negative integer";
        return null;
    }

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
