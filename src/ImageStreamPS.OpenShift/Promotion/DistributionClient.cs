using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageStreamPS.OpenShift.Promotion;

/// <summary>
/// One registry repository over the distribution API v2, for what <c>oc image mirror</c> does with it: read
/// manifests and blobs, check and upload blobs, put manifests. Authentication follows the registry's challenge
/// to <c>GET /v2/</c>, as docker/distribution's client does: Bearer (the token endpoint is asked for
/// <c>repository:NAME:pull[,push]</c> with the login as Basic credentials) or Basic (the login itself). The
/// login never appears in messages.
/// </summary>
public sealed class DistributionClient : IDisposable
{
    /// <summary>The manifest types asked for, lists first so a manifest list is copied as a list.</summary>
    public static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
    ];

    private readonly HttpClient http;
    private readonly RegistryLogin? login;
    private readonly bool push;
    private AuthenticationHeaderValue? authorization;

    private DistributionClient(HttpClient http, Uri registry, string repository, RegistryLogin? login, bool push)
    {
        this.http = http;
        Registry = registry;
        Repository = repository;
        this.login = login;
        this.push = push;
    }

    /// <summary>The registry's base address (scheme and host).</summary>
    public Uri Registry { get; }

    /// <summary>The repository path (<c>myproject/citas</c>).</summary>
    public string Repository { get; }

    /// <summary>
    /// Opens <paramref name="repository"/> on <paramref name="host"/>: HTTPS, or with <paramref name="insecure"/>
    /// HTTPS without certificate checks falling back to plain HTTP (the importer's <c>--insecure</c>).
    /// </summary>
    /// <exception cref="ImagePromotionException">The registry cannot be reached, is not a v2 registry, or refuses the login.</exception>
    public static async Task<DistributionClient> OpenAsync(
        string host, string repository, bool insecure, RegistryLogin? login, bool push, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) };
        if (insecure) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        try
        {
            HttpResponseMessage ping;
            Uri registry = new($"https://{host}/");
            try
            {
                ping = await PingAsync(http, registry, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (insecure && !cancellationToken.IsCancellationRequested)
            {
                registry = new Uri($"http://{host}/");
                ping = await PingAsync(http, registry, cancellationToken).ConfigureAwait(false);
            }

            var client = new DistributionClient(http, registry, repository, login, push);
            using (ping) await client.AuthenticateAsync(ping, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            http.Dispose();
            throw new ImagePromotionException(PromotionError.ImportFailed,
                $"cannot reach registry {host}: {exception.Message}" + (insecure ? "" : " (a registry that answers plain HTTP needs -Insecure)"), exception);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The manifest <paramref name="reference"/> (a digest or tag): its bytes, media type and digest.</summary>
    public async Task<(byte[] Body, string MediaType, string Digest)> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"manifests/{reference}");
        foreach (var accepted in ManifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accepted));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"manifest {reference}", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var type = response.Content.Headers.ContentType?.MediaType ?? (JsonNode.Parse(body)?["mediaType"]?.GetValue<string>() ?? ManifestTypes[2]);
        return (body, type, ImageDigest.Of(body));
    }

    /// <summary>True when the repository holds blob <paramref name="digest"/> (<c>HEAD</c>).</summary>
    public async Task<bool> HasBlobAsync(string digest, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Head, $"blobs/{digest}");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureAsync(response, $"blob {digest}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Opens blob <paramref name="digest"/> for reading (the response is the caller's to dispose).</summary>
    public async Task<HttpResponseMessage> GetBlobAsync(string digest, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"blobs/{digest}");
        var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        try
        {
            await EnsureAsync(response, $"blob {digest}", cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Uploads <paramref name="content"/> as blob <paramref name="digest"/> (<c>POST …/blobs/uploads/</c>, then one <c>PUT ?digest=</c>).</summary>
    public async Task PutBlobAsync(string digest, HttpContent content, CancellationToken cancellationToken)
    {
        Uri location;
        using (var start = Request(HttpMethod.Post, "blobs/uploads/"))
        {
            start.Content = new ByteArrayContent([]);
            using var started = await SendAsync(start, cancellationToken).ConfigureAwait(false);
            await EnsureAsync(started, "a blob upload", cancellationToken).ConfigureAwait(false);
            location = started.Headers.Location is { } given ? new Uri(Registry, given) : throw Failure("the registry started an upload without a Location");
        }

        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest))) { Content = content };
        put.Headers.Authorization = authorization;
        using var done = await SendAsync(put, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(done, $"blob {digest}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a manifest under <paramref name="reference"/> (a tag, or its digest); returns the digest the registry stored.</summary>
    public async Task<string> PutManifestAsync(string reference, byte[] body, string mediaType, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, $"manifests/{reference}");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"manifest {reference}", cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : ImageDigest.Of(body);
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();

    private static async Task<HttpResponseMessage> PingAsync(HttpClient http, Uri registry, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(new Uri(registry, "v2/"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return response;
        response.Dispose();
        throw new ImagePromotionException(PromotionError.ImportFailed,
            $"{registry.Authority} is not a registry (GET /v2/ answered {(int)response.StatusCode})");
    }

    // The challenge decides how every later request authenticates; the token is asked for once, for this repository.
    private async Task AuthenticateAsync(HttpResponseMessage ping, CancellationToken cancellationToken)
    {
        if (ping.StatusCode != HttpStatusCode.Unauthorized) return;
        var challenge = ping.Headers.WwwAuthenticate.FirstOrDefault();
        var basic = login is null ? null : new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.Password}")));
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            authorization = basic ?? throw Unauthorized("it wants a login");
            return;
        }

        var parameters = ChallengeParameters(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            throw Failure($"{Registry.Authority} asked for a {challenge.Scheme} login without a token realm");
        var query = new StringBuilder("?");
        if (parameters.TryGetValue("service", out var service)) query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        query.Append("scope=").Append(Uri.EscapeDataString($"repository:{Repository}:{(push ? "pull,push" : "pull")}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(realmUri, realmUri.AbsolutePath + query));
        request.Headers.Authorization = basic;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw Unauthorized(login is null ? "it wants a login" : "the login was refused");
        if (!response.IsSuccessStatusCode) throw Failure($"the token endpoint of {Registry.Authority} answered {(int)response.StatusCode}");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var token = json?["token"]?.GetValue<string>() ?? json?["access_token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token)) throw Failure($"the token endpoint of {Registry.Authority} gave no token");
        authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static Dictionary<string, string> ChallengeParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "(\\w+)=\"([^\"]*)\""))
            result[match.Groups[1].Value] = match.Groups[2].Value;
        return result;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(Registry, $"v2/{Repository}/{path}"));
        request.Headers.Authorization = authorization;
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImagePromotionException(PromotionError.ImportFailed, $"{request.Method} {Registry.Authority}/v2/{Repository}: {exception.Message}", exception);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var detail = "";
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (JsonNode.Parse(body)?["errors"]?[0] is { } error) detail = $": {error["code"]} {error["message"]}";
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            // Not a distribution error body: the status says enough.
        }

        var said = $"{Registry.Authority}/{Repository} answered {(int)response.StatusCode} for {what}{detail}";
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Unauthorized(said),
            HttpStatusCode.NotFound => new ImagePromotionException(PromotionError.ImportNotFound, said),
            _ => Failure(said),
        };
    }

    private ImagePromotionException Unauthorized(string why) => new(PromotionError.ImportUnauthorized,
        $"registry {Registry.Authority} refused {(push ? "a push to" : "a pull of")} {Repository}: {why}");

    private static ImagePromotionException Failure(string message) => new(PromotionError.ImportFailed, message);
}

/// <summary>The digest of manifest or blob bytes, as a registry computes it.</summary>
public static class ImageDigest
{
    /// <summary><c>sha256:</c> and the hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Of(byte[] bytes) => "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
}
