using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The HTTPS API's terminal handler: bearer-token authentication (401 Status), then the non-resource
/// documents (/version, discovery, /openapi, /metrics, health, the current user) and the resource
/// paths, which go to <see cref="ResourceHandler"/>. Unexpected failures answer 500 InternalError.
/// </summary>
public sealed class ApiPipeline(ApiService api, AccessToken token, RequestMetrics metrics, OpenApiDocuments openApi, TimeSpan bookmarkInterval)
{
    private readonly ResourceHandler _resources = new(api, metrics, bookmarkInterval, openApi);

    public async Task Handle(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.Length > 1) path = path.TrimEnd('/');
        try
        {
            if (path is "/healthz" or "/livez" or "/readyz")
            {
                await Text(context, 200, "ok");
                metrics.CountNonResource(path, 200);
                return;
            }
            // As system:public-info-viewer on a cluster: /version answers a caller with no credentials; a wrong token is still 401.
            var anonymousVersion = path == "/version" && string.IsNullOrEmpty(context.Request.Headers.Authorization);
            if (!anonymousVersion && !token.Accepts(context.Request.Headers.Authorization))
            {
                await HttpIo.WriteStatus(context, ApiErrors.Unauthorized());
                metrics.CountNonResource(RequestInfo.Parse(path) is null ? path : "(resource)", 401);
                return;
            }
            if (RequestInfo.Parse(path) is { } info && info.Group != "user.openshift.io")
            {
                await _resources.Handle(context, info);
                return;
            }
            await NonResource(context, path);
            metrics.CountNonResource(path, context.Response.StatusCode);
        }
        catch (StorageFailureException e)
        {
            // Disk full or read-only: a 500 whose message says so, as kube-apiserver reports etcd's
            // "database space exceeded"; the next write is tried afresh.
            Console.Error.WriteLine($"sandbox: {context.Request.Method} {path}: {e.WriteRefusedMessage}");
            if (!context.Response.HasStarted) await HttpIo.WriteStatus(context, ApiErrors.Internal(e.WriteRefusedMessage));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"sandbox: {context.Request.Method} {path} failed: {e}");
            if (!context.Response.HasStarted) await HttpIo.WriteStatus(context, ApiErrors.Internal(e.Message));
        }
    }

    private async Task NonResource(HttpContext context, string path)
    {
        if (context.Request.Method is not ("GET" or "HEAD"))
        {
            await HttpIo.WriteStatus(context, new StatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
            return;
        }
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["openapi", ..] && await openApi.Serve(context, segments)) return;
        JsonNode? document = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.ApiVersions(context.Request.Host.Value ?? "127.0.0.1"),
            ["api", var version] => DiscoveryDocuments.ResourceList(api.Catalog, "", version),
            ["apis"] => DiscoveryDocuments.GroupList(api.Catalog),
            ["apis", var group] => DiscoveryDocuments.Group(api.Catalog, group),
            ["apis", var group, var version] => DiscoveryDocuments.ResourceList(api.Catalog, group, version),
            _ => null,
        };
        if (document is not null)
        {
            await HttpIo.WriteJson(context, 200, document);
            return;
        }
        switch (segments)
        {
            case ["metrics"]:
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await Text(context, 200, metrics.Render(), context.Response.ContentType);
                return;
            case ["apis", "user.openshift.io", "v1", "users", "~"]:
                await HttpIo.WriteJson(context, 200, new JsonObject
                {
                    ["kind"] = "User", ["apiVersion"] = "user.openshift.io/v1",
                    ["metadata"] = new JsonObject { ["name"] = "developer" }, ["identities"] = new JsonArray(), ["groups"] = new JsonArray(),
                });
                return;
            default:
                await HttpIo.WriteStatus(context, ApiErrors.NoSuchResource());
                return;
        }
    }

    private static async Task Text(HttpContext context, int status, string text, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
