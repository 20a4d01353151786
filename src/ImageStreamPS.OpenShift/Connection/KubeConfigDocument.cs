using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.ImageStreams;
using k8s.KubeConfigModels;
using YamlDotNet.Core;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// Reads one kubeconfig file into KubernetesClient's own model (<see cref="K8SConfiguration"/>), field by
/// field as client-go's <c>clientcmd/api/v1</c> names them, through the engine's bounded <see cref="YamlReader"/>.
/// KubernetesClient's <c>LoadKubeConfig</c> fills the same model through YamlDotNet's reflection deserializer,
/// which costs a second of JIT on a cold start (most of a first Connect-OpenShift); this reads it in a tenth.
/// Unknown keys are ignored (as both do); an empty file is an empty configuration (as <c>clientcmd.Load</c>);
/// a scalar where text is expected is taken as its text, and a value of the wrong shape is a
/// <see cref="YamlException"/> naming where it is.
/// </summary>
internal static class KubeConfigDocument
{
    public static K8SConfiguration Read(FileInfo file)
    {
        var root = YamlReader.ReadFirst(YamlReader.Decode(File.ReadAllBytes(file.FullName)));
        var config = new K8SConfiguration();
        if (root is null)
        {
            return config;
        }

        var map = Mapping(root, "the document");
        config.ApiVersion = Text(map, "apiVersion");
        config.Kind = Text(map, "kind");
        config.CurrentContext = Text(map, "current-context");
        config.Preferences = map["preferences"] is JsonObject preferences ? PlainMap(preferences) : null;
        config.Clusters = Items(map, "clusters", (item, at) => new Cluster
        {
            Name = Text(item, "name") ?? "",
            ClusterEndpoint = Optional(item, "cluster", at, endpoint => new ClusterEndpoint
            {
                Server = Text(endpoint, "server"),
                CertificateAuthority = Text(endpoint, "certificate-authority"),
                CertificateAuthorityData = Text(endpoint, "certificate-authority-data"),
                TlsServerName = Text(endpoint, "tls-server-name"),
                SkipTlsVerify = Flag(endpoint, "insecure-skip-tls-verify", at),
                Extensions = Extensions(endpoint, at),
            }),
        });
        config.Contexts = Items(map, "contexts", (item, at) => new Context
        {
            Name = Text(item, "name") ?? "",
            Extensions = Extensions(item, at),
            ContextDetails = Optional(item, "context", at, details => new ContextDetails
            {
                Cluster = Text(details, "cluster"),
                User = Text(details, "user"),
                Namespace = Text(details, "namespace"),
                Extensions = Extensions(details, at),
            }),
        });
        config.Users = Items(map, "users", (item, at) => new User
        {
            Name = Text(item, "name") ?? "",
            UserCredentials = Optional(item, "user", at, user => Credentials(user, at)),
        });
        config.Extensions = Extensions(map, "the document");
        return config;
    }

