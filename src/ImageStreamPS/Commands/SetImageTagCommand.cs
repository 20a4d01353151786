using System.Management.Automation;
using System.Text;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>Points image stream tags at an image, another tag or a registry image, like <c>oc tag</c>.</summary>
/// <remarks>
/// <para>The source is classified as <c>oc tag</c> does: a registry host (<c>docker.io/…</c>, <c>quay.io/…</c>)
/// makes it a DockerImage, a digest (<c>citas@sha256:…</c>) an ImageStreamImage, a tag (<c>citas:v2</c>,
/// <c>ns/citas:v2</c>) an ImageStreamTag; -SourceType overrides. An ImageStreamTag source is resolved to
/// the image it points to now (<c>GET …/imagestreams/citas</c>), so the new tag reads "tagged from
/// citas@sha256:…" and does not move when the source moves; -Alias keeps following the source tag
/// instead. Then one <c>PUT …/imagestreamtags/STREAM:TAG</c> per destination, as oc sends it. A
/// destination in another stream or namespace works the same way; a missing destination stream is
/// created by the server.</para>
/// <para>Piped ImageTags (<c>Get-ImageTag citas:v2 | Set-ImageTag -Destination citas:prod</c>) are used as
/// read: their image is tagged without another read, and the write is conditional on the stream not
/// having changed since. When it changed (HTTP 409), the source is read again and the write retried
/// (up to 5 times; then a ResourceBusy error <c>ImageTagConflict</c>).</para>
/// <para>-WhatIf names every Deployment whose <c>image.openshift.io/triggers</c> annotation follows a
/// destination tag, with the image it runs now and the image the move would roll out (it reads the
/// Deployments of the destination namespace; nothing is written).</para>
/// </remarks>
/// <example>
/// <code>PS> Set-ImageTag citas:v2 citas:latest</code>
/// <para>Tags the image citas:v2 points to as citas:latest, like <c>oc tag citas:v2 citas:latest</c>.</para>
/// </example>
/// <example>
/// <code>PS> Set-ImageTag citas:v2 citas:prod -WhatIf</code>
/// <para>Shows which Deployments would roll out, from which image to which, if prod moved to v2's image.</para>
/// </example>
/// <example>
/// <code>PS> Get-ImageTag citas:v2 -Session $dev | Set-ImageTag -Destination citas:prod -PassThru -ErrorAction Stop</code>
/// <para>Promotes, in a pipeline step, the image tested as v2 to prod and writes the updated tag.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ImageTag", SupportsShouldProcess = true, DefaultParameterSetName = SourceSet)]
[OutputType(typeof(ImageTag))]
public sealed class SetImageTagCommand : ImageStreamCommandBase
{
    private const string SourceSet = "Source";
    private const string InputObjectSet = "InputObject";
    private const int Attempts = 5;

    /// <summary>The source: <c>citas:v2</c>, <c>ns/citas:v2</c>, <c>citas@sha256:…</c> or a pull spec such as <c>docker.io/josedom24/citas-backend:v2</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SourceSet)]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Source { get; set; } = "";

    /// <summary>A tag from Get-ImageTag to use as the source, as it was read.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public ImageTag? InputObject { get; set; }

    /// <summary>The tags to set: <c>citas:prod</c> or <c>ns/citas:prod</c>.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = SourceSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet)]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Destination { get; set; } = [];

    /// <summary>Makes the destination follow the source tag (same stream only) instead of copying its current image.</summary>
    [Parameter]
    public SwitchParameter Alias { get; set; }

    /// <summary>Points to the source without importing it (<c>reference: true</c>).</summary>
    [Parameter]
    public SwitchParameter Reference { get; set; }

    /// <summary>Re-imports a registry source periodically (registry sources only).</summary>
    [Parameter]
    public SwitchParameter Scheduled { get; set; }

    /// <summary><c>Source</c> (default): consumers pull from where the image came from; <c>Local</c>: through the integrated registry.</summary>
    [Parameter]
    [ValidateSet("Source", "Local")]
    public string ReferencePolicy { get; set; } = TagReferencePolicyType.Source;

    /// <summary>Allows plain HTTP and unverified TLS when importing a registry source.</summary>
    [Parameter]
    public SwitchParameter Insecure { get; set; }

