using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using YamlDotNet.Serialization;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// The image config embedded in an Image as <c>dockerImageMetadata</c>: an object of
/// <c>kind: DockerImage</c>, <c>apiVersion: image.openshift.io/1.0</c> (or <c>1.0</c> on old servers)
/// with Docker's capitalised keys (<c>Id</c>, <c>Created</c>, <c>Config</c>, <c>Size</c>...).
/// </summary>
public sealed class DockerImageMetadata
{
    /// <summary>Always <c>DockerImage</c>.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; } = "DockerImage";
    /// <summary><c>image.openshift.io/1.0</c> (4.x) or <c>1.0</c> (3.x).</summary>
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; } = "image.openshift.io/1.0";
    /// <summary>The Docker image id (for schema 2 / OCI: the config digest). Always emitted.</summary>
    [JsonPropertyName("Id")] [YamlMember(Alias = "Id", ApplyNamingConventions = false)]
    public string Id { get; set; } = "";
    /// <summary>The parent image id.</summary>
    [JsonPropertyName("Parent")] [YamlMember(Alias = "Parent", ApplyNamingConventions = false)]
    public string? Parent { get; set; }
    /// <summary>A comment.</summary>
    [JsonPropertyName("Comment")] [YamlMember(Alias = "Comment", ApplyNamingConventions = false)]
    public string? Comment { get; set; }
    /// <summary>When the image was built.</summary>
    [JsonPropertyName("Created")] [YamlMember(Alias = "Created", ApplyNamingConventions = false)]
    public DateTime? Created { get; set; }
    /// <summary>The container the image was committed from.</summary>
    [JsonPropertyName("Container")] [YamlMember(Alias = "Container", ApplyNamingConventions = false)]
    public string? Container { get; set; }
    /// <summary>The config of that container (always emitted, <c>{}</c> when empty).</summary>
    [JsonPropertyName("ContainerConfig")] [YamlMember(Alias = "ContainerConfig", ApplyNamingConventions = false)]
    public DockerConfig ContainerConfig { get; set; } = new();
    /// <summary>The Docker version that built the image.</summary>
    [JsonPropertyName("DockerVersion")] [YamlMember(Alias = "DockerVersion", ApplyNamingConventions = false)]
    public string? DockerVersion { get; set; }
    /// <summary>The author.</summary>
    [JsonPropertyName("Author")] [YamlMember(Alias = "Author", ApplyNamingConventions = false)]
    public string? Author { get; set; }
    /// <summary>The runtime config: ports, environment, command, labels...</summary>
    [JsonPropertyName("Config")] [YamlMember(Alias = "Config", ApplyNamingConventions = false)]
    public DockerConfig? Config { get; set; }
    /// <summary>The CPU architecture.</summary>
    [JsonPropertyName("Architecture")] [YamlMember(Alias = "Architecture", ApplyNamingConventions = false)]
    public string? Architecture { get; set; }
    /// <summary>The image size: distinct layer sizes plus the config. Omitted when 0.</summary>
    [JsonPropertyName("Size")] [YamlMember(Alias = "Size", ApplyNamingConventions = false, DefaultValuesHandling = DefaultValuesHandling.OmitDefaults)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Size { get; set; }

    /// <summary>
    /// The metadata openshift-apiserver derives from a registry's image config blob (lowercase keys:
    /// <c>created</c>, <c>config</c>, <c>architecture</c>...): Docker's capitalised form, empty members left
    /// out as Go's omitempty does, times to the second. <paramref name="configDigest"/> becomes <c>Id</c>.
    /// </summary>
    public static DockerImageMetadata FromConfig(JsonObject config, string configDigest)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new DockerImageMetadata
        {
            Id = configDigest,
            Parent = Text(config, "parent"),
            Comment = Text(config, "comment"),
            Created = Time(Text(config, "created")),
            Container = Text(config, "container"),
            ContainerConfig = DockerConfig.From(config["container_config"]) ?? new DockerConfig(),
            DockerVersion = Text(config, "docker_version"),
            Author = Text(config, "author"),
            Config = DockerConfig.From(config["config"]),
            Architecture = Text(config, "architecture"),
        };
    }

    /// <summary>The metadata of a manifest list kept as one Image: its digest and the import time only.</summary>
    public static DockerImageMetadata ForManifestList(string digest, DateTimeOffset now) =>
        new() { Id = digest, Created = Seconds(now.UtcDateTime), ContainerConfig = new DockerConfig() };

    // A member of the wrong JSON type fails as Go's json.Unmarshal into the config struct does.
    private static string? Text(JsonObject config, string member) => config[member] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } text ? text : null,
        var other => throw new FormatException($"cannot unmarshal {other.GetValueKind().ToString().ToLowerInvariant()} into the image config's {member} (a string)"),
    };

    private static DateTime? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Seconds(time.UtcDateTime)
            : null;

    // metav1.Time is written to the second.
    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}