    private static UserCredentials Credentials(JsonObject user, string at)
    {
        var credentials = new UserCredentials
        {
            ClientCertificate = Text(user, "client-certificate"),
            ClientCertificateData = Text(user, "client-certificate-data"),
            ClientKey = Text(user, "client-key"),
            ClientKeyData = Text(user, "client-key-data"),
            Token = Text(user, "token"),
            Impersonate = Text(user, "as"),
            UserName = Text(user, "username"),
            Password = Text(user, "password"),
            AuthProvider = Optional(user, "auth-provider", at, provider => new AuthProvider
            {
                Name = Text(provider, "name"),
                Config = provider["config"] is { } settings
                    ? Mapping(settings, $"{at}.auth-provider.config").ToDictionary(e => e.Key, e => TextOf(e.Value, $"{at}.auth-provider.config")!)
                    : null,
            }),
            ExternalExecution = Optional(user, "exec", at, exec => new ExternalExecution
            {
                ApiVersion = Text(exec, "apiVersion"),
                Command = Text(exec, "command"),
                Arguments = exec["args"] is { } args ? Sequence(args, $"{at}.exec.args").Select(a => TextOf(a, $"{at}.exec.args")!).ToList() : null,
                EnvironmentVariables = exec["env"] is { } env
                    ? Sequence(env, $"{at}.exec.env").Select(v => Mapping(v, $"{at}.exec.env").ToDictionary(e => e.Key, e => TextOf(e.Value, $"{at}.exec.env")!)).ToList()
                    : null,
                InstallHint = Text(exec, "installHint"),
                ProvideClusterInfo = Flag(exec, "provideClusterInfo", $"{at}.exec"),
            }),
            Extensions = Extensions(user, at),
        };

        // The model's defaults (empty) stand where the file says nothing.
        if (user["as-groups"] is { } groups)
        {
            credentials.ImpersonateGroups = Sequence(groups, $"{at}.as-groups").Select(g => TextOf(g, $"{at}.as-groups")!).ToList();
        }

        // client-go's as-user-extra is map[string][]string; KubernetesClient keeps one string a key (several are joined).
        if (user["as-user-extra"] is { } extra)
        {
            credentials.ImpersonateUserExtra = Mapping(extra, $"{at}.as-user-extra").ToDictionary(
                e => e.Key,
                e => e.Value is JsonArray values ? string.Join(",", values.Select(v => TextOf(v, $"{at}.as-user-extra"))) : TextOf(e.Value, $"{at}.as-user-extra")!);
        }

        return credentials;
    }

    // A list of named entries (clusters, contexts, users); each item's place is named in errors.
    private static List<T> Items<T>(JsonObject map, string key, Func<JsonObject, string, T> read)
    {
        if (map[key] is not { } node)
        {
            return [];
        }

        var items = Sequence(node, key);
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{key}[{i}]";
            result.Add(read(Mapping(items[i], at), at));
        }

        return result;
    }

    private static T? Optional<T>(JsonObject map, string key, string at, Func<JsonObject, T> read) where T : class =>
        map[key] is { } node ? read(Mapping(node, $"{at}.{key}")) : null;

    private static List<NamedExtension>? Extensions(JsonObject map, string at) =>
        map["extensions"] is { } node
            ? Sequence(node, $"{at}.extensions").Select(e => Mapping(e, $"{at}.extensions")).Select(e => new NamedExtension
            {
                Name = Text(e, "name") ?? "",
                Extension = Plain(e["extension"]),
            }).ToList()
            : null;

    private static JsonObject Mapping(JsonNode? node, string at) =>
        node as JsonObject ?? throw Invalid(at, "a mapping", node);

    private static JsonArray Sequence(JsonNode node, string at) =>
        node as JsonArray ?? throw Invalid(at, "a list", node);

    private static string? Text(JsonObject map, string key) => TextOf(map[key], key);

    // A scalar as text: strings as written, true/false and numbers as YAML resolved them.
    private static string? TextOf(JsonNode? node, string at) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => throw Invalid(at, "text", node),
    };

    private static bool Flag(JsonObject map, string key, string at) => map[key] switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) && bool.TryParse(text, out var parsed) => parsed,
        var other => throw Invalid($"{at}.{key}", "true or false", other),
    };

    private static Dictionary<string, object?> PlainMap(JsonObject map) => map.ToDictionary(e => e.Key, e => Plain(e.Value));

    // Free-form values (extensions, preferences) as plain .NET objects, as a YAML deserializer leaves them.
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => PlainMap(map),
        JsonArray list => list.Select(Plain).ToList(),
        _ => node.AsValue().GetValue<object>(),
    };

    private static YamlException Invalid(string at, string expected, JsonNode? found) =>
        // The value itself is never shown: it may be a token written in the wrong place.
        new($"kubeconfig: {at} must be {expected}, not {found switch { null => "empty", JsonObject => "a mapping", JsonArray => "a list", _ => "a scalar" }}");
}
