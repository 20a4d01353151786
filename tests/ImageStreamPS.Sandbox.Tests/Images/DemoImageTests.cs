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

    private const string PinnedV1 = "sha256:998ab02891526f65f0f747d465a422cf24bd0552daba185c770a6df3c9742637";
    private const string PinnedV2 = "sha256:2980f18f75311d929542d4f69d6b82b98fea63c027332679fd29404c9af07f94";
}
