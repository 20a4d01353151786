using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>
/// Follows rollouts for a cmdlet (Get-AppRollout -Wait, Set-ImageTag -Wait): the engine watches,
/// this shows each state as progress and turns the outcomes into output and ErrorRecords. A Failed
/// rollout is written (so runbooks can look at it) together with a RolloutFailed error; a timeout is
/// an OperationTimeout error.
/// </summary>
internal sealed class AppRolloutWaiter(
    RolloutClient client, OpenShiftSession session, Action<ProgressRecord> writeProgress, Action<ErrorRecord> writeError)
{
    /// <summary>How long -Wait waits when -Timeout is not given: a Deployment's default progress deadline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private static int lastActivityId;

    /// <summary>
    /// Waits for the rollout of <paramref name="name"/> to settle (and <paramref name="until"/> to hold),
    /// then returns it; null when it timed out or vanished (the error is written).
    /// </summary>
    public async Task<AppRollout?> WaitAsync(string @namespace, string name, TimeSpan timeout, Func<Rollout, bool>? until, CancellationToken cancellationToken)
    {
        var activityId = Interlocked.Increment(ref lastActivityId);
        var activity = $"Waiting for the rollout of {name}";
        try
        {
            var rollout = await client.WaitAsync(@namespace, name, timeout, until, r => writeProgress(Progress(activityId, activity, r)), cancellationToken)
                .ConfigureAwait(false);
            var output = new AppRollout(rollout, session);
            if (output.Status == AppRolloutStatus.Failed)
            {
                var failure = new InvalidOperationException(output.Message);
                writeError(new ErrorRecord(failure, "AppRolloutFailed", ErrorCategory.InvalidResult, output)
                {
                    ErrorDetails = new ErrorDetails(output.Message)
                    {
                        RecommendedAction = "Look at the pods (Get-AppRollout NAME | Select-Object -ExpandProperty Pods) and the image the deployment runs.",
                    },
                });
            }
            return output;
        }
        catch (RolloutTimeoutException timedOut)
        {
            writeError(new ErrorRecord(timedOut, "AppRolloutTimeout", ErrorCategory.OperationTimeout, new AppRollout(timedOut.LastSeen, session))
            {
                ErrorDetails = new ErrorDetails(timedOut.Message)
                {
                    RecommendedAction = "Give a longer -Timeout, or fix what holds the pods back (an image that cannot be pulled, a crashing container).",
                },
            });
            return null;
        }
        catch (RolloutNotFoundException missing)
        {
            writeError(NotFound(missing, name));
            return null;
        }
        finally
        {
            writeProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>The ErrorRecord for a -Timeout that leaves no time to wait (zero or negative), or null when it is usable.</summary>
    public static ErrorRecord? InvalidTimeout(TimeSpan timeout)
    {
        if (timeout > TimeSpan.Zero) return null;
        var message = $"-Timeout must be longer than zero; it was {timeout}.";
        return new ErrorRecord(new ArgumentOutOfRangeException(nameof(timeout), message), "InvalidTimeout", ErrorCategory.InvalidArgument, timeout)
        {
            ErrorDetails = new ErrorDetails(message),
        };
    }

    /// <summary>The ErrorRecord for a rollout that does not exist.</summary>
    public static ErrorRecord NotFound(Exception exception, string name) =>
        new(exception, "AppRolloutNotFound", ErrorCategory.ObjectNotFound, name) { ErrorDetails = new ErrorDetails(exception.Message) };

    private static ProgressRecord Progress(int activityId, string activity, Rollout rollout)
    {
        var desired = Math.Max(rollout.Replicas, 1);
        var percent = rollout.State.Status == RolloutStatus.Complete ? 100 : Math.Clamp(100 * rollout.AvailableReplicas / desired, 0, 99);
        return new ProgressRecord(activityId, activity, rollout.State.Message)
        {
            PercentComplete = percent,
            CurrentOperation = $"revision {rollout.Revision}: {rollout.UpdatedReplicas} updated, {rollout.AvailableReplicas} available of {rollout.Replicas}",
        };
    }
}
