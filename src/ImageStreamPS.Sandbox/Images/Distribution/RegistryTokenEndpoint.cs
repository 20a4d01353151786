using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>
/// <c>GET /openshift/token</c>, the realm of the registry's Bearer challenge, answered as OpenShift's
/// registry answers it (image-registry <c>pkg/dockerregistry/server/token.go</c>, <c>tokenHandler</c>):
/// no credentials get the anonymous token; Basic credentials whose password is the cluster's token get
/// that token back as <c>token</c> and <c>access_token</c>; anything else is 401. Scopes must name
/// valid repositories.
/// </summary>
internal sealed class RegistryTokenEndpoint(RegistryAccessController access)
{
    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            return Write(context, StatusCodes.Status405MethodNotAllowed, new JsonObject { ["details"] = "method not allowed" });
        foreach (var scope in request.Query["scope"])
        {
            // repository:<name>:<actions>, the name possibly holding a port-less host part.
            var parts = (scope ?? "").Split(':');
            if (parts.Length >= 3 && parts[0] is "repository" or "signature" && !RegistryStorage.IsValidName(string.Join(':', parts[1..^1])))
                return Write(context, StatusCodes.Status401Unauthorized, new JsonObject { ["details"] = $"invalid repository name in scope \"{scope}\"" });
        }
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0) return Token(context, RegistryAccessController.AnonymousToken);

        const string basic = "Basic ";
        if (!authorization.StartsWith(basic, StringComparison.OrdinalIgnoreCase) ||
            RegistryAccessController.BasicPassword(authorization[basic.Length..].Trim()) is not { Length: > 0 } password)
            return Write(context, StatusCodes.Status401Unauthorized, null);
        return access.Accepts(request) ? Token(context, password) : Write(context, StatusCodes.Status401Unauthorized, null);
    }

    private static Task Token(HttpContext context, string token) =>
        Write(context, StatusCodes.Status200OK, new JsonObject { ["token"] = token, ["access_token"] = token });

    private static Task Write(HttpContext context, int status, JsonObject? body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        return body is null || HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
