using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// The credentials an import may use: the namespace's <c>kubernetes.io/dockercfg</c> and
/// <c>kubernetes.io/dockerconfigjson</c> secrets, minus those annotated
/// <c>openshift.io/image.excludeSecret: "true"</c> (what <c>imagestreams/secrets</c> returns).
/// </summary>
internal static class ImportCredentials
{
    public static Func<string, RegistryCredential?> ForNamespace(ApiService api, string ns)
    {
        var entries = new List<(string Host, RegistryCredential Credential)>();
        IReadOnlyList<JsonObject> secrets;
        try { secrets = api.List("", "secrets", ns).Items; }
        catch (StatusException) { secrets = []; }
        foreach (var secret in secrets)
        {
            if (Str(secret["metadata"]?["annotations"]?["openshift.io/image.excludeSecret"]) == "true") continue;
            var type = Str(secret["type"]);
            var key = type switch { "kubernetes.io/dockerconfigjson" => ".dockerconfigjson", "kubernetes.io/dockercfg" => ".dockercfg", _ => null };
            if (key is null || Str(secret["data"]?[key]) is not { } encoded) continue;
            try
            {
                var config = JsonNode.Parse(Convert.FromBase64String(encoded)) as JsonObject;
                var auths = (key == ".dockerconfigjson" ? config?["auths"] : config) as JsonObject;
                foreach (var (host, value) in auths ?? [])
                    if (Credential(value) is { } credential) entries.Add((Host(host), credential));
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                // A malformed secret gives no credentials, as the importer skips it.
            }
        }
        return registry =>
        {
            var wanted = Host(registry);
            return entries.FirstOrDefault(e => e.Host == wanted).Credential;
        };
    }

    private static RegistryCredential? Credential(JsonNode? entry)
    {
        if (Str(entry?["username"]) is { Length: > 0 } user) return new RegistryCredential(user, Str(entry?["password"]) ?? "");
        if (Str(entry?["auth"]) is not { Length: > 0 } auth) return null;
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
        var colon = text.IndexOf(':');
        return colon < 0 ? null : new RegistryCredential(text[..colon], text[(colon + 1)..]);
    }

    /// <summary>The registry host of a dockercfg key (<c>https://index.docker.io/v1/</c> → <c>docker.io</c>).</summary>
    private static string Host(string key)
    {
        var host = key;
        if (host.Contains("://", StringComparison.Ordinal)) host = host[(host.IndexOf("://", StringComparison.Ordinal) + 3)..];
        host = host.Split('/')[0];
        return host is "index.docker.io" or "registry-1.docker.io" ? "docker.io" : host;
    }
}
