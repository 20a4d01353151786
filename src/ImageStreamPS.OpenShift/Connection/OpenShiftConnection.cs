using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// One authenticated client for one cluster, shared by every call made through a session.
/// Every request goes through <see cref="RequestTraceHandler"/>: it is reported to
/// <see cref="RequestTrace"/> and transport failures become <see cref="OpenShiftApiException"/>.
/// </summary>
public sealed class OpenShiftConnection : IDisposable
{
    private OpenShiftConnection(ConnectionProfile profile, Kubernetes client, string serverVersion)
    {
        Profile = profile;
        Client = client;
        ServerVersion = serverVersion;
    }

    /// <summary>The KubernetesClient instance, for the engine's API clients (never handed to the module).</summary>
    public Kubernetes Client { get; }

    /// <summary>How this connection was made.</summary>
    public ConnectionProfile Profile { get; }

    /// <summary>The API server address.</summary>
    public Uri Server => Profile.Server;

    /// <summary>The server's <c>/version</c> gitVersion, e.g. <c>v1.32.4</c>.</summary>
    public string ServerVersion { get; }

    /// <summary>How long to wait for a TCP connection to the server.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Builds the client and checks it with one cheap request (<c>GET /version</c>).</summary>
    public static Task<OpenShiftConnection> OpenAsync(ConnectionProfile profile, CancellationToken cancellationToken) =>
        OpenAsync(profile, RequestTraceHandler.DefaultAttemptTimeout, cancellationToken);

    /// <summary>As <see cref="OpenAsync(ConnectionProfile, CancellationToken)"/>, with each request attempt bounded by <paramref name="attemptTimeout"/>.</summary>
    internal static async Task<OpenShiftConnection> OpenAsync(ConnectionProfile profile, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        profile.EnsureCredentialsProtected();
        var configuration = profile.Configuration;
        if (configuration.SslCaCerts is null && !configuration.SkipTlsVerify)
        {
            // KubernetesClient insists on a CA for https; an empty set means "the system's trusted roots only".
            configuration.SslCaCerts = new X509Certificate2Collection();
        }

        configuration.FirstMessageHandlerSetup ??= handler =>
        {
            if (handler is SocketsHttpHandler sockets)
            {
                // KubernetesClient sets no timeout at all; an address that drops packets must not hang a runbook.
                sockets.ConnectTimeout = ConnectTimeout;
            }
        };

        // Each attempt has its own deadline in RequestTraceHandler, so a timeout is told apart from Ctrl+C.
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;

        Kubernetes client;
        var requests = new RequestTraceHandler { AttemptTimeout = attemptTimeout };
        try
        {
            client = new Kubernetes(profile.Configuration, requests);
            if (!configuration.SkipTlsVerify && requests.InnerHandler is SocketsHttpHandler sockets)
            {
                RequireKubectlServerChecks(sockets, configuration.SslCaCerts ?? []);
            }
        }
        catch (Exception exception) when (ApiExceptionTranslation.Translate(exception) is { } translated)
        {
            throw translated;
        }

        try
        {
            var version = await client.Version.GetCodeAsync(cancellationToken).ConfigureAwait(false);
            return new OpenShiftConnection(profile, client, version.GitVersion ?? $"v{version.Major}.{version.Minor}");
        }
        catch (Exception exception)
        {
            client.Dispose();
            if (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (ApiExceptionTranslation.Translate(exception) is { } translated && !ReferenceEquals(translated, exception))
                {
                    throw translated;
                }
            }

            throw;
        }
    }

    // The server checks kubectl makes through Go's TLS and KubernetesClient's callback skips: the certificate
    // must name the host (KubernetesClient ignores RemoteCertificateNameMismatch when the chain needed the
    // custom CA), and a kubeconfig CA is the only trust anchor (IsIssuedByKubeConfigAuthority).
    private static void RequireKubectlServerChecks(SocketsHttpHandler sockets, X509Certificate2Collection authorities)
    {
        var chainCheck = sockets.SslOptions.RemoteCertificateValidationCallback;
        sockets.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0 &&
            (chainCheck?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None) &&
            IsIssuedByKubeConfigAuthority(chain, errors, authorities);
    }

    /// <summary>
    /// With a kubeconfig CA, that CA is the only trust anchor, as client-go makes it (<c>transport.TLSConfigFor</c>
    /// sets <c>tls.Config.RootCAs</c> to the kubeconfig's CA alone). KubernetesClient accepts any chain the system
    /// already trusts (no policy errors) before it looks at the CA, so such a chain must pass through one of them.
    /// </summary>
    internal static bool IsIssuedByKubeConfigAuthority(X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (authorities.Count == 0 || errors != SslPolicyErrors.None)
        {
            // No CA named: the system's roots. Chain errors: KubernetesClient built the chain on the CA itself.
            return true;
        }

        if (chain is null)
        {
            return false;
        }

        foreach (var element in chain.ChainElements)
        {
            foreach (var authority in authorities)
            {
                if (element.Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Closes the connections to the server.</summary>
    public void Dispose() => Client.Dispose();
}
