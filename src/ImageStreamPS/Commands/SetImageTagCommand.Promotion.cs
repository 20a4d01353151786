using System.Management.Automation;
using System.Net;
using System.Text;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Promotion;
using ImageStreamPS.OpenShift.Tagging;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

// Set-ImageTag's promotion between clusters: the source tag is read in its own session, the destination
// tags are set in -Session. The rules (where the image comes from, the check, the verification) are the
// engine's ImagePromotion; this part maps parameters in and results, errors and prompts out.
public sealed partial class SetImageTagCommand
{
    /// <summary>The other cluster the source comes from, or null for a move within one cluster.</summary>
    private OpenShiftSession? PromotionSourceSession()
    {
        var destination = CurrentSession;
        var source = InputObject is not null ? InputObject.Session : SourceSession;
        return source is not null && !ReferenceEquals(source, destination) ? source : null;
    }

    private async Task PromoteAsync(OpenShiftSession from, IReadOnlyList<ImageStreamReference> destinations, CancellationToken cancellationToken)
    {
        var target = InputObject ?? (object)Source;
        OpenShift.Api.ImageStream stream;
        string tag;
        if (InputObject is { } piped)
        {
            // A piped tag is promoted as it was read: the image it showed, without another read.
            stream = piped.View.Stream.Resource;
            tag = piped.Tag;
        }
        else
        {
            if (!ImageStreamReference.TryParse(Source, out var named, out var error) || named.Kind != ImageStreamReferenceKind.Tag)
            {
                WriteError(InvalidName(new ArgumentException(error ?? $"\"{Source}\" must be of the form <stream_name>:<tag> to promote it from session {from.Id}"), "ImageTagNameInvalid", Source));
                return;
            }
            tag = named.Tag!;
            try
            {
                stream = await new ImageStreamClient(from.Connection).GetAsync(named.NamespaceOr(from.Namespace), named.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsReason(exception, "NotFound"))
            {
                WriteError(NotFound($"image stream tag \"{named.NamespaceOr(from.Namespace)}/{named.ObjectName}\" not found on {from.Server.Authority}", "ImageTagNotFound", Source));
                return;
            }
        }

        ImagePromotion promotion;
        // -Mirror's logins: for reading the source registry and for pushing to the destination's.
        MirrorLogins? mirrorLogins = null;
        try
        {
            var source = PromotionSource.Of(stream, tag);
            var login = Credential is null ? null : new RegistryLogin(Credential.UserName, new NetworkCredential(string.Empty, Credential.Password).Password);
            var flags = new ImageImportOptions(Scheduled.IsPresent, Insecure.IsPresent, ReferencePolicy, ImportMode);
            if (Mirror)
            {
                // The logins of -Mirror are this machine's: the source's (-Credential, else the source session's
                // token for its own registry) and the destination session's token; no pull secret is written.
                if (PullSecretName is not null) throw new ImageTagException(ImageTagError.InvalidOptions, "-PullSecretName names the secret the destination imports with; -Mirror imports nothing");
                mirrorLogins = new MirrorLogins(login ?? (source.ThroughClusterRegistry ? ImagePromotion.ClusterLogin(from.Connection) : null), ImagePromotion.ClusterLogin(Connection));
                login = null;
            }
            promotion = ImagePromotion.Plan(Connection, source, stream, destinations, flags, Alias.IsPresent, Reference.IsPresent, CurrentNamespace, login, PullSecretName);
        }
        catch (ImagePromotionException exception)
        {
            WriteError(PromotionError(exception, target));
            return;
        }
        catch (ImageTagException exception)
        {
            WriteError(InvalidName(exception, "ImageTagSourceInvalid", target));
            return;
        }

        var rollouts = Wait && !IsWhatIf() ? new AppTagMoveWaiter(Connection, CurrentSession, WriteProgress, WriteError) : null;
        var secrets = new Dictionary<string, PullSecretWrite?>();
        var promoted = new HashSet<string>();
        var written = new List<ImageStreamReference>();
        foreach (var destination in destinations)
        {
            if (!await ShouldPromoteAsync(promotion, from, destination, cancellationToken).ConfigureAwait(false)) continue;
            var done = mirrorLogins is { } logins
                ? await MirrorOneAsync(promotion, destination, logins, rollouts, cancellationToken).ConfigureAwait(false)
                : await PromoteOneAsync(promotion, destination, rollouts, secrets, promoted, cancellationToken).ConfigureAwait(false);
            if (!done) continue;
            written.Add(destination);
            promoted.Add(promotion.NamespaceOf(destination));
        }

        if (rollouts is not null)
        {
            var moved = written.Select(d => (promotion.NamespaceOf(d), d.Name, d.Tag!));
            foreach (var rollout in await rollouts.WaitAsync(moved, Timeout, cancellationToken).ConfigureAwait(false)) WriteObject(rollout);
        }
        if (PassThru) await WriteTagsAsync(written, promotion.NamespaceOf, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> PromoteOneAsync(
        ImagePromotion promotion, ImageStreamReference destination, AppTagMoveWaiter? rollouts, Dictionary<string, PullSecretWrite?> secrets,
        HashSet<string> promoted, CancellationToken cancellationToken)
    {
        var ns = promotion.NamespaceOf(destination);
        var display = $"{ns}/{destination.ObjectName}";
        PullSecretWrite? secret = null;
        try
        {
            if (!secrets.TryGetValue(ns, out secret))
            {
                secret = secrets[ns] = await promotion.WritePullSecretAsync(ns, cancellationToken).ConfigureAwait(false);
                if (secret is not null) WriteVerbose($"{(secret.Created ? "Created" : "Updated")} pull secret {ns}/{secret.Name} with the login for {promotion.Source.RegistryHost}");
            }
            await promotion.CheckAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Nothing is left behind, Ctrl+C included: a pull secret written for this promotion is taken back, unless a tag already uses it.
            if (secret is not null && !promoted.Contains(ns))
            {
                secrets[ns] = null;
                if (exception is OperationCanceledException)
                {
                    await UndoQuietlyAsync(secret).ConfigureAwait(false);
                    throw;
                }
                await UndoAsync(secret, cancellationToken).ConfigureAwait(false);
            }
            if (exception is OperationCanceledException) throw;
            WriteError(exception is ImagePromotionException refused ? PromotionError(refused, display) : ToErrorRecord(exception, null, display));
            return false;
        }

        return await WriteAndVerifyAsync(promotion, destination, rollouts, "verified", async () =>
        {
            await promotion.SetAsync(destination, retry => WriteVerbose($"{display} was changed by another writer at the same time; sending the tag again (retry {retry})"), cancellationToken)
                .ConfigureAwait(false);
            WriteVerbose(promotion.SuccessMessage(destination));
        }, cancellationToken).ConfigureAwait(false);
    }

    // The write (the tag, or the mirror's push), then the proof that the destination tag holds the source's digest.
    private async Task<bool> WriteAndVerifyAsync(
        ImagePromotion promotion, ImageStreamReference destination, AppTagMoveWaiter? rollouts, string how, Func<Task> write, CancellationToken cancellationToken)
    {
        var ns = promotion.NamespaceOf(destination);
        var display = $"{ns}/{destination.ObjectName}";
        try
        {
            if (rollouts is not null) await rollouts.NoteAsync(ns, destination.Name, destination.Tag!, cancellationToken).ConfigureAwait(false);
            await write().ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            var settled = await promotion.VerifyAsync(destination, deadline.Token).ConfigureAwait(false);
            WriteOutcome($"Promoted {promotion.Source.Name} to {display}: {settled.Image}, {how} on {CurrentSession.Server.Authority}.");
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"Timed out after {Timeout} waiting for {display} to hold {promotion.Source.Image}; it was written, so check it with Get-ImageTag {display}.";
            WriteError(new ErrorRecord(new TimeoutException(message), "PromotionNotVerified", ErrorCategory.OperationTimeout, display) { ErrorDetails = new ErrorDetails(message) });
            return false;
        }
        catch (ImagePromotionException exception)
        {
            WriteError(PromotionError(exception, display));
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, IsReason(exception, "Conflict") ? "ImageTagConflict" : null, display);
            return false;
        }
    }

    // -Mirror: the copy into the destination's registry sets the tag; then the same verification as an import.
    private async Task<bool> MirrorOneAsync(
        ImagePromotion promotion, ImageStreamReference destination, MirrorLogins logins, AppTagMoveWaiter? rollouts, CancellationToken cancellationToken)
    {
        var ns = promotion.NamespaceOf(destination);
        var display = $"{ns}/{destination.ObjectName}";
        var activity = $"Mirroring {promotion.Source.ImportFrom} to {display} on {CurrentSession.Server.Authority}";
        var record = new ProgressRecord(ActivityId(display), activity.Length > 100 ? activity[..100] : activity, "Reading the manifest");
        var progress = new Reporter<MirrorProgress>(p =>
        {
            record.StatusDescription = $"Blob {p.Index} of {p.Count} ({Short(p.Blob)}): {Megabytes(p.Copied)} of {Megabytes(p.Total)}";
            record.PercentComplete = p.Total > 0 ? (int)Math.Min(100, p.Copied * 100 / p.Total) : 0;
            WriteProgress(record);
        });
        try
        {
            return await WriteAndVerifyAsync(promotion, destination, rollouts, "mirrored and verified", async () =>
            {
                var copied = await promotion.MirrorAsync(destination, logins.Source, logins.Destination, Insecure.IsPresent, progress, cancellationToken).ConfigureAwait(false);
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
                WriteVerbose($"Copied {copied.Copied} of {copied.Blobs} blobs ({Megabytes(copied.Bytes)}) and the manifest {copied.Digest} to {display}");
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (record.RecordType != ProgressRecordType.Completed)
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }
    }

    // Reports on the copying thread, in order (Progress<T> would post them, so one could land after Completed).
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static int ActivityId(string display) => 1700 + (StringComparer.Ordinal.GetHashCode(display) & 0xFF);

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.0} MB";

    // After Ctrl+C the pipeline takes no more records: the secret is put back without a word.
    private static async Task UndoQuietlyAsync(PullSecretWrite secret)
    {
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await secret.UndoAsync(bound.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Best effort: the user stopped the command; the error it was would go nowhere.
        }
    }

    private async Task UndoAsync(PullSecretWrite secret, CancellationToken cancellationToken)
    {
        try
        {
            await secret.UndoAsync(cancellationToken).ConfigureAwait(false);
            WriteVerbose($"{(secret.Created ? "Deleted" : "Restored")} pull secret {secret.Namespace}/{secret.Name}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, "PullSecretNotRestored", $"{secret.Namespace}/{secret.Name}");
        }
    }

    // -WhatIf/-Confirm: where the image comes from, what the destination imports, and what would roll out there.
    private async Task<bool> ShouldPromoteAsync(ImagePromotion promotion, OpenShiftSession from, ImageStreamReference destination, CancellationToken cancellationToken)
    {
        var ns = promotion.NamespaceOf(destination);
        var source = promotion.Source;
        var description = new StringBuilder();
        description.Append($"Promote {source.Name} ({source.Image}) from {from.Server.Authority} to {ns}/{destination.ObjectName} on {CurrentSession.Server.Authority}: ");
        description.Append(Mirror
            ? $"this machine copies {source.ImportFrom} into the registry of {CurrentSession.Server.Authority}"
            : $"{CurrentSession.Server.Authority} imports {source.ImportFrom}");
        if (promotion.PullSecretName is { } secret) description.Append($" with the login for {source.RegistryHost} in pull secret {ns}/{secret}");
        // The same preview for -WhatIf and for a -Confirm prompt; the promoted image named by its source tag.
        if (WillShowImpact(ConfirmImpact.Medium))
        {
            try
            {
                var preview = await promotion.PreviewAsync(destination, cancellationToken).ConfigureAwait(false);
                preview = preview with { NextImageName = $"{source.Name} on {from.Server.Authority} ({OpenShift.Apps.ImageDigest.Short(source.Image)})" };
                foreach (var line in preview.Lines(source.ImportFrom)) description.Append('\n').Append(line);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WriteError(exception, target: $"{ns}/{destination.ObjectName}");
            }
        }
        return ShouldProcess(description.ToString(), $"{description}\nPromote {source.Name} to {ns}/{destination.ObjectName} on {CurrentSession.Server.Authority}?", "Set-ImageTag");
    }

    private static ErrorRecord PromotionError(ImagePromotionException exception, object? target)
    {
        var (id, category) = exception.Error switch
        {
            OpenShift.Promotion.PromotionError.SourceHasNoImage => ("ImageTagNotFound", ErrorCategory.ObjectNotFound),
            OpenShift.Promotion.PromotionError.SourceHasNoDigest => ("ImageTagHasNoDigest", ErrorCategory.InvalidOperation),
            OpenShift.Promotion.PromotionError.RegistryNotExposed => ("RegistryNotExposed", ErrorCategory.ResourceUnavailable),
            OpenShift.Promotion.PromotionError.PullSecretUnusable => ("PullSecretUnusable", ErrorCategory.InvalidArgument),
            OpenShift.Promotion.PromotionError.ImportUnauthorized => ("ImageImportUnauthorized", ErrorCategory.PermissionDenied),
            OpenShift.Promotion.PromotionError.ImportNotFound => ("ImageImportNotFound", ErrorCategory.ObjectNotFound),
            OpenShift.Promotion.PromotionError.ImportInsecure => ("ImageImportInsecure", ErrorCategory.SecurityError),
            OpenShift.Promotion.PromotionError.DigestMismatch => ("ImageDigestMismatch", ErrorCategory.InvalidResult),
            OpenShift.Promotion.PromotionError.VerificationFailed => ("PromotionNotVerified", ErrorCategory.InvalidResult),
            _ => ("ImageImportFailed", ErrorCategory.ResourceUnavailable),
        };
        return new ErrorRecord(exception, id, category, target) { ErrorDetails = new ErrorDetails(exception.Message) };
    }
}
