using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.KubeConfigModels;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// Where and as whom to connect: a kubeconfig context, a server with a bearer token, or the pod's
/// service account. Built in memory; the user's kubeconfig is only ever read.
/// </summary>
public sealed class ConnectionProfile
{
    private ConnectionProfile(KubernetesClientConfiguration configuration, string? context, string? user)
    {
        Configuration = configuration;
        Context = context;
        User = user;
    }

    internal KubernetesClientConfiguration Configuration { get; }

    /// <summary>The kubeconfig context name (null for token and in-cluster connections).</summary>
    public string? Context { get; }

    /// <summary>Who the session acts as, when known: the kubeconfig user, or the token's subject.</summary>
    public string? User { get; }

    /// <summary>The API server address.</summary>
    public Uri Server => new(Configuration.Host);

    /// <summary>The namespace of the context (or service account); <c>default</c> when it has none, as kubectl does.</summary>
    public string Namespace => string.IsNullOrEmpty(Configuration.Namespace) ? "default" : Configuration.Namespace;

    /// <summary>Whether the server's certificate is accepted without verification.</summary>
    public bool SkipCertificateCheck => Configuration.SkipTlsVerify;

    /// <summary>Whether credentials (a token, a password) would go to the server over plain http, readable on the way.</summary>
    public bool SendsCredentialsInClearText =>
        Server.Scheme == Uri.UriSchemeHttp &&
        (!string.IsNullOrEmpty(Configuration.AccessToken) || Configuration.TokenProvider is not null || !string.IsNullOrEmpty(Configuration.Password));

    /// <summary>
    /// Refuses to send credentials in clear text to another machine: over http a bearer token can be read
    /// (and replayed) by anyone on the network path. On the loopback address (kubectl proxy, a local
    /// cluster) the token never leaves the machine, so that is allowed.
    /// </summary>
    /// <exception cref="OpenShiftApiException">Configuration failure <c>InsecureServer</c>.</exception>
    public void EnsureCredentialsProtected()
    {
        if (!SendsCredentialsInClearText || Server.IsLoopback) return;
        throw new OpenShiftApiException(
            ApiFailure.Configuration, "InsecureServer",
            $"Refusing to send the token to {Server.GetLeftPart(UriPartial.Authority)} over plain http, where anyone on the network path can read it. " +
            "Use the server's https address (OpenShift's API listens on https://api.<cluster>:6443).");
    }

