using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>A manifest as fetched: the exact bytes, their media type and the sha256 digest of those bytes.</summary>
internal sealed record RegistryManifest(byte[] Content, string MediaType, string Digest)
{
    /// <summary>
    /// The media type a registry should have sent: a real one from Content-Type, else the
    /// manifest's own <c>mediaType</c>, else inferred from its shape (umoci writes none).
    /// </summary>
    public static string DetectMediaType(string? contentType, byte[] content)
    {
        if (ManifestMediaTypes.IsManifest(contentType)) return contentType!;
        JsonNode? node;
        try { node = JsonNode.Parse(content); }
        catch (System.Text.Json.JsonException) { return contentType ?? "application/octet-stream"; }
        if (node is not JsonObject manifest) return contentType ?? "application/octet-stream";
        if (manifest["mediaType"] is JsonValue mediaType && mediaType.TryGetValue<string>(out var declared) && declared.Length > 0) return declared;
        if (manifest["schemaVersion"] is JsonValue version && version.TryGetValue<int>(out var number) && number == 1) return ManifestMediaTypes.DockerSchema1Signed;
        if (manifest["manifests"] is JsonArray) return ManifestMediaTypes.OciIndex;
        if (manifest["config"] is JsonObject) return ManifestMediaTypes.OciManifest;
        return contentType ?? "application/octet-stream";
    }
}
