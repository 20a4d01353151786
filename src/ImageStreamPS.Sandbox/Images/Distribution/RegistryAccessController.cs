using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>
/// Who may use the integrated registry, decided as OpenShift's registry does (image-registry
/// <c>pkg/dockerregistry/server/auth.go</c>, <c>AccessController.Authorized</c> and
/// <c>getOpenShiftAPIToken</c>): the cluster's bearer token, sent as <c>Bearer TOKEN</c> or as the
/// password of Basic auth (<c>podman login -u x -p $(oc whoami -t)</c>), or the token
/// <see cref="RegistryTokenEndpoint"/> hands out for it. No credentials: 401 with a Bearer challenge
/// naming the token endpoint; a wrong token: 401 with a Basic challenge, <c>error="access denied"</c>.
/// The anonymous token may ping <c>/v2/</c> and nothing else (the sandbox grants anonymous users no
/// image stream access).
/// </summary>
internal sealed class RegistryAccessController(AccessToken token)
{
    /// <summary>The token realm's path (image-registry <c>configuration.defaultTokenPath</c>).</summary>
    public const string TokenPath = "/openshift/token";

    /// <summary>What the token endpoint gives a caller without credentials (image-registry <c>anonymousToken</c>).</summary>
    public const string AnonymousToken = "anonymous";

    // image-registry's default auth realm (configuration.migrateMiddleware: realm "origin").
    private const string BasicRealm = "origin";

    /// <summary>Who sent the request, from its Authorization header.</summary>
    public RegistryCaller Identify(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ');
        if (space <= 0) return RegistryCaller.Missing;
        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            if (value == AnonymousToken) return RegistryCaller.Anonymous;
            return token.Matches(value) ? RegistryCaller.User : RegistryCaller.Denied;
        }
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(value) switch
            {
                null or "" => RegistryCaller.Undecodable,
                var password when token.Matches(password) => RegistryCaller.User,
                _ => RegistryCaller.Denied,
            };
        }
        return RegistryCaller.Missing;
    }

    /// <summary>True when the caller holds the cluster's token (Basic password or Bearer).</summary>
    public bool Accepts(HttpRequest request) => Identify(request) == RegistryCaller.User;

    /// <summary>
    /// Writes the 401 for a caller that may not make the request: distribution's UNAUTHORIZED error with
    /// the access records it asked for, and the challenge OpenShift's registry sends for that caller.
    /// </summary>
    public Task ChallengeAsync(HttpContext context, RegistryCaller caller, JsonArray access)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.WWWAuthenticate = caller switch
        {
            RegistryCaller.Missing => $"Bearer realm=\"{request.Scheme}://{request.Host}{TokenPath}\",service=\"{request.Host}\"",
            RegistryCaller.Undecodable => $"Basic realm={BasicRealm},error=\"failed to decode credentials\"",
            _ => $"Basic realm={BasicRealm},error=\"access denied\"",
        };
        var error = new JsonObject { ["code"] = "UNAUTHORIZED", ["message"] = "authentication required", ["detail"] = access };
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "application/json; charset=utf-8";
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.WriteAsync(new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString(), context.RequestAborted);
    }

    /// <summary>One access record as distribution's <c>auth.Access</c> serializes it (the UNAUTHORIZED detail).</summary>
    public static JsonObject Access(string type, string name, string action) =>
        new() { ["Type"] = type, ["Class"] = "", ["Name"] = name, ["Action"] = action };

    /// <summary>The password of a Basic credential, or null when it does not decode.</summary>
    public static string? BasicPassword(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':');
            return colon < 0 ? null : text[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="RegistryAccessController.Identify"/> found in a request.</summary>
internal enum RegistryCaller
{
    /// <summary>No Authorization header, or one of an unknown scheme.</summary>
    Missing,

    /// <summary>The token endpoint's anonymous token.</summary>
    Anonymous,

    /// <summary>Basic credentials that do not decode, or an empty password.</summary>
    Undecodable,

    /// <summary>A token that is not the cluster's.</summary>
    Denied,

    /// <summary>The cluster's token.</summary>
    User,
}
