using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>
/// What the image stream and image tag cmdlets share: the engine client for the current session,
/// the output objects, and the ErrorRecords for names rejected before any request.
/// </summary>
public abstract class ImageStreamCommandBase : OpenShiftCmdlet
{
    /// <summary>The image.openshift.io client of the current session.</summary>
    private protected ImageStreamClient Client => new(Connection);

    /// <summary>The output object for a stream read from the current session.</summary>
    private protected Model.ImageStream ToOutput(OpenShift.Api.ImageStream stream) => ToOutput(new ImageStreamView(stream));

    /// <summary>The output object for a stream the engine has already read into a view.</summary>
    private protected Model.ImageStream ToOutput(ImageStreamView view) => new(view, CurrentSession);

    // -First, -Skip and -IncludeTotalCount (SupportsPaging): objects found so far, and whether -First cut the reading short.
    private ulong found;
    private bool cutShort;

    /// <summary>False once -First has its objects: the caller stops reading (no further page is requested).</summary>
    private protected bool WantsMore => PagingParameters is not { } paging || paging.First == ulong.MaxValue || found < SaturatingAdd(paging.Skip, paging.First);

    /// <summary>False while -Skip is still leaving objects out (so nothing extra is read for them).</summary>
    private protected bool WillWrite => PagingParameters is not { } paging || found >= paging.Skip;

    /// <summary>Writes <paramref name="output"/> unless -Skip leaves it out; counts it for -First and -IncludeTotalCount.</summary>
    private protected void WritePaged(object output)
    {
        if (PagingParameters is not { } paging || found >= paging.Skip) WriteObject(output);
        found++;
    }

    /// <summary>Notes that reading stopped because -First had its objects (the total count is then unknown).</summary>
    private protected void StoppedByFirst() => cutShort = true;

    /// <summary>-IncludeTotalCount: the objects found, exact when everything was read, unknown when -First stopped the reading.</summary>
    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (PagingParameters is { } paging && paging.IncludeTotalCount)
        {
            WriteObject(paging.NewTotalCount(found, cutShort ? 0.0 : 1.0));
        }
        return Task.CompletedTask;
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;

    /// <summary>The ErrorRecord for a name that is rejected before any request is sent.</summary>
    private protected static ErrorRecord InvalidName(ArgumentException exception, string errorId, object? target) =>
        new(exception, errorId, ErrorCategory.InvalidArgument, target) { ErrorDetails = new ErrorDetails(exception.Message) };

    /// <summary>
    /// The tags named <c>[namespace/]stream:tag</c> (no wildcards, no image ids), in the current namespace unless
    /// named; each name that is not one is written as an InvalidArgument error <c>ImageTagNameInvalid</c> and left out.
    /// </summary>
    private protected List<(string Namespace, string Stream, string Tag, string Text)> ParseTagNames(IEnumerable<string> names)
    {
        var tags = new List<(string Namespace, string Stream, string Tag, string Text)>();
        foreach (var text in names)
        {
            try
            {
                var name = ImageTagName.Parse(text, allowWildcards: false);
                if (name.Tag is null || name.Id is not null) throw new ArgumentException($"invalid tag name \"{text}\": expected [namespace/]stream:tag");
                tags.Add((name.Namespace ?? CurrentNamespace, name.Stream, name.Tag, text));
            }
            catch (ArgumentException exception)
            {
                WriteError(InvalidName(exception, "ImageTagNameInvalid", text));
            }
        }
        return tags;
    }

    /// <summary>The ErrorRecord for something missing that the client noticed itself (no server Status).</summary>
    private protected static ErrorRecord NotFound(string message, string errorId, object? target) =>
        new(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, target) { ErrorDetails = new ErrorDetails(message) };

    /// <summary>True when the failure is the server's answer with this reason (<c>NotFound</c>, <c>Conflict</c>...).</summary>
    private protected static bool IsReason(Exception exception, string reason) =>
        OpenShiftApiException.From(exception) is { Failure: ApiFailure.Status } api && api.Reason == reason;

    /// <summary>As <see cref="ShouldProcessUnlessForced(bool, string, string)"/>, with -WhatIf's text and -Confirm's question written out.</summary>
    private protected bool ShouldProcessUnlessForced(bool force, string description, string question, string caption)
    {
        var whatIf = IsWhatIf();
        var confirm = OnPipeline(() => MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && LanguagePrimitives.IsTrue(c));
        return (force && !whatIf && !confirm) || ShouldProcess(description, question, caption);
    }

    /// <summary>
    /// For -WhatIf and -Confirm of a removal: the apps that follow the tag (or any tag of the stream, when
    /// <paramref name="tag"/> is null), one line each after a line break; empty when nothing is shown.
    /// </summary>
    private protected async Task<string> ImpactAsync(string @namespace, string stream, string? tag, bool force, CancellationToken cancellationToken)
    {
        if (!WillShowImpact(ConfirmImpact.High, force)) return "";
        try
        {
            var preview = await TagFollowers.PreviewRemovalAsync(Connection, @namespace, stream, tag, cancellationToken).ConfigureAwait(false);
            return "\n" + string.Join("\n", preview.Lines());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"\n  (the Deployments of {@namespace} that could follow it were not readable: {exception.Message})";
        }
    }

    /// <summary>
    /// True when ShouldProcess will show its text: -WhatIf, or a confirmation prompt (-Confirm, or
    /// $ConfirmPreference at or below <paramref name="impact"/> without -Force). Impact previews read
    /// the cluster only then.
    /// </summary>
    private protected bool WillShowImpact(ConfirmImpact impact, bool force = false) => IsWhatIf() || OnPipeline(() =>
    {
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var c)) return LanguagePrimitives.IsTrue(c);
        if (force) return false;
        var preference = SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact p ? p : ConfirmImpact.High;
        return preference != ConfirmImpact.None && impact >= preference;
    });
}
