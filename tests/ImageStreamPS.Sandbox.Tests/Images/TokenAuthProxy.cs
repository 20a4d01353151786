using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// A registry front that demands bearer tokens the way Docker Hub does: every /v2 request without
/// a token for its repository gets 401 with a <c>WWW-Authenticate: Bearer realm=…,service=…,scope=…</c>
/// challenge; <c>/token</c> issues tokens (repositories under <c>private/</c> need Basic credentials
/// alice:wonderland); authorised requests are proxied to a real registry.
/// </summary>
public sealed class TokenAuthProxy : IAsyncDisposable
{
    private const string Service = "isps-test-registry";
    private readonly LoopbackServer server;

    private TokenAuthProxy(LoopbackServer server) => this.server = server;

    public string Host => server.Host;

    /// <summary>The scopes requested from the token endpoint, in order.</summary>
    public ConcurrentQueue<string> RequestedScopes { get; } = new();

    public static async Task<TokenAuthProxy> StartAsync(string backendHost)
    {
        TokenAuthProxy? proxy = null;
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var server = await LoopbackServer.StartAsync(context => proxy!.HandleAsync(context, http, backendHost));
        proxy = new TokenAuthProxy(server);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context, HttpClient http, string backendHost)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/token")
        {
            var scope = context.Request.Query["scope"].ToString();
            RequestedScopes.Enqueue(scope);
            var repository = scope.Split(':') is [_, var name, _] ? name : "";
            var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:wonderland"));
            if (context.Request.Query["service"] != Service ||
                (repository.StartsWith("private/", StringComparison.Ordinal) && context.Request.Headers.Authorization != basic))
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("{\"details\":\"incorrect username or password\"}");
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"token\":\"tok-{repository}\",\"expires_in\":300}}");
            return;
        }

        var repositoryName = RepositoryOf(path);
        if (context.Request.Headers.Authorization != $"Bearer tok-{repositoryName}" || repositoryName.Length == 0 && path != "/v2/")
        {
            var scope = repositoryName.Length > 0 ? $",scope=\"repository:{repositoryName}:pull\"" : "";
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{Host}/token\",service=\"{Service}\"{scope}";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":null}]}");
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://{backendHost}{path}{context.Request.QueryString}");
        foreach (var accept in context.Request.Headers.Accept) forward.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(forward, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is "Transfer-Encoding") continue;
            context.Response.Headers[name] = values.Select(v => v.Replace(backendHost, Host)).ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body);
    }

    private static string RepositoryOf(string path)
    {
        if (!path.StartsWith("/v2/", StringComparison.Ordinal)) return "";
        var rest = path[4..];
        foreach (var marker in new[] { "/manifests/", "/blobs/", "/tags/list" })
        {
            var at = rest.LastIndexOf(marker, StringComparison.Ordinal);
            if (at > 0) return rest[..at];
        }
        return "";
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
