using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// One repository on a registry, authenticated the way Docker Hub and Quay expect: a 401 with a
/// Bearer challenge sends us to the token endpoint for <c>repository:&lt;name&gt;:pull</c>, then
/// the request is retried with the token; Basic challenges use the credential directly.
/// </summary>
internal sealed class RegistryRepository
{
    private readonly HttpClient http;
    private readonly RegistryCredential? credential;
    private readonly bool push;
    private RegistryChallenge? challenge;
    private string? authorization;

    public RegistryRepository(HttpClient http, Uri baseUri, string name, RegistryChallenge? challenge, RegistryCredential? credential, bool push)
    {
        this.http = http;
        BaseUri = baseUri;
        Name = name;
        this.challenge = challenge;
        this.credential = credential;
        this.push = push;
    }

    /// <summary><c>https://host/</c> or <c>http://host/</c>, whichever answered the ping.</summary>
    public Uri BaseUri { get; }

    public string Name { get; }

    /// <summary>GETs a manifest by tag or digest with the full Accept list; verifies the digest when fetched by digest.</summary>
    public async Task<RegistryManifest> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url($"manifests/{reference}"));
            foreach (var type in ManifestMediaTypes.Accept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = RegistryManifest.DetectMediaType(response.Content.Headers.ContentType?.MediaType, content);
        var digest = Digest.Sha256(content);
        if (reference.Contains(':') && !string.Equals(reference, digest, StringComparison.Ordinal))
            throw new RegistryException(
                $"content integrity error: the manifest retrieved (media type: {mediaType}) with digest {reference} does not match the digest calculated from the content {digest}");
        return new RegistryManifest(content, mediaType, digest);
    }

    /// <summary>GETs a blob (following redirects to a CDN) and verifies its digest.</summary>
    public async Task<byte[]> GetBlobAsync(string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"blobs/{digest}")), cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (digest.StartsWith("sha256:", StringComparison.Ordinal) && Digest.Sha256(content) != digest)
            throw new RegistryException($"content integrity error: the blob {digest} does not match the digest calculated from its content {Digest.Sha256(content)}");
        return content;
    }

    /// <summary>True if the registry has the blob (HEAD).</summary>
    public async Task<bool> HasBlobAsync(string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url($"blobs/{digest}")), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>All tags, following the <c>Link: &lt;…&gt;; rel="next"</c> pagination.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        Uri? next = Url("tags/list");
        while (next is not null)
        {
            var page = next;
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, page), cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (body?["tags"] is JsonArray list)
                tags.AddRange(list.Select(t => t?.GetValue<string>() ?? ""));
            next = NextLink(response);
        }
        return tags;
    }

    /// <summary>Uploads a blob unless present: POST an upload session, then PUT the bytes with the digest.</summary>
    public async Task<string> PushBlobAsync(byte[] content, CancellationToken cancellationToken)
    {
        var digest = Digest.Sha256(content);
        if (await HasBlobAsync(digest, cancellationToken).ConfigureAwait(false)) return digest;
        using var session = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url("blobs/uploads/")), cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(session, cancellationToken).ConfigureAwait(false);
        var location = session.Headers.Location ?? throw new RegistryException("the upload session has no Location header");
        if (!location.IsAbsoluteUri) location = new Uri(BaseUri, location);
        var separator = location.Query.Length > 0 ? "&" : "?";
        var target = new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest));
        using var put = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(put, cancellationToken).ConfigureAwait(false);
        return digest;
    }

    /// <summary>PUTs a manifest under a tag or digest; returns the digest of the bytes sent.</summary>
    public async Task<string> PushManifestAsync(string reference, string mediaType, byte[] content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, Url($"manifests/{reference}")) { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return Digest.Sha256(content);
    }

    private Uri Url(string path) => new(BaseUri, $"v2/{Name}/{path}");

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        if (authorization is null && challenge is not null)
            await AuthenticateAsync(challenge, cancellationToken).ConfigureAwait(false);
        var request = build();
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        request.Dispose();
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        // A new or wider challenge (another scope, an expired token): authenticate once more and retry.
        var renewed = RegistryChallenge.Parse(response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString());
        if (renewed is null || (!renewed.IsBearer && !(renewed.IsBasic && credential is not null))) return response;
        var previous = authorization;
        challenge = renewed;
        await AuthenticateAsync(renewed, cancellationToken).ConfigureAwait(false);
        if (authorization is null || authorization == previous) return response;
        response.Dispose();
        var retry = build();
        retry.Headers.TryAddWithoutValidation("Authorization", authorization);
        var second = await http.SendAsync(retry, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        retry.Dispose();
        return second;
    }

    private async Task AuthenticateAsync(RegistryChallenge current, CancellationToken cancellationToken)
    {
        if (current.IsBasic)
        {
            if (credential is not null) authorization = "Basic " + BasicValue(credential);
            return;
        }
        if (!current.IsBearer || current.Realm is null) return;
        var scope = $"repository:{Name}:{(push ? "pull,push" : "pull")}";
        var query = new StringBuilder("?");
        if (current.Service is { Length: > 0 } service) query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var tokenUri = new Uri(current.Realm + (current.Realm.Contains('?') ? "&" + query.ToString(1, query.Length - 1) : query.ToString()));

        var token = await RequestTokenAsync(tokenUri, credential, cancellationToken).ConfigureAwait(false);
        // Wrong credentials for a public image: registries let anonymous pulls through, so try without.
        if (token is null && credential is not null)
            token = await RequestTokenAsync(tokenUri, null, cancellationToken).ConfigureAwait(false);
        authorization = token is null ? null : "Bearer " + token;
    }

    private async Task<string?> RequestTokenAsync(Uri tokenUri, RegistryCredential? user, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        if (user is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicValue(user));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return null;
        if (!response.IsSuccessStatusCode)
            throw new RegistryException($"token request to {tokenUri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}", response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body?["token"]?.GetValue<string>() is { Length: > 0 } token ? token
            : body?["access_token"]?.GetValue<string>() is { Length: > 0 } access ? access
            : null;
    }

    private static string BasicValue(RegistryCredential user) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Username}:{user.Password}"));

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        string? code = null, message = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > 0 && JsonNode.Parse(text)?["errors"] is JsonArray { Count: > 0 } errors)
            {
                code = errors[0]?["code"]?.GetValue<string>();
                message = errors[0]?["message"]?.GetValue<string>();
            }
        }
        catch (JsonException)
        {
            // Not a distribution error body; the status code says enough.
        }
        var method = response.RequestMessage?.Method.Method ?? "GET";
        var url = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path);
        var text2 = message is null
            ? $"{method} {url}: unexpected status {(int)response.StatusCode} {response.ReasonPhrase}"
            : $"{(code ?? "").ToLowerInvariant().Replace('_', ' ')}: {message}";
        throw new RegistryException(text2, response.StatusCode, code);
    }

    private static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var value in values)
        {
            var start = value.IndexOf('<');
            var end = value.IndexOf('>');
            if (start >= 0 && end > start && value.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                var link = value[(start + 1)..end];
                return Uri.TryCreate(link, UriKind.Absolute, out var absolute) ? absolute : new Uri(response.RequestMessage!.RequestUri!, link);
            }
        }
        return null;
    }
}
