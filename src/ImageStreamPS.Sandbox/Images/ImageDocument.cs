using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Builds <c>image.openshift.io/v1</c> Images from what a registry returned, the way openshift-apiserver
/// fills them on import (the config blob becomes the engine's <see cref="DockerImageMetadata"/>), and
/// writes them as Go does.
/// </summary>
internal static class ImageDocument
{
    public const string LayersOrderAnnotation = "image.openshift.io/dockerLayersOrder";

    /// <summary>An image manifest (Docker schema 2 or OCI) plus its config blob.</summary>
    public static Image FromManifest(RegistryManifest manifest, JsonObject manifestJson, byte[] config, string dockerImageReference)
    {
        var configJson = JsonNode.Parse(config) as JsonObject ?? throw new RegistryException("the image config is not a JSON object");
        var configDigest = Text(manifestJson["config"]?["digest"]) ?? Digest.Sha256(config);
        var metadata = DockerImageMetadata.FromConfig(configJson, configDigest);

        var layers = new List<ImageLayer>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { configDigest };
        long size = config.Length;
        foreach (var layer in manifestJson["layers"] as JsonArray ?? [])
        {
            var name = Text(layer?["digest"]) ?? "";
            var layerSize = layer?["size"] is JsonValue value && value.TryGetValue<long>(out var n) ? n : 0;
            layers.Add(new ImageLayer { Name = name, Size = layerSize, MediaType = Text(layer?["mediaType"]) ?? "" });
            if (seen.Add(name)) size += layerSize;
        }
        metadata.Size = size;

        return new Image
        {
            Metadata = new() { Name = manifest.Digest, Annotations = new Dictionary<string, string> { [LayersOrderAnnotation] = "ascending" } },
            DockerImageReference = dockerImageReference,
            DockerImageMetadata = metadata,
            DockerImageMetadataVersion = "1.0",
            DockerImageManifest = Encoding.UTF8.GetString(manifest.Content),
            DockerImageLayers = layers,
            DockerImageManifestMediaType = manifest.MediaType,
            DockerImageConfig = Encoding.UTF8.GetString(config),
        };
    }

    /// <summary>A manifest list / OCI index kept as one Image (<c>importMode: PreserveOriginal</c>).</summary>
    public static Image FromManifestList(RegistryManifest list, JsonObject listJson, string dockerImageReference, DateTimeOffset now) => new()
    {
        Metadata = new() { Name = list.Digest },
        DockerImageReference = dockerImageReference,
        DockerImageMetadata = DockerImageMetadata.ForManifestList(list.Digest, now),
        DockerImageMetadataVersion = "1.0",
        DockerImageManifest = Encoding.UTF8.GetString(list.Content),
        DockerImageManifestMediaType = list.MediaType,
        DockerImageManifests = (listJson["manifests"] as JsonArray ?? []).Select(entry => new ImageManifest
        {
            Digest = Text(entry?["digest"]) ?? "",
            MediaType = Text(entry?["mediaType"]) ?? "",
            ManifestSize = entry?["size"] is JsonValue value && value.TryGetValue<long>(out var n) ? n : 0,
            Architecture = Text(entry?["platform"]?["architecture"]) ?? "",
            OS = Text(entry?["platform"]?["os"]) ?? "",
            Variant = Text(entry?["platform"]?["variant"]) is { Length: > 0 } variant ? variant : null,
        }).ToList(),
    };

    /// <summary>Removes the raw manifest and config, as stored and listed Images never carry them.</summary>
    public static Image StripManifest(Image image)
    {
        image.DockerImageManifest = null;
        image.DockerImageConfig = null;
        return image;
    }

    /// <summary>An Image's wire JSON as Go writes it: <c>dockerImageLayers</c> is never omitted (null for a list).</summary>
    public static JsonObject Encode(Image image) => WithLayers(Wire.Encode(image));

    /// <summary>Adds <c>"dockerImageLayers": null</c> in its place when an encoded Image has none.</summary>
    public static JsonObject WithLayers(JsonObject image)
    {
        if (image.ContainsKey("dockerImageLayers")) return image;
        var result = new JsonObject();
        foreach (var (key, value) in image.ToList())
        {
            if (key is "signatures" or "dockerImageSignatures" or "dockerImageManifestMediaType" or "dockerImageConfig" or "dockerImageManifests" &&
                !result.ContainsKey("dockerImageLayers"))
                result["dockerImageLayers"] = null;
            image.Remove(key);
            result[key] = value;
        }
        if (!result.ContainsKey("dockerImageLayers")) result["dockerImageLayers"] = null;
        return result;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