    /// <summary>How to read Source when its form is ambiguous: <c>DockerImage</c>, <c>ImageStreamTag</c> or <c>ImageStreamImage</c>.</summary>
    [Parameter]
    [ValidateSet(TagSourceKind.DockerImage, TagSourceKind.ImageStreamTag, TagSourceKind.ImageStreamImage)]
    public string? SourceType { get; set; }

    /// <summary><c>Legacy</c> (default) imports one platform of a multi-arch image; <c>PreserveOriginal</c> keeps the manifest list.</summary>
    [Parameter]
    [ValidateSet("Legacy", "PreserveOriginal")]
    public string ImportMode { get; set; } = OpenShift.Api.ImportMode.Legacy;

    /// <summary>Writes the destination tags, as they are after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private sealed record TagDestination(string Namespace, string Stream, string Tag);

    // The source as classified, and (for tags) the stream it was resolved from.
    private sealed class ResolvedSource
    {
        public required string Kind { get; init; }
        public required string Namespace { get; init; }
        public string Stream { get; init; } = "";
        public string Tag { get; init; } = "";
        public required string Name { get; init; }
        public bool ExplicitNamespace { get; init; }
        public TagEvent? Current { get; set; }
        public ImageStreamView? StreamView { get; set; }
        public string? ResourceVersion { get; set; }
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var current = CurrentNamespace;
        var destinations = new List<TagDestination>();
        foreach (var text in Destination)
        {
            try
            {
                var name = ImageTagName.Parse(text, allowWildcards: false);
                if (name.Tag is null || name.Id is not null) throw new ArgumentException($"invalid destination \"{text}\": expected [namespace/]stream:tag");
                destinations.Add(new TagDestination(name.Namespace ?? current, name.Stream, name.Tag));
            }
            catch (ArgumentException exception)
            {
                WriteError(InvalidName(exception, "ImageTagNameInvalid", text));
                return;
            }
        }

        ResolvedSource source;
        try
        {
            source = Classify(current);
            CheckFlags(source, destinations);
        }
        catch (ArgumentException exception)
        {
            WriteError(InvalidName(exception, "ImageTagSourceInvalid", InputObject ?? (object)Source));
            return;
        }

        // Resolve a tag source to its current image (one read), unless it was piped or -Alias is set.
        if (source.Kind == TagSourceKind.ImageStreamTag && InputObject is null && !Alias)
        {
            if (!await ReadSourceAsync(source, cancellationToken).ConfigureAwait(false)) return;
        }

        var written = new List<TagDestination>();
        foreach (var destination in destinations)
        {
            if (await SetAsync(source, destination, current, cancellationToken).ConfigureAwait(false)) written.Add(destination);
        }

        if (PassThru)
        {
            foreach (var group in written.GroupBy(d => (d.Namespace, d.Stream)))
            {
                try
                {
                    var stream = ToOutput(await Client.GetAsync(group.Key.Namespace, group.Key.Stream, cancellationToken).ConfigureAwait(false));
                    foreach (var destination in group)
                    {
                        if (stream.Tags.FirstOrDefault(t => t.Tag == destination.Tag) is { } tag) WriteObject(tag);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    WriteError(exception, target: $"{group.Key.Namespace}/{group.Key.Stream}");
                }
            }
        }
    }

    private ResolvedSource Classify(string current)
    {
        if (InputObject is { } input)
        {
            var item = input.View.Current;
            return new ResolvedSource
            {
                Kind = TagSourceKind.ImageStreamTag,
                Namespace = input.Namespace,
                Stream = input.ImageStream,
                Tag = input.Tag,
                Name = input.Name,
                ExplicitNamespace = true,
                Current = item,
                StreamView = input.View.Stream,
                ResourceVersion = input.ResourceVersion,
            };
        }

        var kind = SourceType ?? ClassifyLikeOcTag(Source);
        if (kind == TagSourceKind.DockerImage) return new ResolvedSource { Kind = kind, Namespace = "", Name = Source };

        var name = ImageTagName.Parse(Source, allowWildcards: false);
        if (kind == TagSourceKind.ImageStreamTag && (name.Tag is null || name.Id is not null))
            throw new ArgumentException($"\"{Source}\" is not an image stream tag: expected [namespace/]stream:tag");
        if (kind == TagSourceKind.ImageStreamImage && name.Id is null)
            throw new ArgumentException($"\"{Source}\" is not an image stream image: expected [namespace/]stream@id");
        return new ResolvedSource
        {
            Kind = kind,
            Namespace = name.Namespace ?? current,
            ExplicitNamespace = name.Namespace is not null,
            Stream = name.Stream,
            Tag = name.Tag ?? "",
            Name = kind == TagSourceKind.ImageStreamTag ? $"{name.Stream}:{name.Tag}" : $"{name.Stream}@{name.Id}",
        };
    }

