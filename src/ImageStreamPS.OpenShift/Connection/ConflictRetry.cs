using System.Collections.Concurrent;
using Polly;
using Polly.Retry;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// client-go's <c>retry.RetryOnConflict</c>: runs a write again while the server answers 409 Conflict,
/// waiting as a <see cref="Backoff"/> says between attempts; after the last attempt the conflict is thrown.
/// The retry loop is Polly's; only the backoff schedule is client-go's.
/// </summary>
public static class ConflictRetry
{
    private static readonly ConcurrentDictionary<Backoff, ResiliencePipeline> Pipelines = new();

    /// <summary>Runs <paramref name="write"/>, again on Conflict; <paramref name="retrying"/> hears the number of each retry (1, 2, ...).</summary>
    public static async Task<T> RunAsync<T>(Backoff backoff, Func<CancellationToken, Task<T>> write, Action<int>? retrying, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            if (retrying is not null) context.Properties.Set(Retrying, retrying);
            return await Pipelines.GetOrAdd(backoff, Build)
                .ExecuteAsync(static async (ctx, call) => await call(ctx.CancellationToken).ConfigureAwait(false), context, write)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Whether <paramref name="exception"/> is the server's 409 Conflict.</summary>
    public static bool IsConflict(Exception exception) =>
        OpenShiftApiException.From(exception) is { Failure: ApiFailure.Status, Reason: "Conflict" };

    private static readonly ResiliencePropertyKey<Action<int>> Retrying = new("ImageStreamPS.Retrying");

    private static ResiliencePipeline Build(Backoff backoff) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsConflict),
            MaxRetryAttempts = Math.Max(backoff.Steps - 1, 1),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.Delay(args.AttemptNumber, Random.Shared.NextDouble)),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(Retrying, out var report)) report(args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();
}
