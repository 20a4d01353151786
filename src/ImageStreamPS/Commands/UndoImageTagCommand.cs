using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Moves image stream tags back to the image they pointed to before, from their history; image triggers then roll the apps back.</summary>
/// <remarks>
/// <para>The tag's history (<c>status.tags[].items</c>, newest first, as Get-ImageTag's History shows it with
/// its Index) is read fresh, and the tag is tagged again with the earlier image: one
/// <c>PUT …/imagestreamtags/STREAM:TAG</c> from <c>STREAM@sha256:…</c>, as <c>oc tag citas@sha256:… citas:prod</c>
/// sends it. Without -To that is item 1, the image before the current one; -To names a history index or an
/// image id (<c>sha256:…</c> or a hex prefix of one). The server records the move as the tag's newest history
/// item, so a second Undo-ImageTag goes forward again, like <c>cd -</c>.</para>
/// <para>This is how an app driven by an image trigger is rolled back: <c>oc rollout undo</c> alone is reverted by
/// the trigger, which writes the tag's image into the Deployment again. The tag keeps its reference policy; a tag
/// that followed another tag or re-imported a registry image on a schedule stops doing so (a warning says which).</para>
/// <para>A tag deleted with its history (Remove-ImageTag, <c>oc tag -d</c>) starts a new history when it is set
/// again, as in the tutorial. Without -To, the image before is then the one the Deployments that follow the tag
/// ran in their revision before the current one (Get-AppRollout -History), when they agree on one image of the
/// stream; the -WhatIf text says so. Otherwise there is nothing to go back to (ObjectNotFound
/// <c>ImageTagNoEarlierImage</c>).</para>
/// <para>-WhatIf names every Deployment whose image trigger follows the tag, with the image it runs and the image
/// it would roll back to; -Wait waits for those rollouts and writes them (AppRollout) once complete, as
/// Set-ImageTag -Wait does.</para>
/// </remarks>
/// <example>
/// <code>PS> Set-ImageTag citas:v2 citas:prod -Wait | Out-Null
/// PS> Undo-ImageTag citas:prod -WhatIf</code>
/// <para>After a promotion of v2 to prod, shows the image prod would go back to (v1's) and which Deployments would roll back to it, without changing anything.</para>
/// </example>
/// <example>
/// <code>PS> Set-ImageTag citas:v2 citas:prod -Wait | Out-Null
/// PS> Undo-ImageTag citas:prod -Wait -Timeout 00:05:00 -ErrorAction Stop | Select-Object Name, Status, Digest</code>
/// <para>Rolls the promotion back and returns the rollouts it caused once they are complete, like oc tag with the earlier image followed by oc rollout status.</para>
/// </example>
/// <example>
/// <code>PS> Set-ImageTag citas:v2 citas:prod; Set-ImageTag citas:v1 citas:prod
/// PS> (Get-ImageTag citas:prod).History | Format-Table
/// PS> Undo-ImageTag citas:prod -To (Get-ImageTag citas:v2).Image -PassThru</code>
/// <para>Lists prod's history with its indexes, then points prod at the history item with v2's image (its index, -To 1, works too) and writes the updated tag.</para>
/// </example>
[Cmdlet(VerbsCommon.Undo, "ImageTag", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(AppRollout))]
[OutputType(typeof(ImageTag))]
public sealed class UndoImageTagCommand : ImageStreamCommandBase
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    /// <summary>The tags to move back: <c>citas:prod</c> or <c>ns/citas:prod</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(Completers.ImageTagNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Tags from Get-ImageTag (moved in the cluster and namespace they were read from).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public ImageTag[] InputObject { get; set; } = [];

    /// <summary>The history item to go back to: its Index (1, the default, is the image before the current one) or its image id (<c>sha256:…</c> or a hex prefix).</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(Completers.ImageTagHistoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string? To { get; set; }

    /// <summary>Writes the tags as they are after the move.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Waits for the rollouts the move causes and writes them (AppRollout) once complete.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>How long -Wait waits for all of them. Default 10 minutes.</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = AppRolloutWaiter.DefaultTimeout;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        try
        {
            TagRollback.CheckTarget(To);
        }
        catch (TagRollbackException exception)
        {
            WriteError(Refused(exception, To));
            return;
        }
        if (Timeout <= TimeSpan.Zero)
        {
            var message = $"-Timeout must be longer than zero; it was {Timeout}.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(Timeout), message), "InvalidTimeout", ErrorCategory.InvalidArgument, Timeout)
            {
                ErrorDetails = new ErrorDetails(message),
            });
        }

        var targets = new List<(OpenShiftSession Session, string Namespace, string Stream, string Tag, object Input)>();
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var tag in InputObject)
            {
                if (tag.Session is not null && Session is not null && tag.Session != Session)
                {
                    WriteError(ObjectSession.Mismatch(tag, tag.Session, Session));
                    continue;
                }
                targets.Add((tag.Session ?? CurrentSession, tag.Namespace, tag.ImageStream, tag.Tag, tag));
            }
        }
        else
        {
            targets.AddRange(ParseTagNames(Name).Select(t => (CurrentSession, t.Namespace, t.Stream, t.Tag, (object)t.Text)));
        }

        foreach (var target in targets) await UndoAsync(target.Session, target.Namespace, target.Stream, target.Tag, target.Input, cancellationToken).ConfigureAwait(false);
    }

    private async Task UndoAsync(OpenShiftSession session, string ns, string streamName, string tagName, object input, CancellationToken cancellationToken)
    {
        var client = new ImageStreamClient(session.Connection);
        ImageTagView tag;
        ImageTagMove move;
        int index;
        OpenShift.Api.TagEvent item;
        string? ranBy = null;
        try
        {
            var stream = await client.GetAsync(ns, streamName, cancellationToken).ConfigureAwait(false);
            if (new ImageStreamView(stream).FindTag(tagName) is not { } found)
            {
                WriteError(NotFound($"imagestreamtags.image.openshift.io \"{streamName}:{tagName}\" not found", "ImageTagNotFound", input));
                return;
            }
            tag = found;
            try
            {
                (index, item) = TagRollback.Target(tag, To);
            }
            catch (TagRollbackException refused) when (refused.Error == TagRollbackError.NoEarlierImage && string.IsNullOrWhiteSpace(To))
            {
                // The tag was deleted and set again: the apps that follow it remember the image it gave them before.
                var followers = new RolloutClient(session.Connection);
                var histories = new List<IReadOnlyList<RolloutRevision>>();
                foreach (var follower in await followers.ListTriggeredByAsync(ns, streamName, tagName, cancellationToken).ConfigureAwait(false))
                {
                    if (await followers.HistoryAsync(follower.Namespace, follower.Name, cancellationToken).ConfigureAwait(false) is { } revisions) histories.Add(revisions);
                }
                if (TagRollback.FromFollowers(tag, histories) is not { } earlier) throw;
                (index, item) = (-1, earlier.Item);
                ranBy = $"the image {earlier.RanIt.Rollout} ran in revision {earlier.RanIt.Revision}; the tag's own history starts at its current image";
            }
            var destination = new ImageStreamReference { Namespace = ns, Name = streamName, Tag = tagName };
            move = ImageTagMove.Plan(client, TagRollback.SourceFor(tag, item), [destination], TagRollback.OptionsFor(tag, item), ns, stream);
            await move.ResolveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TagRollbackException exception)
        {
            WriteError(Refused(exception, input));
            return;
        }
        catch (ImageTagException exception)
        {
            WriteError(InvalidName(exception, "ImageTagSourceInvalid", input));
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, IsReason(exception, "NotFound") ? "ImageTagNotFound" : null, input);
            return;
        }

        var target = move.Destinations[0];
        var display = $"{ns}/{target.ObjectName}";
        var stops = TagRollback.StopsFollowing(tag);
        var description = (ranBy is null ? $"Move tag {display} back to history item {index}, {move.Resolved.Exact}" : $"Move tag {display} back to {move.Resolved.Exact}, {ranBy}") +
            (item.Created is DateTime created ? $" (tagged {created.ToLocalTime():yyyy-MM-dd HH:mm:ss})" : "") +
            (stops is null ? "" : $"; it stops following {stops}") + $" on {session.Server.Host}";
        if (IsWhatIf())
        {
            try
            {
                var preview = await move.PreviewAsync(target, cancellationToken).ConfigureAwait(false);
                description += string.Concat(preview.Lines(move.Resolved.Exact).Select(line => "\n" + line));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, target: input);
            }
        }
        if (!ShouldProcess(description, $"Move tag {display} back to {move.Resolved.Exact}?", "Undo-ImageTag")) return;

        var rollouts = Wait ? new AppTagMoveWaiter(session.Connection, session, WriteProgress, WriteError) : null;
        if (rollouts is not null) await rollouts.NoteAsync(ns, streamName, tagName, cancellationToken).ConfigureAwait(false);
        try
        {
            await move.SetAsync(target, retry => WriteVerbose($"{display} was changed by another writer at the same time; sending the tag again (retry {retry})"), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, IsReason(exception, "Conflict") ? "ImageTagConflict" : null, display);
            return;
        }
        if (stops is not null) WriteWarning($"{display} no longer follows {stops}.");
        WriteOutcome(move.SuccessMessage(target));

        if (rollouts is not null)
        {
            foreach (var rollout in await rollouts.WaitAsync([(ns, streamName, tagName)], Timeout, cancellationToken).ConfigureAwait(false)) WriteObject(rollout);
        }

        if (PassThru)
        {
            try
            {
                var stream = new Model.ImageStream(new ImageStreamView(await client.GetAsync(ns, streamName, cancellationToken).ConfigureAwait(false)), session);
                if (stream.Tags.FirstOrDefault(t => t.Tag == tagName) is { } moved) WriteObject(moved);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, target: display);
            }
        }
    }

    // Not found in the history is ObjectNotFound; an ill-formed -To is InvalidArgument; the tag already there is InvalidOperation.
    private static ErrorRecord Refused(TagRollbackException exception, object? target)
    {
        var category = exception.Error switch
        {
            TagRollbackError.InvalidTarget => ErrorCategory.InvalidArgument,
            TagRollbackError.AlreadyThere => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.ObjectNotFound,
        };
        return new ErrorRecord(exception, $"ImageTag{exception.Error}", category, target) { ErrorDetails = new ErrorDetails(exception.Message) };
    }
}
