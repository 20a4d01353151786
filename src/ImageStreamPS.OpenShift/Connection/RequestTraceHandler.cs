using System.Diagnostics;
using System.Net.Http;
using Polly;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// Every request of a connection: sent through <see cref="RequestRetry"/> (a transient failure is sent
/// again where that is safe), each attempt reported as <c>GET /path -> 200 (12 ms)</c> to
/// <see cref="RequestTrace"/>, and transport failures turned into <see cref="OpenShiftApiException"/>
/// while the server address and method are known. Headers (and so credentials) are never reported.
/// </summary>
internal sealed class RequestTraceHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestRetry.Request, request);
        try
        {
            return await RequestRetry.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)),
                context, (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>How long one attempt may wait for the server's answer (its headers), as HttpClient's default timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    /// <summary>HttpClient's default timeout, which KubernetesClient would otherwise apply.</summary>
    public static TimeSpan DefaultAttemptTimeout { get; } = TimeSpan.FromSeconds(100);

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The line is made only when someone reads it (-Verbose); a failure always names the request.
        var traced = RequestTrace.IsOn;
        var description = traced ? RequestTrace.Describe(request.Method, request.RequestUri) : null;
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AttemptTimeout);
        try
        {
            var response = await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
            if (traced) RequestTrace.Write($"{description} -> {(int)response.StatusCode} ({clock.ElapsedMilliseconds} ms)");
            return response;
        }
        catch (HttpRequestException exception) when (!deadline.IsCancellationRequested)
        {
            description ??= RequestTrace.Describe(request.Method, request.RequestUri);
            var failure = ApiExceptionTranslation.FromTransport(exception, request.RequestUri, description, request.Method);
            RequestTrace.Write($"{description} -> failed: {failure.Reason} ({clock.ElapsedMilliseconds} ms)");
            throw failure;
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            // The attempt's own deadline, not the caller: a timeout, which for a write leaves the outcome unknown.
            description ??= RequestTrace.Describe(request.Method, request.RequestUri);
            var failure = ApiExceptionTranslation.FromTimeout(timedOut, description, request.Method);
            RequestTrace.Write($"{description} -> timed out ({clock.ElapsedMilliseconds} ms)");
            throw failure;
        }
        catch (OperationCanceledException)
        {
            if (traced) RequestTrace.Write($"{description} -> cancelled ({clock.ElapsedMilliseconds} ms)");
            throw;
        }
    }
}
