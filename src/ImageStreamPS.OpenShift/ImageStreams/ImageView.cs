using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>One layer of an image: its digest, size and media type.</summary>
public sealed record ImageLayerView(string Digest, long Size, string MediaType);

/// <summary>
/// What <c>oc describe istag</c> and <c>oc import-image</c> show about an image (oc <c>DescribeImage</c>
/// and <c>describeDockerImage</c>): its name and pull spec, when it was built and imported, who built
/// it, its architecture, size and layers, and its runtime config (entrypoint, command, working
/// directory, user, exposed ports, labels, environment, volumes), read from the Image's
/// <c>dockerImageMetadata</c>.
/// </summary>
/// <param name="ImageStreamTag">The <c>stream:tag</c> it was read through, when known (oc's "Image Name" after an import).</param>
/// <param name="Imported">When the cluster created the Image object (its <c>metadata.creationTimestamp</c>).</param>
/// <param name="Created">When the image was built (<c>dockerImageMetadata.Created</c>).</param>
/// <param name="OS">
/// The operating systems of a manifest list's images; empty otherwise, because OpenShift's image
/// metadata (<c>docker10.DockerImage</c>) has no OS field.
/// </param>
public sealed record ImageView(
    string Name, string ImageStreamTag, string PullSpec, DateTime? Imported, DateTime? Created, string Author, string Architecture,
    string OS, IReadOnlyList<string> Platforms, long Size, IReadOnlyList<ImageLayerView> Layers,
    IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Command, string WorkingDir, string User,
    IReadOnlyList<string> ExposedPorts, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Environment,
    IReadOnlyList<string> Volumes, string ManifestMediaType, IReadOnlyDictionary<string, string> Annotations, JsonObject Manifest)
{
    /// <summary>Reads an Image as the server returned it (embedded in an ImageStreamTag, ImageStreamImage or import result).</summary>
    public static ImageView Of(Image image, string? imageStreamTag = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var metadata = image.DockerImageMetadata;
        var config = metadata?.Config ?? new DockerConfig();
        var layers = (image.DockerImageLayers ?? []).Select(l => new ImageLayerView(l.Name, l.Size, l.MediaType)).ToList();
        var platforms = (image.DockerImageManifests ?? [])
            .Select(m => string.Join("/", new[] { m.OS, m.Architecture, m.Variant }.Where(p => !string.IsNullOrEmpty(p))))
            .Where(p => p.Length > 0).Distinct().ToList();
        var os = string.Join(",", (image.DockerImageManifests ?? []).Select(m => m.OS).Where(o => !string.IsNullOrEmpty(o)).Distinct());
        return new ImageView(
            image.Metadata?.Name ?? "",
            imageStreamTag ?? "",
            image.DockerImageReference ?? "",
            image.Metadata?.CreationTimestamp,
            metadata?.Created,
            metadata?.Author ?? "",
            metadata?.Architecture ?? "",
            os,
            platforms,
            SizeOf(metadata, layers),
            layers,
            config.Entrypoint?.ToList() ?? [],
            config.Cmd?.ToList() ?? [],
            config.WorkingDir ?? "",
            config.User ?? "",
            (config.ExposedPorts?.Keys ?? []).Order(StringComparer.Ordinal).ToList(),
            new SortedDictionary<string, string>(config.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            config.Env?.ToList() ?? [],
            (config.Volumes?.Keys ?? []).Order(StringComparer.Ordinal).ToList(),
            image.DockerImageManifestMediaType ?? "",
            new SortedDictionary<string, string>(image.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            WireShape.Of(image, OpenShiftApi.ImageApiVersion, Image.KubeKind));
    }

    /// <summary>
    /// oc's size line: <c>237.1MB in 40 layers</c>, or the size alone when the server does not know the
    /// layers (oc's "Layer Size" case).
    /// </summary>
    public string SizeText => Layers.Count == 0 ? HumanSize.Format(Size) : $"{HumanSize.Format(Size)} in {Layers.Count} layers";

    /// <summary>The layers as oc lists them: <c>size  digest</c>, one per line, base first.</summary>
    public IReadOnlyList<string> LayerLines => Layers.Select(l => $"{HumanSize.Format(l.Size)}\t{l.Digest}").ToList();

    // dockerImageMetadata.Size is the sum of the distinct layers (and the config); where a server left it
    // out, the distinct layers are the best measure there is.
    private static long SizeOf(DockerImageMetadata? metadata, IReadOnlyList<ImageLayerView> layers) =>
        metadata?.Size is > 0 and var size ? size : layers.DistinctBy(l => l.Digest).Sum(l => l.Size);
}
