using System.Text;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Builds <c>image.openshift.io/v1</c> Image objects (wire shape, without kind/apiVersion as they are
/// embedded) from what a registry returned, the way openshift-apiserver fills them on import.
/// </summary>
internal static class ImageDocument
{
    public const string LayersOrderAnnotation = "image.openshift.io/dockerLayersOrder";

    /// <summary>An image manifest (Docker schema 2 or OCI) plus its config blob.</summary>
    public static JsonObject FromManifest(RegistryManifest manifest, JsonObject manifestJson, byte[] config, string dockerImageReference)
    {
        var configJson = JsonNode.Parse(config) as JsonObject ?? throw new RegistryException("the image config is not a JSON object");
        var configDigest = manifestJson["config"]?["digest"]?.GetValue<string>() ?? Digest.Sha256(config);
        var metadata = DockerImageMetadata.FromConfig(configJson, configDigest);

        var layers = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal) { configDigest };
        long size = config.Length;
        foreach (var layer in manifestJson["layers"] as JsonArray ?? [])
        {
            var name = layer?["digest"]?.GetValue<string>() ?? "";
            var layerSize = layer?["size"]?.GetValue<long>() ?? 0;
            layers.Add(new JsonObject
            {
                ["name"] = name,
                ["size"] = layerSize,
                ["mediaType"] = layer?["mediaType"]?.GetValue<string>() ?? "",
            });
            if (seen.Add(name)) size += layerSize;
        }
        metadata["Size"] = size;

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = manifest.Digest,
                ["annotations"] = new JsonObject { [LayersOrderAnnotation] = "ascending" },
            },
            ["dockerImageReference"] = dockerImageReference,
            ["dockerImageMetadata"] = metadata,
            ["dockerImageMetadataVersion"] = "1.0",
            ["dockerImageManifest"] = Encoding.UTF8.GetString(manifest.Content),
            ["dockerImageLayers"] = layers,
            ["dockerImageManifestMediaType"] = manifest.MediaType,
            ["dockerImageConfig"] = Encoding.UTF8.GetString(config),
        };
    }

    /// <summary>A manifest list / OCI index kept as one Image (<c>importMode: PreserveOriginal</c>).</summary>
    public static JsonObject FromManifestList(RegistryManifest list, JsonObject listJson, string dockerImageReference, DateTimeOffset now)
    {
        var manifests = new JsonArray();
        foreach (var entry in listJson["manifests"] as JsonArray ?? [])
        {
            var item = new JsonObject
            {
                ["digest"] = entry?["digest"]?.GetValue<string>() ?? "",
                ["mediaType"] = entry?["mediaType"]?.GetValue<string>() ?? "",
                ["manifestSize"] = entry?["size"]?.GetValue<long>() ?? 0,
                ["architecture"] = entry?["platform"]?["architecture"]?.GetValue<string>() ?? "",
                ["os"] = entry?["platform"]?["os"]?.GetValue<string>() ?? "",
            };
            if (entry?["platform"]?["variant"]?.GetValue<string>() is { Length: > 0 } variant) item["variant"] = variant;
            manifests.Add(item);
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = list.Digest },
            ["dockerImageReference"] = dockerImageReference,
            ["dockerImageMetadata"] = DockerImageMetadata.ForManifestList(list.Digest, now),
            ["dockerImageMetadataVersion"] = "1.0",
            ["dockerImageManifest"] = Encoding.UTF8.GetString(list.Content),
            ["dockerImageLayers"] = null,
            ["dockerImageManifestMediaType"] = list.MediaType,
            ["dockerImageManifests"] = manifests,
        };
    }

    /// <summary>Removes the raw manifest and config, as stored and listed Images never carry them.</summary>
    public static JsonObject StripManifest(JsonObject image)
    {
        image.Remove("dockerImageManifest");
        image.Remove("dockerImageConfig");
        return image;
    }
}
