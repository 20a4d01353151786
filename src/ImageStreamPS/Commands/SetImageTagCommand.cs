using System.Management.Automation;
using System.Text;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Api;
using ImageTag = ImageStreamPS.Model.ImageTag;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;
using ImageStreamPS.Session;

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
/// read: the image they showed is tagged, without another read, even if the source tag has moved since.
/// Like oc, the write carries no precondition; when the server reports a conflict with another writer
/// (HTTP 409) it is sent again after a jittered client-go backoff (10 attempts over up to 20 s; then a ResourceBusy error
/// <c>ImageTagConflict</c>), so parallel runbooks tagging one stream do not fail each other.</para>
/// <para>-WhatIf names every Deployment whose <c>image.openshift.io/triggers</c> annotation follows a
/// destination tag, with the image it runs now and the image the move would roll out (it reads the
/// Deployments of the destination namespace; nothing is written).</para>
/// <para>-Wait then waits for every rollout the move caused (Deployments whose image triggers follow a
/// destination tag and did not already run its new image) through watches, and writes them as
/// AppRollouts once complete; -Timeout bounds the whole wait (OperationTimeout error AppRolloutTimeout).</para>
/// <para>Between clusters: when the piped tag came from another session than -Session (or -SourceSession names
/// the session of a named -Source), the piped tag is the source and -Session the destination. The destination
/// imports the source image by digest, as <c>oc tag --source=docker REGISTRY/PATH@sha256:… citas:prod</c> does:
/// from the registry the image came from (<c>docker.io/…@sha256:…</c>), or, for an image in the source
/// cluster's integrated registry, through that registry's public route (<c>publicDockerImageRepository</c>).
/// Before anything is written the destination fetches the image without storing it (an ImageStreamImport with
/// <c>import: false</c>): refused access (PermissionDenied, <c>ImageImportUnauthorized</c>), a missing image or
/// another digest (<c>ImageDigestMismatch</c>) stop there, with nothing changed. After the write the
/// destination tag must settle on the source's digest (<c>PromotionNotVerified</c> otherwise). -Credential
/// (for example a token of the source cluster) is written to a pull secret in the destination namespace
/// (-PullSecretName, default the registry host and <c>-pull</c>), which the destination's importer uses as
/// for <c>oc import-image</c>; it is taken back when the promotion fails. No image data passes through this
/// machine, unless -Mirror asks for it: for clusters that cannot reach each other the image is then copied,
/// with progress, into the destination's integrated registry (its route), as <c>oc image mirror</c> does:
/// blobs it lacks, then the manifest unchanged under the destination tag; the user's own logins are used
/// and no secret is written. -WhatIf names the destination's Deployments that would roll, -Wait waits for them, and every
/// object written carries the destination session.</para>
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
/// <code>PS> Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:05:00 -ErrorAction Stop | Select-Object Name, Status, Digest</code>
/// <para>Promotes and verifies in one line: moves prod to v2's image and returns the rollouts it caused once they are complete.</para>
/// </example>
/// <example>
/// <code>PS> $dev = Get-OpenShiftSession -Default
/// PS> Get-ImageTag citas:v2 -Session $dev | Set-ImageTag -Destination citas:prod -PassThru -ErrorAction Stop</code>
/// <para>Promotes, in a pipeline step, the image tested as v2 to prod and writes the updated tag.</para>
/// </example>
/// <example>
/// <code>PS> $staging = Get-OpenShiftSession -Default
/// PS> $cluster = Start-OpenShiftSandbox -Seed Tutorial -DataPath ./prod
/// PS> $prod = Connect-OpenShift -KubeConfig $cluster.KubeConfigPath -NotDefault
/// PS> Get-ImageTag citas:v2 -Session $staging | Set-ImageTag -Destination citas:prod -Session $prod -PassThru</code>
/// <para>Promotes staging's citas:v2 to another cluster's citas:prod by digest: that cluster imports the very image
/// staging tested and the tag written is checked to hold its digest. Here the second cluster is a second sandbox.</para>
/// </example>
/// <example>
/// <code>PS> $login = Get-Credential promoter
/// PS> Get-ImageTag citas:v2 -Session $staging | Set-ImageTag -Destination citas:prod -Session $prod -Credential $login -WhatIf</code>
/// <para>Needs a real cluster (two). Shows which Deployments on prod would roll, from which digest to which, when citas:v2
/// lives in staging's integrated registry: prod would pull it through staging's registry route with the login given,
/// kept in a pull secret on prod. Without -WhatIf it promotes; with -Wait it also waits for those rollouts.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ImageTag", SupportsShouldProcess = true, DefaultParameterSetName = SourceSet)]
[OutputType(typeof(ImageTag))]
[OutputType(typeof(AppRollout))]
public sealed partial class SetImageTagCommand : ImageStreamCommandBase
{
    private const string SourceSet = "Source";
    private const string InputObjectSet = "InputObject";

