using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>
/// Set-ImageTag -Wait: note, before a tag moves, the workloads whose image triggers follow it; after
/// the move, wait for each one that did not already run the tag's new image to run it and finish
/// rolling out, and return them. One deadline (-Timeout) covers the import (if any) and every rollout.
/// </summary>
internal sealed class AppTagMoveWaiter(
    OpenShiftConnection connection, OpenShiftSession session, Action<ProgressRecord> writeProgress, Action<ErrorRecord> writeError)
{
    private readonly TagMoveRollouts engine = new(connection);
    private readonly Dictionary<(string Namespace, string Stream, string Tag), IReadOnlyList<Rollout>> noted = [];

    /// <summary>Notes the rollouts a move of <c>ns/stream:tag</c> can cause (call before moving it).</summary>
    public async Task NoteAsync(string @namespace, string stream, string tag, CancellationToken cancellationToken)
    {
        noted[(@namespace, stream, tag)] = await engine.TriggeredByAsync(@namespace, stream, tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the rollouts the moves of <paramref name="moved"/> caused; errors are written, settled rollouts returned.</summary>
    public async Task<IReadOnlyList<AppRollout>> WaitAsync(
        IEnumerable<(string Namespace, string Stream, string Tag)> moved, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var waiter = new AppRolloutWaiter(engine.Rollouts, session, writeProgress, writeError);
        var results = new List<AppRollout>();
        foreach (var key in moved)
        {
            if (!noted.TryGetValue(key, out var before) || before.Count == 0) continue;

            TagImage image;
            using (var importDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                importDeadline.CancelAfter(Remaining(deadline));
                try
                {
                    image = await engine.ReadTagImageAsync(key.Namespace, key.Stream, key.Tag, importDeadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var message = $"Timed out after {timeout} waiting for the import of {key.Namespace}/{key.Stream}:{key.Tag} before its rollouts.";
                    writeError(new ErrorRecord(new TimeoutException(message), "AppRolloutTimeout", ErrorCategory.OperationTimeout, $"{key.Namespace}/{key.Stream}:{key.Tag}")
                    {
                        ErrorDetails = new ErrorDetails(message),
                    });
                    continue;
                }
                catch (TagImportFailedException failed)
                {
                    writeError(new ErrorRecord(failed, "ImageTagImportFailed", ErrorCategory.InvalidResult, failed.ImageStreamTag) { ErrorDetails = new ErrorDetails(failed.Message) });
                    continue;
                }
            }

            // A workload that already ran the new image has no rollout to wait for: the move did not cause one.
            foreach (var rollout in before.Where(r => !image.IsRunBy(r)))
            {
                var settled = await waiter.WaitAsync(rollout.Namespace, rollout.Name, Remaining(deadline), image.IsRunBy, cancellationToken).ConfigureAwait(false);
                if (settled is not null) results.Add(settled);
            }
        }
        return results;
    }

    // At least a moment, so a spent deadline still reads the state once and reports a timeout.
    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
    }
}
