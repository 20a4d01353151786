using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// What <c>oc new-app</c> reads about the image behind an image stream tag: where it is, the pull
/// spec a trigger would resolve to, and the metadata that shapes the Deployment (exposed ports, volumes).
/// </summary>
/// <param name="Namespace">The image stream's namespace.</param>
/// <param name="Stream">The image stream's name (it names the container).</param>
/// <param name="Tag">The tag the app follows.</param>
/// <param name="ImageId">The image's digest (<c>sha256:…</c>).</param>
/// <param name="PullSpec">The tag resolved with its reference policy (openshift-image-api.md §2.8), as the trigger controller writes it.</param>
/// <param name="ExposedPorts">The image config's <c>ExposedPorts</c> keys (<c>10000/tcp</c>).</param>
/// <param name="Volumes">The image config's <c>Volumes</c> keys (mount paths).</param>
public sealed record NewAppImage(
    string Namespace, string Stream, string Tag, string ImageId, string PullSpec,
    IReadOnlyList<string> ExposedPorts, IReadOnlyList<string> Volumes)
{
    public string ImageStreamTag => Stream + ":" + Tag;

    /// <summary>
    /// The tag's current image (<c>status.tags[tag].items[0]</c>) resolved with the tag's reference
    /// policy exactly as the trigger controller resolves it (§2.8, §7.2), so writing it at once fires no
    /// second rollout; ports and volumes come from the ImageStreamImage's <c>dockerImageMetadata.Config</c>.
    /// Null when the tag has no image yet.
    /// </summary>
    public static NewAppImage? From(ImageStream stream, string tag, ImageStreamImage? image)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var current = stream.LatestTaggedImage(tag);
        if (current is null || string.IsNullOrEmpty(current.Image)) return null;

        var config = image?.Image?.DockerImageMetadata?.Config;
        return new NewAppImage(
            stream.Metadata.NamespaceProperty ?? "",
            stream.Metadata.Name ?? "",
            tag,
            current.Image,
            stream.ResolvePullSpec(tag)!,
            config?.ExposedPorts?.Keys.ToList() ?? [],
            config?.Volumes?.Keys.ToList() ?? []);
    }
}

/// <summary>What the user asked <c>New-App</c> for beyond the image.</summary>
public sealed record NewAppOptions
{
    /// <summary>Where the app goes; the image stream's namespace when empty.</summary>
    public string? Namespace { get; init; }
    /// <summary>The app's name (<c>--name</c>); the stream name when empty.</summary>
    public string? Name { get; init; }
    /// <summary>Container ports that replace the image's exposed ports.</summary>
    public IReadOnlyList<int>? Ports { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];
    public int Replicas { get; init; } = 1;
}