    // oc tag: a registry host makes a DockerImage; else a digest an ImageStreamImage; else a tag an
    // ImageStreamTag; else a DockerImage (openshift-image-api.md §3.1).
    private static string ClassifyLikeOcTag(string source)
    {
        var slash = source.IndexOf('/');
        if (slash > 0)
        {
            var first = source[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost") return TagSourceKind.DockerImage;
        }
        if (source.Contains('@')) return TagSourceKind.ImageStreamImage;
        if (source.Contains(':')) return TagSourceKind.ImageStreamTag;
        return TagSourceKind.DockerImage;
    }

    private void CheckFlags(ResolvedSource source, List<TagDestination> destinations)
    {
        if (Alias)
        {
            if (source.Kind != TagSourceKind.ImageStreamTag) throw new ArgumentException("-Alias needs an image stream tag as the source (stream:tag)");
            if (Scheduled || Insecure) throw new ArgumentException("-Alias cannot be combined with -Scheduled or -Insecure");
            if (destinations.Any(d => d.Stream != source.Stream || d.Namespace != source.Namespace))
                throw new ArgumentException("cannot set alias across different Image Streams");
        }
        if ((Scheduled || Insecure) && source.Kind != TagSourceKind.DockerImage)
            throw new ArgumentException("only container images can have importing flags set (-Scheduled, -Insecure)");
        foreach (var destination in destinations)
        {
            if (source.Kind == TagSourceKind.ImageStreamTag && destination.Namespace == source.Namespace && destination.Stream == source.Stream && destination.Tag == source.Tag)
                throw new ArgumentException($"\"{source.Name}\" cannot be tagged to itself");
        }
    }

    private async Task<bool> ReadSourceAsync(ResolvedSource source, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new ImageStreamView(await Client.GetAsync(source.Namespace, source.Stream, cancellationToken).ConfigureAwait(false));
            source.StreamView = stream;
            source.ResourceVersion = stream.ResourceVersion;
            source.Current = stream.FindTag(source.Tag)?.Current;
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, target: InputObject ?? (object)Source);
            return false;
        }
    }

    private TagTarget Target(ResolvedSource source, string destinationNamespace)
    {
        var fromNamespace = source.Namespace.Length > 0 && source.Namespace != destinationNamespace ? source.Namespace : null;
        ObjectReference from;
        if (source.Kind == TagSourceKind.ImageStreamTag && !Alias)
        {
            var item = source.Current ?? throw new ArgumentException($"\"{source.Name}\" is not currently pointing to an image, cannot use it as the source of a tag");
            from = string.IsNullOrEmpty(item.Image)
                ? new ObjectReference(TagSourceKind.DockerImage, item.DockerImageReference)
                : new ObjectReference(TagSourceKind.ImageStreamImage, $"{source.Stream}@{item.Image}", fromNamespace);
        }
        else
        {
            from = new ObjectReference(source.Kind, source.Name, source.Kind == TagSourceKind.DockerImage ? null : fromNamespace);
        }
        return new TagTarget(from, Reference, Scheduled, Insecure, ReferencePolicy, ImportMode);
    }

