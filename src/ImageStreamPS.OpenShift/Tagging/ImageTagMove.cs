using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tagging;

/// <summary>
/// <c>oc tag SOURCE DEST...</c> as one engine operation (openshift/oc <c>pkg/cli/tag/tag.go</c>):
/// <see cref="Plan"/> is Validate, <see cref="ResolveAsync"/> is Complete (an ImageStreamTag source is
/// read once and replaced by the image it points to now), and <see cref="SetAsync"/> is Run for one
/// destination: a <c>PUT imagestreamtags/STREAM:TAG</c> without a precondition, as oc sends it, inside
/// <c>retry.RetryOnConflict</c> (with a longer client-go backoff, see <see cref="ConflictBackoff"/>). <see cref="PreviewAsync"/> is what -WhatIf shows.
/// </summary>
public sealed class ImageTagMove
{
    private readonly ImageStreamClient client;
    private TagSource? resolved;

    private ImageTagMove(ImageStreamClient client, TagSource source, IReadOnlyList<ImageStreamReference> destinations, TagOptions options, string currentNamespace, ImageStream? sourceStream)
    {
        this.client = client;
        Source = source;
        Destinations = destinations;
        Options = options;
        CurrentNamespace = currentNamespace;
        SourceStream = sourceStream;
    }

    /// <summary>
    /// How a conflicting write is retried: client-go's <c>wait.Backoff</c> as <see cref="Backoff.Contended"/>.
    /// <c>oc tag</c> uses <c>retry.DefaultRetry</c> (four 10 ms waits), made for one person at a terminal;
    /// runbooks in parallel on one stream collide again after waits that short.
    /// </summary>
    public static Backoff ConflictBackoff { get; } = Backoff.Contended;

    /// <summary>The source as classified (before resolution).</summary>
    public TagSource Source { get; }

    /// <summary>The tags to set.</summary>
    public IReadOnlyList<ImageStreamReference> Destinations { get; }

    /// <summary>oc tag's flags.</summary>
    public TagOptions Options { get; }

    /// <summary>The namespace names without one are in.</summary>
    public string CurrentNamespace { get; }

    /// <summary>The source's stream, when it was given or read.</summary>
    public ImageStream? SourceStream { get; private set; }

    /// <summary>The source each destination is set to: <see cref="Source"/>, or what it pointed to when resolved.</summary>
    public TagSource Resolved => resolved ?? (Source.NeedsResolution(Options.Alias)
        ? throw new InvalidOperationException("Call ResolveAsync first: the source tag must be resolved to its image.")
        : Source);

    /// <summary>
    /// Checks source, destinations and options as <c>oc tag</c> does before sending anything.
    /// <paramref name="sourceStream"/> is the source's stream as already read (a piped tag): it is used
    /// instead of reading it again, so the image tagged is the one the caller saw.
    /// </summary>
    /// <exception cref="ImageTagException">With oc's message.</exception>
    public static ImageTagMove Plan(
        ImageStreamClient client, TagSource source, IReadOnlyList<ImageStreamReference> destinations, TagOptions options, string currentNamespace, ImageStream? sourceStream = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ImageStreamTagRequest.Validate(source, destinations, options, currentNamespace);
        return new ImageTagMove(client, source, destinations, options, currentNamespace, sourceStream);
    }

    /// <summary>
    /// oc's Complete: an ImageStreamTag source (without -Alias) becomes the image it points to now,
    /// read with one <c>GET imagestreams/NAME</c> unless the stream was given.
    /// </summary>
    /// <exception cref="ImageTagException">The source tag has no image (oc's message).</exception>
    /// <exception cref="OpenShiftApiException">The stream could not be read.</exception>
    public async Task<TagSource> ResolveAsync(CancellationToken cancellationToken)
    {
        if (!Source.NeedsResolution(Options.Alias)) return resolved = Source;
        SourceStream ??= await client.GetAsync(Source.StreamNamespace(CurrentNamespace), Source.Reference.Name, cancellationToken).ConfigureAwait(false);
        return resolved = Source.ResolveCurrentImage(SourceStream);
    }

    /// <summary>The ImageStreamTag body sent for <paramref name="destination"/>.</summary>
    public ImageStreamTag RequestFor(ImageStreamReference destination) => ImageStreamTagRequest.Build(Resolved, destination, Options, CurrentNamespace);

    /// <summary>The namespace <paramref name="destination"/> is in.</summary>
    public string NamespaceOf(ImageStreamReference destination) => destination.NamespaceOr(CurrentNamespace);

    /// <summary>
    /// Sets one destination: <c>PUT …/imagestreamtags/STREAM:TAG</c> with no resourceVersion (oc sends
    /// none), sent again on 409 Conflict after client-go's jittered backoff. Returns the tag as the server
    /// answered; <paramref name="retrying"/> hears each retry's number.
    /// </summary>
    /// <exception cref="OpenShiftApiException">The server refused it (the last Conflict, after the retries).</exception>
    public async Task<ImageStreamTag> SetAsync(ImageStreamReference destination, Action<int>? retrying, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var body = RequestFor(destination);
        var (tag, _) = await ConflictRetry.RunAsync(
            ConflictBackoff,
            token => client.SetTagAsync(NamespaceOf(destination), body, resourceVersion: null, token),
            retrying,
            cancellationToken).ConfigureAwait(false);
        return tag;
    }

    /// <summary>The line oc prints after setting <paramref name="destination"/>.</summary>
    public string SuccessMessage(ImageStreamReference destination) => ImageStreamTagRequest.SuccessMessage(Resolved, destination, Options, CurrentNamespace);

