using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>Builds and pushes small images (Docker schema 2, OCI, OCI index) through the distribution API.</summary>
internal static class TestImages
{
    public static DemoImage Schema2(string repository, string tag, string label, string architecture = "amd64")
    {
        var image = DemoImage.Build(repository, tag, new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero),
            [("srv/", null), ("srv/" + label + ".txt", Encoding.UTF8.GetBytes(label + " " + architecture + "\n"))],
            new JsonObject { ["8080/tcp"] = new JsonObject() },
            new JsonObject { ["variant"] = label, ["arch"] = architecture },
            ["/bin/serve"], "/srv");
        return architecture == "amd64" ? image : Rebuild(image with { Config = WithArchitecture(image.Config, architecture) });
    }

    /// <summary>The same content described by an OCI manifest and OCI media types.</summary>
    public static (byte[] Manifest, DemoImage Image) Oci(DemoImage image)
    {
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaTypes.OciManifest,
            ["config"] = new JsonObject
            {
                ["mediaType"] = ManifestMediaTypes.OciConfig,
                ["size"] = image.Config.Length,
                ["digest"] = image.ConfigDigest,
            },
            ["layers"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = ManifestMediaTypes.OciLayerGzip,
                ["size"] = image.Layer.Length,
                ["digest"] = image.LayerDigest,
            }),
        };
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        return (bytes, image with { Manifest = bytes });
    }

    public static byte[] Index(params (DemoImage Image, string Architecture, string MediaType)[] children)
    {
        var manifests = new JsonArray();
        foreach (var (image, architecture, mediaType) in children)
        {
            manifests.Add(new JsonObject
            {
                ["mediaType"] = mediaType,
                ["size"] = image.Manifest.Length,
                ["digest"] = image.Digest,
                ["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" },
            });
        }
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = ManifestMediaTypes.OciIndex, ["manifests"] = manifests };
        return Encoding.UTF8.GetBytes(index.ToJsonString());
    }

    /// <summary>Opens a repository to push to; the integrated registry needs <paramref name="credential"/> (the cluster's token as password).</summary>
    public static async Task<RegistryRepository> OpenForPushAsync(RegistryClient client, string host, string repository, RegistryCredential? credential = null) =>
        await client.OpenAsync(host, repository, insecure: true, credential, push: true, CancellationToken.None);

    /// <summary>Pushes blobs and the manifest under <paramref name="reference"/>.</summary>
    public static async Task<string> PushAsync(RegistryRepository repository, DemoImage image, string reference, string mediaType)
    {
        await repository.PushBlobAsync(image.Layer, CancellationToken.None);
        await repository.PushBlobAsync(image.Config, CancellationToken.None);
        return await repository.PushManifestAsync(reference, mediaType, image.Manifest, CancellationToken.None);
    }

    private static byte[] WithArchitecture(byte[] config, string architecture)
    {
        var json = JsonNode.Parse(config)!.AsObject();
        json["architecture"] = architecture;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static DemoImage Rebuild(DemoImage image)
    {
        var manifest = JsonNode.Parse(image.Manifest)!.AsObject();
        manifest["config"]!["size"] = image.Config.Length;
        manifest["config"]!["digest"] = Digest.Sha256(image.Config);
        return image with { Manifest = Encoding.UTF8.GetBytes(manifest.ToJsonString()) };
    }
}
