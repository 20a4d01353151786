using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

public sealed class DemoImageTests
{
    [Fact]
    public void CitasImagesHaveStableDigests()
    {
        // Pinned: the digests may never change between runs, machines or .NET versions.
        Assert.Equal(DemoImage.CitasBackend("v1").Digest, DemoImage.CitasBackend("v1").Digest);
        Assert.Equal(PinnedV1, DemoImage.CitasBackend("v1").Digest);
        Assert.Equal(PinnedV2, DemoImage.CitasBackend("v2").Digest);
    }

    [Fact]
    public void LayerIsAGzippedTarHoldingTheApplication()
    {
        var image = DemoImage.CitasBackend("v2");
        using var gzip = new GZipStream(new MemoryStream(image.Layer), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<(string Name, string? Text)>();
        while (reader.GetNextEntry() is { } entry)
        {
            string? text = null;
            if (entry.DataStream is { } data) text = new StreamReader(data, Encoding.UTF8).ReadToEnd();
            entries.Add((entry.Name, text));
        }

        Assert.Equal(["app/", "app/app.py"], entries.Select(e => e.Name));
        Assert.Contains("VERSION = \"v2\"", entries[1].Text);
    }

    [Fact]
    public void ConfigExposesPort10000AndLabelsTheVersion()
    {
        var config = JsonNode.Parse(DemoImage.CitasBackend("v1").Config)!;

        Assert.Equal("{\"10000/tcp\":{}}", config["config"]!["ExposedPorts"]!.ToJsonString());
        Assert.Equal("v1", config["config"]!["Labels"]!["version"]!.GetValue<string>());
        Assert.Equal("2023-02-14T10:00:00Z", config["created"]!.GetValue<string>());
        Assert.Equal("amd64", config["architecture"]!.GetValue<string>());
    }

    private const string PinnedV1 = "sha256:24ffc068a860386e6c34b9a604900b0aabb740ae59e3237545c699237b3515d7";
    private const string PinnedV2 = "sha256:6778a833c997cc8429e3d41c74f503bf55e0c04f5a486aea51a5c8b6c139affc";
}
