using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Promotion;

/// <summary>
/// What another cluster needs to import one image stream tag by digest: the tag's current image
/// (<c>status.tags[tag].items[0]</c>) and where that very digest can be pulled from outside its cluster.
/// An image that came from a registry (<c>docker.io/…@sha256:…</c>, <c>quay.io/…</c>) is pulled from that
/// registry, as its tag event names it; an image in the source cluster's integrated registry (pushed, or
/// tagged from another stream there) is pulled through that registry's public route
/// (<c>status.publicDockerImageRepository</c>'s host, the same repository path), since the internal
/// service name (<c>image-registry.openshift-image-registry.svc:5000</c>) means the destination's own registry there.
/// </summary>
public sealed record PromotionSource
{
    /// <summary>The source stream's namespace.</summary>
    public required string Namespace { get; init; }
    /// <summary>The source stream's name.</summary>
    public required string Stream { get; init; }
    /// <summary>The source tag.</summary>
    public required string Tag { get; init; }
    /// <summary>The image the source tag points to: the digest the destination must end up with.</summary>
    public required string Image { get; init; }
    /// <summary>The tag event's pull spec as the source cluster wrote it.</summary>
    public required string PullSpec { get; init; }
    /// <summary>What the destination imports: a pull spec by digest (<c>REGISTRY/PATH@sha256:…</c>).</summary>
    public required string ImportFrom { get; init; }
    /// <summary>True when <see cref="ImportFrom"/> is the source cluster's public registry route, false for the image's own registry.</summary>
    public required bool ThroughClusterRegistry { get; init; }

    /// <summary>The registry host <see cref="ImportFrom"/> names (what a pull secret is keyed by).</summary>
    public string RegistryHost => DockerImageReference.Parse(ImportFrom).Registry;

    /// <summary><c>ns/stream:tag</c>.</summary>
    public string Name => $"{Namespace}/{Stream}:{Tag}";

    /// <summary>
    /// The promotion source of <paramref name="tag"/> in <paramref name="stream"/> as read from the source cluster.
    /// </summary>
    /// <exception cref="ImagePromotionException">
    /// The tag has no image (<see cref="PromotionError.SourceHasNoImage"/>), no digest (a reference tag,
    /// <see cref="PromotionError.SourceHasNoDigest"/>), or lives in an integrated registry that is not exposed
    /// (<see cref="PromotionError.RegistryNotExposed"/>).
    /// </exception>
    public static PromotionSource Of(ImageStream stream, string tag)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var ns = stream.Metadata?.NamespaceProperty ?? "";
        var name = $"{ns}/{stream.Metadata?.Name}:{tag}";
        var current = stream.LatestTaggedImage(tag)
            ?? throw new ImagePromotionException(PromotionError.SourceHasNoImage,
                $"\"{name}\" is not currently pointing to an image, cannot promote it" + ImportFailureOf(stream, tag));
        if (!DockerImageReference.TryParse(current.DockerImageReference, out var pulled, out var error))
            throw new ImagePromotionException(PromotionError.SourceHasNoImage, $"the image stream tag \"{name}\" has an invalid pull spec: {error}");
        var digest = current.Image.Length > 0 ? current.Image : pulled.ID;
        if (digest.Length == 0)
            throw new ImagePromotionException(PromotionError.SourceHasNoDigest,
                $"\"{name}\" refers to {current.DockerImageReference} without an image digest (a reference tag): promotion is by digest, so import the tag first");

        var through = IsIntegratedRegistry(stream, pulled.Registry);
        string from;
        if (through)
        {
            var publicRepository = stream.Status?.PublicDockerImageRepository;
            if (string.IsNullOrEmpty(publicRepository) || !DockerImageReference.TryParse(publicRepository, out var exposed) || exposed.Registry.Length == 0)
                throw new ImagePromotionException(PromotionError.RegistryNotExposed,
                    $"\"{name}\" is in the source cluster's integrated registry, which has no public route (status.publicDockerImageRepository is empty), " +
                    $"so another cluster cannot pull it: {ExposeRegistry}, or copy the image with -Mirror");
            from = (pulled with { Registry = exposed.Registry, Tag = "", ID = digest }).Exact();
        }
        else
        {
            from = (pulled with { Tag = "", ID = digest }).Exact();
        }

        return new PromotionSource
        {
            Namespace = ns,
            Stream = stream.Metadata?.Name ?? "",
            Tag = tag,
            Image = digest,
            PullSpec = current.DockerImageReference,
            ImportFrom = from,
            ThroughClusterRegistry = through,
        };
    }

    /// <summary>How a cluster admin gives the integrated registry its public route (the image registry operator's <c>defaultRoute</c>).</summary>
    internal const string ExposeRegistry =
        "expose the registry (oc patch configs.imageregistry.operator.openshift.io/cluster --type=merge --patch '{\"spec\":{\"defaultRoute\":true}}')";

    // The cluster's own registry: the host of status.dockerImageRepository (the internal service name).
    private static bool IsIntegratedRegistry(ImageStream stream, string registry)
    {
        if (registry.Length == 0) return true;
        var internalRepository = stream.Status?.DockerImageRepository;
        return !string.IsNullOrEmpty(internalRepository) &&
            DockerImageReference.TryParse(internalRepository, out var repository) &&
            string.Equals(repository.Registry, registry, StringComparison.OrdinalIgnoreCase);
    }

    private static string ImportFailureOf(ImageStream stream, string tag) =>
        stream.FindImportFailure(tag) is { Message: { Length: > 0 } message } ? $" (its import failed: {message})" : "";
}
