using ImageStreamPS.OpenShift.Images;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

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
        IReadOnlyList<V1Secret> secrets;
        try { secrets = api.List<V1Secret>("", "secrets", ns); }
        catch (StatusException) { secrets = []; }
        foreach (var secret in secrets)
        {
            if (secret.Metadata?.Annotations?.TryGetValue("openshift.io/image.excludeSecret", out var exclude) == true && exclude == "true") continue;
            var key = secret.Type switch { "kubernetes.io/dockerconfigjson" => ".dockerconfigjson", "kubernetes.io/dockercfg" => ".dockercfg", _ => null };
            if (key is null || secret.Data?.TryGetValue(key, out var bytes) != true || bytes is null) continue;
            try
            {
                var config = JsonNode.Parse(bytes) as JsonObject;
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

    // A docker config file (not an API object): its entries are read as the file format has them.
    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

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
        return DockerImageReference.IsRegistryDockerHub(host) ? DockerImageReference.DockerDefaultRegistry : host;
    }
}