    // -Namespace says where the destination tags go; the source is the piped tag, wherever it is.
    private protected override bool NamespaceFollowsInput => false;

    // A piped tag is the source; -Session, when given, is the destination cluster (a promotion, never SessionMismatch).
    private protected override bool SessionFollowsInput => false;

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
    public string? ReferencePolicy { get; set; }

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
    public string? ImportMode { get; set; }

    /// <summary>
    /// The session of another cluster to read the named -Source in: the image is then promoted to -Session's
    /// cluster by digest (see the description). A piped ImageTag brings its own session.
    /// </summary>
    [Parameter(ParameterSetName = SourceSet)]
    [ValidateNotNull]
    public OpenShiftSession? SourceSession { get; set; }

    /// <summary>
    /// When promoting from another cluster: the login (user name, and password or token) for the registry the
    /// destination pulls the image from. It is written to a pull secret in the destination namespace
    /// (-PullSecretName), which the destination's importer uses, as for <c>oc import-image</c>.
    /// </summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The pull secret -Credential is written to. Default: the registry host followed by <c>-pull</c> (<c>127.0.0.1-5001-pull</c>).</summary>
    [Parameter]
    [ValidatePattern(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    [ValidateLength(1, 253)]
    public string? PullSecretName { get; set; }

    /// <summary>
    /// When promoting from another cluster that the destination cannot reach: copies the image through this machine
    /// into the destination's integrated registry (its public route), with progress, as <c>oc image mirror</c> does,
    /// instead of having the destination import it. Reads with -Credential, else with the source session's token for
    /// the source cluster's registry; pushes with the destination session's token. Nothing is written to a secret.
    /// </summary>
    [Parameter]
    public SwitchParameter Mirror { get; set; }

    /// <summary>Writes the destination tags, as they are after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Waits for the rollouts the move causes and writes them (AppRollout) once complete.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>How long -Wait waits for all of them. Default 10 minutes.</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = AppRolloutWaiter.DefaultTimeout;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        // Checked even without -Wait only when given with it: -Timeout alone changes nothing.
        if (Wait && AppRolloutWaiter.InvalidTimeout(Timeout) is { } invalid) ThrowTerminatingError(invalid);
        return Task.CompletedTask;
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (InputObject is { } piped && !TryActOn(piped.Session, null, piped)) return;
        var current = CurrentNamespace;
        var destinations = new List<ImageStreamReference>();
        foreach (var text in Destination)
        {
            if (!ImageStreamReference.TryParse(text, out var destination, out var error) || destination.Kind != ImageStreamReferenceKind.Tag)
            {
                var message = error ?? $"\"{text}\" must be of the form <stream_name>:<tag>";
                WriteError(InvalidName(new ArgumentException(message), "ImageTagNameInvalid", text));
                return;
            }
            destinations.Add(destination);
        }

        if (PromotionSourceSession() is { } from)
        {
            await PromoteAsync(from, destinations, cancellationToken).ConfigureAwait(false);
            return;
        }

        var sourceTarget = InputObject ?? (object)Source;
        ImageTagMove move;
        try
        {
            var source = InputObject is { } input
                ? TagSource.Classify($"{input.Namespace}/{input.Name}", TagSourceKind.ImageStreamTag, current)
                : TagSource.Classify(Source, SourceType, current);
            var options = TagPolicies.ForTag(new ImageImportOptions(Scheduled.IsPresent, Insecure.IsPresent, ReferencePolicy, ImportMode), Alias.IsPresent, Reference.IsPresent);
            // A piped tag is used as it was read: its image is tagged without another read.
            move = ImageTagMove.Plan(Client, source, destinations, options, current, InputObject?.View.Stream.Resource);
        }
        catch (ImageTagException exception)
        {
            WriteError(InvalidName(exception, "ImageTagSourceInvalid", sourceTarget));
            return;
        }

        try
        {
            await move.ResolveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ImageTagException exception)
        {
            WriteError(NotFound(exception.Message, "ImageTagNotFound", sourceTarget));
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, target: sourceTarget);
            return;
        }

        // -Wait: note the workloads each destination triggers before it moves (AppTagMoveWaiter, app-cmdlets).
        var rollouts = Wait && !IsWhatIf() ? new AppTagMoveWaiter(Connection, CurrentSession, WriteProgress, WriteError) : null;
        if (rollouts is not null)
        {
            foreach (var destination in destinations)
                await rollouts.NoteAsync(move.NamespaceOf(destination), destination.Name, destination.Tag!, cancellationToken).ConfigureAwait(false);
        }

        var written = new List<ImageStreamReference>();
        foreach (var destination in destinations)
        {
            if (await SetAsync(move, destination, cancellationToken).ConfigureAwait(false)) written.Add(destination);
        }

        if (rollouts is not null)
        {
            var moved = written.Select(d => (move.NamespaceOf(d), d.Name, d.Tag!));
            foreach (var rollout in await rollouts.WaitAsync(moved, Timeout, cancellationToken).ConfigureAwait(false)) WriteObject(rollout);
        }

        if (PassThru) await WriteTagsAsync(written, move.NamespaceOf, cancellationToken).ConfigureAwait(false);
    }

