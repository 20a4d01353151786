using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Opens repositories on any Docker Registry v2 / OCI distribution registry: pings <c>/v2/</c>,
/// records the authentication challenge and negotiates HTTPS, or plain HTTP when allowed.
/// As library-go's <c>registryclient.Context.ping</c> over Go's transport: the ping has 15 s, the TLS
/// handshake its own bound (Go's <c>TLSHandshakeTimeout</c>), and an HTTPS attempt that fails, a silent
/// handshake included, falls back to plain HTTP for an insecure registry.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan DefaultTlsHandshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpClient verified;
    private readonly HttpClient unverified;

    /// <param name="tlsHandshakeTimeout">How long a server may stay silent after the TLS hello (default 10 s, as Go's transport).</param>
    public RegistryClient(TimeSpan? tlsHandshakeTimeout = null)
    {
        var handshake = tlsHandshakeTimeout ?? DefaultTlsHandshakeTimeout;
        verified = new HttpClient(NewHandler(verifyCertificates: true, handshake)) { Timeout = TimeSpan.FromSeconds(60) };
        unverified = new HttpClient(NewHandler(verifyCertificates: false, handshake)) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>
    /// Opens <paramref name="repository"/> on <paramref name="host"/>. With <paramref name="insecure"/>,
    /// certificate errors are ignored and an HTTPS failure falls back to plain HTTP; without it, a
    /// registry that only answers HTTP raises <see cref="RegistryHttpOnlyException"/>.
    /// </summary>
    public async Task<RegistryRepository> OpenAsync(
        string host, string repository, bool insecure, RegistryCredential? credential, bool push, CancellationToken cancellationToken)
    {
        var http = insecure ? unverified : verified;
        var httpsBase = new Uri($"https://{host}/");
        try
        {
            var challenge = await PingAsync(http, httpsBase, cancellationToken).ConfigureAwait(false);
            return new RegistryRepository(http, httpsBase, repository, challenge, credential, push);
        }
        catch (HttpRequestException httpsError) when (!cancellationToken.IsCancellationRequested)
        {
            var httpBase = new Uri($"http://{host}/");
            if (insecure)
            {
                var challenge = await PingAsync(http, httpBase, cancellationToken).ConfigureAwait(false);
                return new RegistryRepository(http, httpBase, repository, challenge, credential, push);
            }
            if (IsTlsFailure(httpsError) && await AnswersPlainHttpAsync(httpBase, cancellationToken).ConfigureAwait(false))
                throw new RegistryHttpOnlyException(host, httpsError);
            throw new RegistryException($"Get \"{httpsBase}v2/\": {httpsError.Message}", inner: httpsError);
        }
    }

    private static async Task<RegistryChallenge?> PingAsync(HttpClient http, Uri baseUri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            using var response = await http.GetAsync(new Uri(baseUri, "v2/"), timeout.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                return RegistryChallenge.Parse(response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString());
            throw new RegistryException(
                $"registry {baseUri.Authority} does not support v2 API (GET /v2/ answered {(int)response.StatusCode})",
                response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"timed out pinging {baseUri.Authority}");
        }
        catch (HttpRequestException e) when (baseUri.Scheme == "https" && IsHandshakeTimeout(e))
        {
            // Go's words for it, so the import's message reads as a cluster's does.
            throw new HttpRequestException("net/http: TLS handshake timeout", e);
        }
    }

    private async Task<bool> AnswersPlainHttpAsync(Uri httpBase, CancellationToken cancellationToken)
    {
        try
        {
            await PingAsync(unverified, httpBase, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or RegistryException)
        {
            return false;
        }
    }

    private static bool IsHandshakeTimeout(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is TlsHandshakeTimeoutException) return true;
        return false;
    }

    /// <summary>A refused or broken handshake, or one the server never answered.</summary>
    private static bool IsTlsFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is AuthenticationException or TlsHandshakeTimeoutException) return true;
        return false;
    }

    private static SocketsHttpHandler NewHandler(bool verifyCertificates, TimeSpan tlsHandshakeTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = PingTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) =>
                HandshakeDeadlineStream.ConnectAsync(context, context.InitialRequestMessage.RequestUri?.Scheme == "https" ? tlsHandshakeTimeout : null, cancellationToken),
        };
        if (!verifyCertificates)
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = delegate { return true; } };
        return handler;
    }

    public void Dispose()
    {
        verified.Dispose();
        unverified.Dispose();
    }
}