    /// <summary>
    /// The kubeconfig files used when none is given: every file listed in <c>KUBECONFIG</c>
    /// (merged, first one wins, missing ones ignored, as kubectl does), else <c>~/.kube/config</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultKubeConfigPaths()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Trim('"'))
                .ToList();
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return [Path.Combine(home, ".kube", "config")];
    }

    /// <summary>Reads (and merges) kubeconfig files and picks <paramref name="context"/> or the current context.</summary>
    public static ConnectionProfile FromKubeConfig(IReadOnlyList<string>? paths, string? context)
    {
        var candidates = paths is { Count: > 0 } ? paths : DefaultKubeConfigPaths();
        var files = candidates.Select(p => new FileInfo(p)).Where(f => f.Exists).ToArray();
        if (files.Length == 0)
        {
            throw new OpenShiftApiException(
                ApiFailure.Configuration, "KubeConfigNotFound",
                $"No kubeconfig file found (looked for {string.Join(", ", candidates)}). " +
                "Log in with 'oc login', pass -KubeConfig, or use -Server and -Token.");
        }

        try
        {
            var kubeConfig = KubeConfigFiles.Load(files);
            var contextName = string.IsNullOrEmpty(context) ? kubeConfig.CurrentContext : context;
            if (string.IsNullOrEmpty(contextName))
            {
                throw new OpenShiftApiException(
                    ApiFailure.Configuration, "KubeConfigContextNotSet",
                    $"The kubeconfig ({string.Join(", ", files.Select(f => f.FullName))}) has no current-context; pass -Context.");
            }

            var entry = kubeConfig.Contexts?.FirstOrDefault(c => string.Equals(c.Name, contextName, StringComparison.OrdinalIgnoreCase))
                ?? throw new OpenShiftApiException(
                    ApiFailure.Configuration, "KubeConfigContextNotFound",
                    $"Context '{contextName}' is not in the kubeconfig. Contexts: {string.Join(", ", kubeConfig.Contexts?.Select(c => c.Name) ?? [])}.",
                    name: contextName);

            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeConfig, entry.Name);
            return new ConnectionProfile(configuration, entry.Name, entry.ContextDetails?.User);
        }
        catch (Exception exception) when (exception is not OpenShiftApiException && ApiExceptionTranslation.Translate(exception) is { } translated)
        {
            throw translated;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException or System.Security.Cryptography.CryptographicException)
        {
            throw new OpenShiftApiException(ApiFailure.Configuration, "KubeConfigInvalid", $"Cannot read the kubeconfig: {exception.Message}", innerException: exception);
        }
    }

    /// <summary>The context names of the kubeconfig files (default files when none are given); empty when they cannot be read.</summary>
    public static IReadOnlyList<string> ContextNames(IReadOnlyList<string>? paths)
    {
        var files = (paths is { Count: > 0 } ? paths : DefaultKubeConfigPaths()).Select(p => new FileInfo(p)).Where(f => f.Exists).ToArray();
        if (files.Length == 0)
        {
            return [];
        }

        try
        {
            return KubeConfigFiles.Load(files).Contexts?.Select(c => c.Name).ToList() ?? [];
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return [];
        }
    }

    /// <summary>A server and bearer token (like <c>oc login --server --token</c>); the system's trusted roots, or <paramref name="certificateAuthorityPath"/>, verify the server.</summary>
    public static ConnectionProfile FromToken(Uri server, string token, string? certificateAuthorityPath = null)
    {
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw new OpenShiftApiException(ApiFailure.Configuration, "ServerInvalid", $"The server address '{server}' is not an absolute http(s) URI.");
        }

        var configuration = new KubernetesClientConfiguration { Host = server.AbsoluteUri.TrimEnd('/'), AccessToken = token };
        if (!string.IsNullOrEmpty(certificateAuthorityPath))
        {
            try
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPemFile(certificateAuthorityPath);
                configuration.SslCaCerts = authorities;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new OpenShiftApiException(ApiFailure.Configuration, "CertificateAuthorityInvalid",
                    $"Cannot read the certificate authority '{certificateAuthorityPath}': {exception.Message}", innerException: exception);
            }
        }

        return new ConnectionProfile(configuration, null, SubjectOf(token));
    }

    /// <summary>The pod's service account (token, CA and namespace under /var/run/secrets/kubernetes.io/serviceaccount).</summary>
    public static ConnectionProfile InCluster()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw new OpenShiftApiException(
                ApiFailure.Configuration, "NotInCluster",
                "Not running inside a cluster: KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT or the service account token is missing.");
        }

        try
        {
            var configuration = KubernetesClientConfiguration.InClusterConfig();
            return new ConnectionProfile(configuration, null, SubjectOf(configuration.AccessToken ?? ReadServiceAccountToken()));
        }
        catch (Exception exception) when (exception is not OpenShiftApiException && ApiExceptionTranslation.Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Replaces the namespace the session starts in.</summary>
    public ConnectionProfile WithNamespace(string? @namespace)
    {
        if (!string.IsNullOrEmpty(@namespace))
        {
            Configuration.Namespace = @namespace;
        }

        return this;
    }

    /// <summary>Accepts the server's certificate without verifying it.</summary>
    public ConnectionProfile WithoutCertificateCheck()
    {
        Configuration.SkipTlsVerify = true;
        return this;
    }

    private static string? ReadServiceAccountToken()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/token";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>The <c>sub</c> claim of a JWT (service-account tokens), for display only; null for opaque tokens.</summary>
    private static string? SubjectOf(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
