using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Promotion;

/// <summary>A user name and password (or token) for a registry. <see cref="ToString"/> never shows the password.</summary>
public sealed record RegistryLogin(string Username, string Password)
{
    /// <inheritdoc/>
    public override string ToString() => $"RegistryLogin {{ Username = {Username} }}";
}

/// <summary>
/// The pull secret a cluster's importer uses for a registry: a <c>kubernetes.io/dockerconfigjson</c> Secret
/// whose <c>auths</c> entry for the registry host holds the login, written as kubectl's
/// <c>create secret docker-registry</c> writes it (<c>handleDockerCfgJSONContent</c>: username, password, auth).
/// The importer of <c>oc import-image</c> reads every such secret of the namespace.
/// </summary>
public static class RegistryPullSecret
{
    /// <summary>The Secret type.</summary>
    public const string DockerConfigJsonType = "kubernetes.io/dockerconfigjson";
    /// <summary>The data key of that type.</summary>
    public const string DockerConfigJsonKey = ".dockerconfigjson";

    /// <summary>The name used when none is given: the registry host as a Secret name, then <c>-pull</c> (<c>127-0-0-1-5001-pull</c>).</summary>
    public static string DefaultName(string registryHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(registryHost);
        var name = new StringBuilder();
        foreach (var c in registryHost.ToLowerInvariant())
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' ? c : '-');
        var text = name.ToString().Trim('-', '.');
        if (text.Length > 240) text = text[..240].TrimEnd('-', '.');
        return (text.Length == 0 ? "registry" : text) + "-pull";
    }

    /// <summary>A new pull secret holding <paramref name="login"/> for <paramref name="registryHost"/>.</summary>
    public static V1Secret Build(string @namespace, string name, string registryHost, RegistryLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var config = new JsonObject { ["auths"] = new JsonObject { [registryHost] = Entry(login) } };
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            Type = DockerConfigJsonType,
            Data = new Dictionary<string, byte[]> { [DockerConfigJsonKey] = Encoding.UTF8.GetBytes(config.ToJsonString()) },
        };
    }

    /// <summary>
    /// <paramref name="existing"/> with the entry for <paramref name="registryHost"/> set to <paramref name="login"/>
    /// (other registries kept), or null when it already holds exactly that login.
    /// </summary>
    /// <exception cref="ImagePromotionException">The secret is not a dockerconfigjson secret (it is left alone).</exception>
    public static V1Secret? Merge(V1Secret existing, string registryHost, RegistryLogin login)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(login);
        var name = $"{existing.Metadata?.NamespaceProperty}/{existing.Metadata?.Name}";
        if (existing.Type != DockerConfigJsonType)
            throw new ImagePromotionException(PromotionError.PullSecretUnusable,
                $"secret {name} is of type {existing.Type ?? "Opaque"}, not {DockerConfigJsonType}: name another secret for the registry login");
        JsonObject config;
        try
        {
            config = existing.Data?.TryGetValue(DockerConfigJsonKey, out var bytes) == true && bytes is not null
                ? JsonNode.Parse(bytes) as JsonObject ?? new JsonObject()
                : new JsonObject();
        }
        catch (JsonException)
        {
            throw new ImagePromotionException(PromotionError.PullSecretUnusable, $"secret {name} does not hold a docker config (its {DockerConfigJsonKey} is not JSON): name another secret for the registry login");
        }
        if (config["auths"] is not JsonObject auths) config["auths"] = auths = new JsonObject();
        var entry = Entry(login);
        if (JsonNode.DeepEquals(auths[registryHost], entry)) return null;
        auths[registryHost] = entry;
        var data = new Dictionary<string, byte[]>(existing.Data ?? new Dictionary<string, byte[]>())
        {
            [DockerConfigJsonKey] = Encoding.UTF8.GetBytes(config.ToJsonString()),
        };
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = existing.Metadata,
            Type = existing.Type,
            Data = data,
        };
    }

    private static JsonObject Entry(RegistryLogin login) => new()
    {
        ["username"] = login.Username,
        ["password"] = login.Password,
        ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.Password}")),
    };
}