/// <summary>Docker's container configuration (capitalised keys, all optional).</summary>
public sealed class DockerConfig
{
    /// <summary>Hostname.</summary>
    [JsonPropertyName("Hostname")] [YamlMember(Alias = "Hostname", ApplyNamingConventions = false)] public string? Hostname { get; set; }
    /// <summary>Domain name.</summary>
    [JsonPropertyName("Domainname")] [YamlMember(Alias = "Domainname", ApplyNamingConventions = false)] public string? Domainname { get; set; }
    /// <summary>The user the process runs as.</summary>
    [JsonPropertyName("User")] [YamlMember(Alias = "User", ApplyNamingConventions = false)] public string? User { get; set; }
    /// <summary>Memory limit.</summary>
    [JsonPropertyName("Memory")] [YamlMember(Alias = "Memory", ApplyNamingConventions = false)] public long? Memory { get; set; }
    /// <summary>Memory plus swap limit.</summary>
    [JsonPropertyName("MemorySwap")] [YamlMember(Alias = "MemorySwap", ApplyNamingConventions = false)] public long? MemorySwap { get; set; }
    /// <summary>CPU shares.</summary>
    [JsonPropertyName("CpuShares")] [YamlMember(Alias = "CpuShares", ApplyNamingConventions = false)] public long? CpuShares { get; set; }
    /// <summary>CPU set.</summary>
    [JsonPropertyName("Cpuset")] [YamlMember(Alias = "Cpuset", ApplyNamingConventions = false)] public string? Cpuset { get; set; }
    /// <summary>Attach stdin.</summary>
    [JsonPropertyName("AttachStdin")] [YamlMember(Alias = "AttachStdin", ApplyNamingConventions = false)] public bool? AttachStdin { get; set; }
    /// <summary>Attach stdout.</summary>
    [JsonPropertyName("AttachStdout")] [YamlMember(Alias = "AttachStdout", ApplyNamingConventions = false)] public bool? AttachStdout { get; set; }
    /// <summary>Attach stderr.</summary>
    [JsonPropertyName("AttachStderr")] [YamlMember(Alias = "AttachStderr", ApplyNamingConventions = false)] public bool? AttachStderr { get; set; }
    /// <summary>Legacy port specs.</summary>
    [JsonPropertyName("PortSpecs")] [YamlMember(Alias = "PortSpecs", ApplyNamingConventions = false)] public IList<string>? PortSpecs { get; set; }
    /// <summary>Exposed ports as keys like <c>10000/tcp</c> (values are empty objects).</summary>
    [JsonPropertyName("ExposedPorts")] [YamlMember(Alias = "ExposedPorts", ApplyNamingConventions = false)] public IDictionary<string, EmptyObject?>? ExposedPorts { get; set; }
    /// <summary>Allocate a TTY.</summary>
    [JsonPropertyName("Tty")] [YamlMember(Alias = "Tty", ApplyNamingConventions = false)] public bool? Tty { get; set; }
    /// <summary>Keep stdin open.</summary>
    [JsonPropertyName("OpenStdin")] [YamlMember(Alias = "OpenStdin", ApplyNamingConventions = false)] public bool? OpenStdin { get; set; }
    /// <summary>Close stdin after one attach.</summary>
    [JsonPropertyName("StdinOnce")] [YamlMember(Alias = "StdinOnce", ApplyNamingConventions = false)] public bool? StdinOnce { get; set; }
    /// <summary>Environment as <c>NAME=value</c>.</summary>
    [JsonPropertyName("Env")] [YamlMember(Alias = "Env", ApplyNamingConventions = false)] public IList<string>? Env { get; set; }
    /// <summary>The command.</summary>
    [JsonPropertyName("Cmd")] [YamlMember(Alias = "Cmd", ApplyNamingConventions = false)] public IList<string>? Cmd { get; set; }
    /// <summary>DNS servers (old Docker API).</summary>
    [JsonPropertyName("Dns")] [YamlMember(Alias = "Dns", ApplyNamingConventions = false)] public IList<string>? Dns { get; set; }
    /// <summary>The image the container was created from.</summary>
    [JsonPropertyName("Image")] [YamlMember(Alias = "Image", ApplyNamingConventions = false)] public string? Image { get; set; }
    /// <summary>Volumes as keys (values are empty objects).</summary>
    [JsonPropertyName("Volumes")] [YamlMember(Alias = "Volumes", ApplyNamingConventions = false)] public IDictionary<string, EmptyObject?>? Volumes { get; set; }
    /// <summary>Volumes from another container.</summary>
    [JsonPropertyName("VolumesFrom")] [YamlMember(Alias = "VolumesFrom", ApplyNamingConventions = false)] public string? VolumesFrom { get; set; }
    /// <summary>The working directory.</summary>
    [JsonPropertyName("WorkingDir")] [YamlMember(Alias = "WorkingDir", ApplyNamingConventions = false)] public string? WorkingDir { get; set; }
    /// <summary>The entrypoint.</summary>
    [JsonPropertyName("Entrypoint")] [YamlMember(Alias = "Entrypoint", ApplyNamingConventions = false)] public IList<string>? Entrypoint { get; set; }
    /// <summary>Networking disabled.</summary>
    [JsonPropertyName("NetworkDisabled")] [YamlMember(Alias = "NetworkDisabled", ApplyNamingConventions = false)] public bool? NetworkDisabled { get; set; }
    /// <summary>Security options.</summary>
    [JsonPropertyName("SecurityOpts")] [YamlMember(Alias = "SecurityOpts", ApplyNamingConventions = false)] public IList<string>? SecurityOpts { get; set; }
    /// <summary>ONBUILD triggers.</summary>
    [JsonPropertyName("OnBuild")] [YamlMember(Alias = "OnBuild", ApplyNamingConventions = false)] public IList<string>? OnBuild { get; set; }
    /// <summary>Image labels.</summary>
    [JsonPropertyName("Labels")] [YamlMember(Alias = "Labels", ApplyNamingConventions = false)] public IDictionary<string, string>? Labels { get; set; }

