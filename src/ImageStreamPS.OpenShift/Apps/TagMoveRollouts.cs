using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using k8s;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>The image a moved tag points to once the server settled it.</summary>
/// <param name="Image">The image id (<c>sha256:…</c>), empty for a reference tag.</param>
/// <param name="PullSpec">The tag resolved with its reference policy: what a trigger writes.</param>
public sealed record TagImage(string Namespace, string Stream, string Tag, string Image, string PullSpec)
{
    public string ImageStreamTag => Stream + ":" + Tag;

    /// <summary>Whether a rollout runs this image (same digest, or the same pull spec for a reference tag).</summary>
    public bool IsRunBy(Rollout rollout) =>
        string.IsNullOrEmpty(Image) ? rollout.Image == PullSpec : rollout.Digest == Image || rollout.Image == PullSpec;
}

/// <summary>
/// Set-ImageTag -Wait: which rollouts a tag move causes, and waiting for them. Before the move, the
/// workloads whose unpaused image triggers follow the tag are noted; after it, the tag's new image is
/// read (waiting through a watch on the stream while an import is pending), and every noted workload
/// that did not already run that image is followed until it runs it and has rolled out.
/// </summary>
public sealed class TagMoveRollouts(IKubernetes kubernetes)
{
    private readonly RolloutClient rollouts = new(kubernetes);

    public TagMoveRollouts(OpenShiftConnection connection) : this(connection.Client)
    {
    }

    public RolloutClient Rollouts => rollouts;

    /// <summary>The workloads in the stream's namespace that a move of <c>ns/stream:tag</c> would roll out.</summary>
    public Task<IReadOnlyList<Rollout>> TriggeredByAsync(string @namespace, string stream, string tag, CancellationToken cancellationToken) =>
        rollouts.ListTriggeredByAsync(@namespace, stream, tag, cancellationToken);

    /// <summary>
    /// The tag's image once it has one that is not waiting for an import. Throws
    /// <see cref="TagImportFailedException"/> when the import failed, <see cref="TimeoutException"/>
    /// (via cancellation of <paramref name="cancellationToken"/>) when the caller's deadline passes.
    /// </summary>
    public async Task<TagImage> ReadTagImageAsync(string @namespace, string stream, string tag, CancellationToken cancellationToken)
    {
        while (true)
        {
            var imageStream = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStream>(
                ImageStream.KubeGroup, ImageStream.KubeApiVersion, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, ApiPath.Name(stream), cancellationToken).ConfigureAwait(false);
            if (Settled(imageStream, tag) is { } image) return image;

            // An import is pending: follow the stream until the importer wrote the tag's status.
            await foreach (var (type, changed) in kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(
                ImageStream.KubeGroup, ImageStream.KubeApiVersion, ApiPath.Namespace(@namespace), ImageStream.KubePluralName,
                fieldSelector: "metadata.name=" + stream, resourceVersion: imageStream.Metadata.ResourceVersion,
                timeoutSeconds: 300, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (type is not (WatchEventType.Added or WatchEventType.Modified)) continue;
                var next = changed is System.Text.Json.JsonElement element
                    ? KubernetesJson.Deserialize<ImageStream>(element)
                    : KubernetesJson.Deserialize<ImageStream>(KubernetesJson.Serialize(changed));
                if (Settled(next, tag) is { } settled) return settled;
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static TagImage? Settled(ImageStream stream, string tag)
    {
        if (stream.IsImportPending(tag)) return null;
        var current = stream.LatestTaggedImage(tag);
        if (current is null)
        {
            var failure = stream.FindImportFailure(tag);
            throw new TagImportFailedException(stream.Metadata.NamespaceProperty, stream.Metadata.Name, tag,
                failure?.Message ?? "the tag has no image");
        }
        return new TagImage(stream.Metadata.NamespaceProperty, stream.Metadata.Name, tag, current.Image ?? "", stream.ResolvePullSpec(tag) ?? current.DockerImageReference);
    }

    /// <summary>Follows one caused rollout until it runs <paramref name="image"/> and is final.</summary>
    public Task<Rollout> WaitAsync(Rollout rollout, TagImage image, TimeSpan timeout, Action<Rollout>? progress, CancellationToken cancellationToken) =>
        rollouts.WaitAsync(rollout.Namespace, rollout.Name, timeout, image.IsRunBy, progress, cancellationToken);
}

/// <summary>The moved tag has no image: its import failed (or it points nowhere).</summary>
public sealed class TagImportFailedException(string @namespace, string stream, string tag, string reason)
    : Exception($"image stream tag \"{@namespace}/{stream}:{tag}\" has no image to roll out: {reason}")
{
    public string ImageStreamTag { get; } = $"{@namespace}/{stream}:{tag}";
}