    private async Task<bool> SetAsync(ResolvedSource source, TagDestination destination, string current, CancellationToken cancellationToken)
    {
        var display = $"{destination.Namespace}/{destination.Stream}:{destination.Tag}";
        for (var attempt = 1; ; attempt++)
        {
            TagTarget target;
            try
            {
                target = Target(source, destination.Namespace);
            }
            catch (ArgumentException exception)
            {
                WriteError(NotFound(exception.Message, "ImageTagNotFound", InputObject ?? (object)Source));
                return false;
            }

            if (attempt == 1 && !await ShouldSetAsync(source, destination, target, cancellationToken).ConfigureAwait(false)) return false;

            // Conditional on the stream as read when the destination lives in the stream the source was read from.
            var sameStream = source.StreamView is not null && source.Namespace == destination.Namespace && source.Stream == destination.Stream;
            var body = ImageStreamTagRequest.Build(destination.Namespace, destination.Stream, destination.Tag, target, sameStream ? source.ResourceVersion : null);
            try
            {
                await Client.SetTagAsync(destination.Namespace, body, cancellationToken).ConfigureAwait(false);
                WriteVerbose(ImageStreamTagRequest.Describe(current, destination.Namespace, destination.Stream, destination.Tag, target));
                return true;
            }
            catch (Exception exception) when (IsReason(exception, "Conflict") && attempt < Attempts && source.Kind == TagSourceKind.ImageStreamTag)
            {
                WriteVerbose($"{source.Namespace}/{source.Stream} changed since it was read; reading it again (attempt {attempt + 1} of {Attempts})");
                if (Alias)
                {
                    source.ResourceVersion = null;
                    continue;
                }
                if (!await ReadSourceAsync(source, cancellationToken).ConfigureAwait(false)) return false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, IsReason(exception, "Conflict") ? "ImageTagConflict" : null, display);
                return false;
            }
        }
    }

    // -WhatIf/-Confirm: name the destination, the source it would point to, and the Deployments the move would roll out.
    private async Task<bool> ShouldSetAsync(ResolvedSource source, TagDestination destination, TagTarget target, CancellationToken cancellationToken)
    {
        var description = new StringBuilder();
        description.Append($"Set tag {destination.Namespace}/{destination.Stream}:{destination.Tag} to {target.From.Kind} {(target.From.Namespace is { } ns ? ns + "/" : "")}{target.From.Name} on {CurrentSession.Server.Host}");
        if (IsWhatIf())
        {
            foreach (var line in await PreviewAsync(source, destination, target, cancellationToken).ConfigureAwait(false))
            {
                description.Append('\n').Append(line);
            }
        }
        return ShouldProcess(description.ToString(), $"Set tag {destination.Namespace}/{destination.Stream}:{destination.Tag}?", "Set-ImageTag");
    }

    private async Task<IReadOnlyList<string>> PreviewAsync(ResolvedSource source, TagDestination destination, TagTarget target, CancellationToken cancellationToken)
    {
        string next;
        if (target.From.Kind == TagSourceKind.DockerImage && string.IsNullOrEmpty(source.Current?.DockerImageReference) || source.Kind == TagSourceKind.DockerImage)
        {
            next = $"(the image imported from {target.From.Name})";
        }
        else
        {
            if (source.Kind == TagSourceKind.ImageStreamTag && source.Current is null && Alias)
            {
                await ReadSourceAsync(source, cancellationToken).ConfigureAwait(false);
            }
            var item = source.Current;
            if (source.Kind == TagSourceKind.ImageStreamImage)
            {
                var stream = source.StreamView ?? new ImageStreamView(await Client.GetAsync(source.Namespace, source.Stream, cancellationToken).ConfigureAwait(false));
                var id = source.Name[(source.Name.IndexOf('@') + 1)..];
                var hex = id.Contains(':') ? id[(id.IndexOf(':') + 1)..] : id;
                item = stream.Tags.SelectMany(t => t.History).FirstOrDefault(i => i.Image.Contains(':') && i.Image[(i.Image.IndexOf(':') + 1)..].StartsWith(hex, StringComparison.OrdinalIgnoreCase));
            }
            if (item is null) return [$"  {source.Name} has no image: no Deployment would roll out"];
            var repository = "";
            if (target.ReferencePolicy == TagReferencePolicyType.Local)
            {
                repository = source.StreamView is { } s && s.Namespace == destination.Namespace && s.Name == destination.Stream
                    ? s.ImageRepository
                    : new ImageStreamView(await Client.GetAsync(destination.Namespace, destination.Stream, cancellationToken).ConfigureAwait(false)).ImageRepository;
            }
            next = ImageTagView.Resolve(item, target.ReferencePolicy, repository);
        }

        var triggered = await Client.PreviewTriggersAsync(destination.Namespace, destination.Namespace, destination.Stream, destination.Tag, next, cancellationToken).ConfigureAwait(false);
        if (triggered.Count == 0) return [$"  no Deployment triggers on {destination.Stream}:{destination.Tag} would fire"];
        return triggered.Select(t => $"  would roll out deployment/{t.Deployment} container {t.Container}: {t.CurrentImage} -> {t.NextImage}").ToList();
    }
}
