using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// openshift-apiserver's <c>LayersREST.Get</c> and <c>addImageStreamLayersFromCache</c>
/// (<c>imagestream/etcd/etcd.go</c>, the cache entries of <c>imageLayersForImage</c> in <c>image.go</c>): every image
/// the stream's history references, its layers, its config (schema 2 images) and its manifest, as blobs.
/// </summary>
public static class ImageStreamLayersRule
{
    /// <summary>The manifest type assumed when an Image does not record one.</summary>
    public const string DockerSchema2 = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>The config media type of a schema 2 image (<c>configFromImage</c>).</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>The layers view of <paramref name="stream"/>; <paramref name="image"/> finds an Image by name (null when gone).</summary>
    public static ImageStreamLayers For(ImageStream stream, Func<string, Image?> image)
    {
        var layers = new ImageStreamLayers { Metadata = stream.Metadata };
        foreach (var item in (stream.Status?.Tags ?? []).SelectMany(tag => tag.Items ?? []))
        {
            if (string.IsNullOrEmpty(item.Image) || layers.Images.ContainsKey(item.Image)) continue;
            if (image(item.Image) is not { } found)
            {
                layers.Images[item.Image] = new ImageBlobReferences { ImageMissing = true };
                continue;
            }
            var references = new ImageBlobReferences();
            foreach (var layer in found.DockerImageLayers ?? [])
            {
                (references.Layers ??= []).Add(layer.Name);
                layers.Blobs.TryAdd(layer.Name, new ImageLayerData { Size = layer.Size, MediaType = layer.MediaType });
            }
            // Only a schema 2 manifest names its config by the image id; its size is not known here.
            if (found.DockerImageManifestMediaType == DockerSchema2 && found.DockerImageMetadata?.Id is { Length: > 0 } config)
            {
                references.Config = config;
                layers.Blobs.TryAdd(config, new ImageLayerData { MediaType = DockerConfig });
            }
            layers.Blobs.TryAdd(item.Image, new ImageLayerData
            {
                MediaType = string.IsNullOrEmpty(found.DockerImageManifestMediaType) ? DockerSchema2 : found.DockerImageManifestMediaType,
            });
            layers.Images[item.Image] = references;
        }
        return layers;
    }
}
