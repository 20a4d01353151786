using System.Diagnostics;
using System.Net.Http;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// Reports every request as <c>GET /path -> 200 (12 ms)</c> to <see cref="RequestTrace"/>, and turns
/// transport failures into <see cref="OpenShiftApiException"/> while the server address is known.
/// Headers (and so credentials) are never reported.
/// </summary>
internal sealed class RequestTraceHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var description = RequestTrace.Describe(request.Method, request.RequestUri);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            RequestTrace.Write($"{description} -> {(int)response.StatusCode} ({clock.ElapsedMilliseconds} ms)");
            return response;
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = ApiExceptionTranslation.FromTransport(exception, request.RequestUri, description);
            RequestTrace.Write($"{description} -> failed: {failure.Reason} ({clock.ElapsedMilliseconds} ms)");
            throw failure;
        }
        catch (OperationCanceledException)
        {
            RequestTrace.Write($"{description} -> cancelled ({clock.ElapsedMilliseconds} ms)");
            throw;
        }
    }
}