    // -PassThru: the destination tags as they are now, one read per stream.
    private async Task WriteTagsAsync(List<ImageStreamReference> written, Func<ImageStreamReference, string> namespaceOf, CancellationToken cancellationToken)
    {
        foreach (var group in written.GroupBy(d => (Namespace: namespaceOf(d), d.Name)))
        {
            try
            {
                var stream = ToOutput(await Client.GetAsync(group.Key.Namespace, group.Key.Name, cancellationToken).ConfigureAwait(false));
                foreach (var destination in group)
                {
                    if (stream.Tags.FirstOrDefault(t => t.Tag == destination.Tag) is { } tag) WriteObject(tag);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, target: $"{group.Key.Namespace}/{group.Key.Name}");
            }
        }
    }

    private async Task<bool> SetAsync(ImageTagMove move, ImageStreamReference destination, CancellationToken cancellationToken)
    {
        var display = $"{move.NamespaceOf(destination)}/{destination.ObjectName}";
        if (!await ShouldSetAsync(move, destination, cancellationToken).ConfigureAwait(false)) return false;
        try
        {
            await move.SetAsync(destination, retry => WriteVerbose($"{display} was changed by another writer at the same time; sending the tag again (retry {retry})"), cancellationToken)
                .ConfigureAwait(false);
            WriteOutcome(move.SuccessMessage(destination));
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, IsReason(exception, "Conflict") ? "ImageTagConflict" : null, display);
            return false;
        }
    }

    // -WhatIf/-Confirm: name the destination, the source it would point to, and the Deployments the move would roll out.
    private async Task<bool> ShouldSetAsync(ImageTagMove move, ImageStreamReference destination, CancellationToken cancellationToken)
    {
        var resolved = move.Resolved;
        var description = new StringBuilder();
        // A tag source is named too: the digest proves the image, the tag says which one it is to a person.
        var named = move.Source.NeedsResolution(move.Options.Alias) ? $" (the image {move.Source.Text} points to)" : "";
        description.Append($"Set tag {move.NamespaceOf(destination)}/{destination.ObjectName} to {resolved.Kind} {resolved.Exact}{named} on {CurrentSession.Server.Host}");
        // The same preview for -WhatIf and for a -Confirm prompt; read only when one of them shows it.
        if (WillShowImpact(ConfirmImpact.Medium))
        {
            try
            {
                var preview = await move.PreviewAsync(destination, cancellationToken).ConfigureAwait(false);
                foreach (var line in preview.Lines(resolved.Exact)) description.Append('\n').Append(line);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, target: InputObject ?? (object)Source);
            }
        }
        return ShouldProcess(description.ToString(), $"{description}\nSet tag {move.NamespaceOf(destination)}/{destination.ObjectName}?", "Set-ImageTag");
    }
}
