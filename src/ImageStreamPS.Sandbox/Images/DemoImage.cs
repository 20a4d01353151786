using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Containers;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// A small, deterministic Docker schema 2 image: one gzipped layer holding the application file, a
/// config exposing a port with labels and a fixed creation time, so its digests never change.
/// </summary>
internal sealed record DemoImage(string Repository, string Tag, byte[] Layer, byte[] Config, byte[] Manifest)
{
    public string Digest => Images.Digest.Sha256(Manifest);

    public string ConfigDigest => Images.Digest.Sha256(Config);

    public string LayerDigest => Images.Digest.Sha256(Layer);

    /// <summary>
    /// <c>josedom24/citas-backend:v1</c> / <c>:v2</c>: the tutorial's application, listening on 10000/tcp.
    /// Its config declares what the sandbox answers for its Pods (<see cref="DeclaredAnswers"/>):
    /// <c>GET /version</c> gives the version label, as the real application does.
    /// </summary>
    public static DemoImage CitasBackend(string version)
    {
        var created = version switch
        {
            "v1" => new DateTimeOffset(2023, 2, 14, 10, 0, 0, TimeSpan.Zero),
            "v2" => new DateTimeOffset(2023, 2, 15, 10, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "the tutorial has v1 and v2"),
        };
        var app = Encoding.UTF8.GetBytes(
            $"# citas-backend {version}: appointments API of the OpenShift course, listening on port 10000\n" +
            $"VERSION = \"{version}\"\nPORT = 10000\n");
        return Build("josedom24/citas-backend", version, created,
            [("app/", null), ("app/app.py", app)],
            new JsonObject { ["10000/tcp"] = new JsonObject() },
            new JsonObject
            {
                ["version"] = version,
                ["maintainer"] = "josedom24",
                [DeclaredAnswers.LabelKey] = new DeclaredAnswers(10000, [new("GET", "/version", 200, "text/plain; charset=utf-8", version)]).ToLabel(),
            },
            ["python3", "app.py"], "/app");
    }

    public static DemoImage Build(
        string repository, string tag, DateTimeOffset created, IEnumerable<(string Path, byte[]? Content)> files,
        JsonObject exposedPorts, JsonObject labels, string[] cmd, string workingDir)
    {
        var tar = DeterministicLayer.Tar(files, created);
        var layer = DeterministicLayer.Gzip(tar);
        var createdText = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = createdText,
            ["author"] = "ImageStreamPS sandbox",
            ["config"] = new JsonObject
            {
                ["ExposedPorts"] = exposedPorts.DeepClone(),
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ["Cmd"] = new JsonArray(cmd.Select(c => (JsonNode)c!).ToArray()),
                ["WorkingDir"] = workingDir,
                ["Labels"] = labels.DeepClone(),
            },
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray(Images.Digest.Sha256(tar)),
            },
            ["history"] = new JsonArray(new JsonObject
            {
                ["created"] = createdText,
                ["created_by"] = "ImageStreamPS demo image builder",
            }),
        };
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaTypes.DockerSchema2,
            ["config"] = new JsonObject
            {
                ["mediaType"] = ManifestMediaTypes.DockerConfig,
                ["size"] = configBytes.Length,
                ["digest"] = Images.Digest.Sha256(configBytes),
            },
            ["layers"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = ManifestMediaTypes.DockerLayerGzip,
                ["size"] = layer.Length,
                ["digest"] = Images.Digest.Sha256(layer),
            }),
        };
        return new DemoImage(repository, tag, layer, configBytes, Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }
}