    /// <summary>
    /// What moving <paramref name="destination"/> would roll out: the image it would point to (by the
    /// reference policy) and every Deployment container in its namespace whose image trigger would fire.
    /// Reads the source stream (if not read yet), the destination stream (only for a Local policy across
    /// streams) and the destination namespace's Deployments; writes nothing.
    /// </summary>
    public async Task<TagMovePreview> PreviewAsync(ImageStreamReference destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var source = Resolved;
        var destinationNamespace = NamespaceOf(destination);
        string next;
        if (source.Kind == TagSourceKind.DockerImage)
        {
            // Without a digest the image is known only once the server has imported it.
            next = string.IsNullOrEmpty(source.Reference.ID) ? $"(the image imported from {source.Exact})" : source.Exact;
        }
        else
        {
            SourceStream ??= await client.GetAsync(source.StreamNamespace(CurrentNamespace), source.Reference.Name, cancellationToken).ConfigureAwait(false);
            var stream = new ImageStreamView(SourceStream);
            var item = source.Kind == TagSourceKind.ImageStreamTag
                ? stream.FindTag(source.Reference.Tag)?.Current
                // An image id resolves as the server resolves an ImageStreamImage (imageutil.ResolveImageID).
                : !string.IsNullOrEmpty(source.Reference.ID) && SourceStream.TryResolveImageId(source.Reference.ID, DateTime.UtcNow, out var resolvedEvent, out _)
                    ? stream.Tags.SelectMany(t => t.History).FirstOrDefault(i => i.Image == resolvedEvent!.Image)
                    : null;
            if (item is null) return new TagMovePreview(destination, null, []);
            var repository = "";
            if (TagReferencePolicyType.Local.Equals(Options.ReferencePolicy, StringComparison.OrdinalIgnoreCase))
            {
                repository = stream.Namespace == destinationNamespace && stream.Name == destination.Name
                    ? stream.ImageRepository
                    : new ImageStreamView(await client.GetAsync(destinationNamespace, destination.Name, cancellationToken).ConfigureAwait(false)).ImageRepository;
            }
            next = ImageTagView.Resolve(item, TagReferencePolicyType.Local.Equals(Options.ReferencePolicy, StringComparison.OrdinalIgnoreCase)
                ? TagReferencePolicyType.Local : TagReferencePolicyType.Source, repository);
        }

        var triggered = await client.PreviewTriggersAsync(destinationNamespace, destinationNamespace, destination.Name, destination.Tag!, next, cancellationToken).ConfigureAwait(false);
        return new TagMovePreview(destination, next, triggered, triggered.Count == 0 ? null : await NamesAsync(destination, cancellationToken).ConfigureAwait(false));
    }

    // Names for the images a preview shows: the tags of the source's and the destination's streams that
    // point at them, the destination tag itself last. A destination stream that does not exist yet names nothing.
    private async Task<ImageNames> NamesAsync(ImageStreamReference destination, CancellationToken cancellationToken)
    {
        var destinationNamespace = NamespaceOf(destination);
        var streams = new List<ImageStream>();
        if (SourceStream is not null) streams.Add(SourceStream);
        var sameStream = SourceStream?.Metadata?.Name == destination.Name && (SourceStream?.Metadata?.NamespaceProperty ?? CurrentNamespace) == destinationNamespace;
        if (!sameStream)
        {
            try
            {
                streams.Add(await client.GetAsync(destinationNamespace, destination.Name, cancellationToken).ConfigureAwait(false));
            }
            catch (OpenShiftApiException exception) when (exception.Reason is "NotFound" or "Forbidden")
            {
            }
        }
        return new ImageNames(ImageNames.TagsByDigest(streams, destinationNamespace), [destination.ObjectName]);
    }
}

/// <summary>What a tag move would roll out (for -WhatIf).</summary>
/// <param name="Destination">The tag that would move.</param>
/// <param name="NextImage">The image the tag would point to; null when it is not known before the move.</param>
/// <param name="Triggered">The Deployment containers whose image trigger would fire.</param>
/// <param name="Names">Names the images by the tags that point at them (null: shown as pull specs).</param>
public sealed record TagMovePreview(ImageStreamReference Destination, string? NextImage, IReadOnlyList<TriggeredContainer> Triggered, ImageNames? Names = null)
{
    /// <summary>
    /// The preview as indented lines, one per triggered container (or one saying why none), each image
    /// named by its tags and short digest (<c>citas:v1 (sha256:24ffc068a860) -> citas:v2 (sha256:6778a833c997)</c>).
    /// </summary>
    public IReadOnlyList<string> Lines(string sourceExact)
    {
        if (NextImage is null) return [$"  {sourceExact} has no image: no Deployment would roll out"];
        if (Triggered.Count == 0) return [$"  no Deployment triggers on {Destination.ObjectName} would fire"];
        return Triggered.Select(t => $"  would roll out deployment/{t.Deployment} container {t.Container}: {Name(t.CurrentImage)} -> {Name(t.NextImage)}").ToList();
    }

    /// <summary>
    /// What to call <see cref="NextImage"/> when no tag of the destination points at it yet (an image another
    /// cluster promotes: <c>myproject/citas:v2 on 127.0.0.1:38939 (sha256:2980f18f7531)</c>); null: its pull spec.
    /// </summary>
    public string? NextImageName { get; init; }

    private string Name(string image)
    {
        var described = Names?.Describe(image) ?? image;
        return described == image && image == NextImage && NextImageName is { } name ? name : described;
    }
}