    /// <summary>A config object of an image config blob, with empty members left out (Go's omitempty); null when absent.</summary>
    public static DockerConfig? From(JsonNode? node)
    {
        if (node is not JsonObject json) return null;
        DockerConfig config;
        try { config = KubernetesJson.Deserialize<DockerConfig>(json); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException) { return new DockerConfig(); }
        static string? S(string? v) => string.IsNullOrEmpty(v) ? null : v;
        static long? N(long? v) => v is 0 ? null : v;
        static bool? B(bool? v) => v == true ? true : null;
        static IList<string>? L(IList<string>? v) => v is { Count: > 0 } ? v : null;
        static IDictionary<string, TValue>? M<TValue>(IDictionary<string, TValue>? v) => v is { Count: > 0 } ? v : null;
        return new DockerConfig
        {
            Hostname = S(config.Hostname), Domainname = S(config.Domainname), User = S(config.User),
            Memory = N(config.Memory), MemorySwap = N(config.MemorySwap), CpuShares = N(config.CpuShares), Cpuset = S(config.Cpuset),
            AttachStdin = B(config.AttachStdin), AttachStdout = B(config.AttachStdout), AttachStderr = B(config.AttachStderr),
            PortSpecs = L(config.PortSpecs), ExposedPorts = M(config.ExposedPorts), Tty = B(config.Tty), OpenStdin = B(config.OpenStdin),
            StdinOnce = B(config.StdinOnce), Env = L(config.Env), Cmd = L(config.Cmd), Dns = L(config.Dns), Image = S(config.Image),
            Volumes = M(config.Volumes), VolumesFrom = S(config.VolumesFrom), WorkingDir = S(config.WorkingDir), Entrypoint = L(config.Entrypoint),
            NetworkDisabled = B(config.NetworkDisabled), SecurityOpts = L(config.SecurityOpts), OnBuild = L(config.OnBuild), Labels = M(config.Labels),
        };
    }
}

/// <summary>An empty JSON object (<c>{}</c>), the value type of Docker's port and volume sets.</summary>
public sealed class EmptyObject
{
}
