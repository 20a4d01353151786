using System.Net;
using System.Net.Http;
using Polly;
using Polly.Retry;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// When a request is sent again, as client-go's <c>rest.Request</c> decides it: a request the server
/// never received (the connection could not be made) always; a read (GET, HEAD) also after a dropped
/// connection or a 503/429/502/504; any request when the server answers 429 or 5xx with a
/// <c>Retry-After</c> (the server says it did not process it, <c>checkWait</c>). A write that may have
/// reached the server is never sent twice: its failure says the outcome is unknown. Waits honour
/// <c>Retry-After</c> (at most <see cref="MaxRetryAfter"/>), else back off exponentially with jitter.
/// The retry loop is Polly's.
/// </summary>
public static class RequestRetry
{
    /// <summary>Retries after the first attempt.</summary>
    public const int MaxRetries = 5;

    /// <summary>Retries after a connection that could not be made at all.</summary>
    public const int RefusedRetries = 2;

    /// <summary>The first backoff (doubled each retry, with jitter) when the server gives no Retry-After.</summary>
    public static TimeSpan FirstDelay { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest Retry-After honoured; a longer one is waited for this long.</summary>
    public static TimeSpan MaxRetryAfter { get; } = TimeSpan.FromSeconds(30);

    internal static readonly ResiliencePropertyKey<HttpRequestMessage> Request = new("ImageStreamPS.Request");

    /// <summary>The pipeline every request of a connection goes through.</summary>
    internal static ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            ShouldHandle = args => ValueTask.FromResult(
                args.Context.Properties.TryGetValue(Request, out var request) && ShouldRetry(request.Method, args.Outcome.Result, args.Outcome.Exception) &&
                // A refused connection is tried twice more (a server restarting); a wrong address should not hang a runbook.
                (args.Outcome.Exception is not OpenShiftApiException { Reason: "ConnectionFailed" } || args.AttemptNumber < RefusedRetries)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
        })
        .Build();

    /// <summary>Whether a request with <paramref name="method"/> that ended so is sent again.</summary>
    public static bool ShouldRetry(HttpMethod method, HttpResponseMessage? response, Exception? failure)
    {
        var read = method == HttpMethod.Get || method == HttpMethod.Head;
        if (failure is OpenShiftApiException { Failure: ApiFailure.Connection } connection)
            return connection.Reason == "ConnectionFailed" || (read && connection.Reason == "ConnectionLost");
        if (response is null) return false;
        var code = (int)response.StatusCode;
        if ((code == 429 || code >= 500) && response.Headers.RetryAfter is not null) return true;
        return read && code is 429 or 502 or 503 or 504;
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped; null when it gave none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
