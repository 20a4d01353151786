using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Converts a registry image config blob (lowercase keys: <c>created</c>, <c>config</c>,
/// <c>architecture</c>...) into the <c>dockerImageMetadata</c> object OpenShift embeds in an Image,
/// with Docker's capitalised keys and <c>kind: DockerImage</c>, <c>apiVersion: image.openshift.io/1.0</c>.
/// </summary>
internal static class DockerImageMetadata
{
    // DockerConfig fields in openshift/api docker10 order; all omitempty.
    private static readonly string[] ConfigKeys =
    [
        "Hostname", "Domainname", "User", "Memory", "MemorySwap", "CpuShares", "Cpuset", "AttachStdin", "AttachStdout",
        "AttachStderr", "PortSpecs", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Dns", "Image",
        "Volumes", "VolumesFrom", "WorkingDir", "Entrypoint", "NetworkDisabled", "SecurityOpts", "OnBuild", "Labels",
    ];

    /// <summary>Builds the metadata; <paramref name="configDigest"/> becomes <c>Id</c> (Docker's image id).</summary>
    public static JsonObject FromConfig(JsonObject config, string configDigest)
    {
        var metadata = new JsonObject
        {
            ["kind"] = "DockerImage",
            ["apiVersion"] = "image.openshift.io/1.0",
            ["Id"] = configDigest,
        };
        AddString(metadata, "Parent", config["parent"]);
        AddString(metadata, "Comment", config["comment"]);
        metadata["Created"] = Timestamp(config["created"]);
        AddString(metadata, "Container", config["container"]);
        metadata["ContainerConfig"] = DockerConfig(config["container_config"] as JsonObject) ?? new JsonObject();
        AddString(metadata, "DockerVersion", config["docker_version"]);
        AddString(metadata, "Author", config["author"]);
        if (DockerConfig(config["config"] as JsonObject) is { } runConfig) metadata["Config"] = runConfig;
        AddString(metadata, "Architecture", config["architecture"]);
        return metadata;
    }

    /// <summary>The metadata of a manifest list kept as one Image: only its digest and the import time.</summary>
    public static JsonObject ForManifestList(string digest, DateTimeOffset now) => new()
    {
        ["kind"] = "DockerImage",
        ["apiVersion"] = "image.openshift.io/1.0",
        ["Id"] = digest,
        ["Created"] = Format(now),
        ["ContainerConfig"] = new JsonObject(),
    };

    /// <summary>RFC 3339 in UTC to the second, as metav1.Time serialises.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? Timestamp(JsonNode? value) =>
        value?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Format(time)
            : null;

    private static JsonObject? DockerConfig(JsonObject? source)
    {
        if (source is null) return null;
        var result = new JsonObject();
        foreach (var key in ConfigKeys)
        {
            if (!source.TryGetPropertyValue(key, out var value) || IsEmpty(value)) continue;
            result[key] = value!.DeepClone();
        }
        return result;
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<long>(out var n) => n == 0,
        _ => false,
    };

    private static void AddString(JsonObject target, string key, JsonNode? value)
    {
        if (value?.GetValue<string>() is { Length: > 0 } text) target[key] = text;
    }
}
