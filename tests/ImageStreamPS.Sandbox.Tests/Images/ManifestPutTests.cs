using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Images.Distribution;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// Manifest PUTs are streamed to disk with a size bound (distribution's <c>maxManifestBodySize</c>,
/// 4 MiB; 413 past it, as the OCI distribution spec asks) and digest verification, and a manifest
/// of the wrong shape is 400 MANIFEST_INVALID with the reason, never a 500.
/// </summary>
public sealed class ManifestPutTests : IAsyncDisposable
{
    private readonly TempDirectory root = new();
    private LoopbackServer? server;
    private HttpClient http = null!;
    private RegistryStorage storage = null!;

    private async Task StartAsync()
    {
        var token = AccessToken.LoadOrCreate(root.Path);
        storage = new RegistryStorage(Path.Combine(root.Path, "registry"));
        var registry = new IntegratedRegistry(storage, new RegistryAccessController(token));
        server = await LoopbackServer.StartAsync(registry.HandleAsync);
        http = new HttpClient { BaseAddress = new Uri($"http://{server.Host}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var image = TutorialSeed.Images[0];
        storage.PutBlob(image.Layer);
        storage.PutBlob(image.Config);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Error)> Put(string reference, HttpContent content, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v2/ns/app/manifests/{reference}") { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)?["errors"]?[0]);
    }

    private static ByteArrayContent Manifest(string json, string mediaType = ManifestMediaTypes.DockerSchema2)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static JsonObject SeedManifest() => JsonNode.Parse(TutorialSeed.Images[0].Manifest)!.AsObject();

    [Fact]
    public async Task ATutorialManifestIsStoredUnderItsDigest()
    {
        await StartAsync();
        var image = TutorialSeed.Images[0];

        var (status, _) = await Put("v1", new ByteArrayContent(image.Manifest) { Headers = { ContentType = new MediaTypeHeaderValue(ManifestMediaTypes.DockerSchema2) } });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal((image.Digest, ManifestMediaTypes.DockerSchema2), storage.FindManifest("ns/app", "v1"));
        Assert.Empty(Directory.GetFiles(storage.Uploads));
    }

    [Theory]
    [InlineData("schemaVersion", "\"2\"", "schemaVersion must be a number")]
    [InlineData("schemaVersion", "1", "schemaVersion 1 is not supported (only 2)")]
    [InlineData("schemaVersion", "2.5", "schemaVersion 2.5 is not supported (only 2)")]
    [InlineData("mediaType", "7", "mediaType must be a string")]
    [InlineData("config", "\"sha256:abc\"", "config must be a descriptor object")]
    [InlineData("config", "{\"mediaType\":\"x\",\"digest\":5,\"size\":1}", "config.digest is not a valid digest")]
    [InlineData("config", "{\"mediaType\":\"x\",\"digest\":\"sha256:zz\",\"size\":1}", "config.digest is not a valid digest")]
    [InlineData("layers", "{}", "layers must be a list")]
    [InlineData("layers", "[\"sha256:abc\"]", "layers[0] must be a descriptor object")]
    [InlineData("layers", "[{\"mediaType\":\"x\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"size\":-1}]", "layers[0].size must be a non-negative integer")]
    public async Task AManifestOfTheWrongShapeIsManifestInvalid(string field, string value, string reason)
    {
        await StartAsync();
        var manifest = SeedManifest();
        manifest[field] = JsonNode.Parse(value);

        var (status, error) = await Put("v1", Manifest(manifest.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MANIFEST_INVALID", error!["code"]!.GetValue<string>());
        Assert.Equal(reason, error["detail"]!.GetValue<string>());
        Assert.Null(storage.FindManifest("ns/app", "v1"));
        Assert.Empty(Directory.GetFiles(storage.Uploads));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"schemaVersion\":2,\"manifests\":{}}")]
    public async Task ABodyThatIsNoManifestIsManifestInvalid(string body)
    {
        await StartAsync();

        var (status, error) = await Put("v1", Manifest(body, ManifestMediaTypes.OciIndex));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MANIFEST_INVALID", error!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AConfigBlobThatIsNoImageConfigurationIsManifestInvalid()
    {
        await StartAsync();
        var config = Encoding.UTF8.GetBytes("""{"created":5,"architecture":["amd64"]}""");
        var configDigest = storage.PutBlob(config);
        var manifest = SeedManifest();
        manifest["config"]!["digest"] = configDigest;
        manifest["config"]!["size"] = config.Length;

        var (status, error) = await Put("v1", Manifest(manifest.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MANIFEST_INVALID", error!["code"]!.GetValue<string>());
        Assert.StartsWith($"the image config {configDigest} is not a valid image configuration", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task AManifestPutByAnotherDigestIsDigestInvalidAndLeavesNothing()
    {
        await StartAsync();
        var other = "sha256:" + new string('0', 64);

        var (status, error) = await Put(other, Manifest(Encoding.UTF8.GetString(TutorialSeed.Images[0].Manifest)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("DIGEST_INVALID", error!["code"]!.GetValue<string>());
        Assert.False(storage.HasBlob(TutorialSeed.Images[0].Digest));
        Assert.Empty(Directory.GetFiles(storage.Uploads));
    }

    [Fact]
    public async Task AManifestAnnouncedAbove4MiBIs413BeforeItsBodyIsRead()
    {
        await StartAsync();
        var body = new CountingStream(256L * 1024 * 1024);
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaTypes.DockerSchema2);
        content.Headers.ContentLength = body.Length;

        var (status, error) = await Put("big", content, expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("MANIFEST_INVALID", error!["code"]!.GetValue<string>());
        Assert.Equal($"manifest too big: the limit is {IntegratedRegistry.MaxManifestBytes} bytes", error["detail"]!.GetValue<string>());
        Assert.Equal(0, body.Position); // refused on its Content-Length: no byte of the 256 MiB was sent
        Assert.Empty(Directory.GetFiles(storage.Uploads));
    }

    [Fact]
    public async Task AChunkedManifestPast4MiBIs413AndLeavesNoFile()
    {
        await StartAsync();
        // No Content-Length: the bound is met while streaming (a little past it, so the rest drains and the 413 is read).
        var content = new StreamContent(new CountingStream(IntegratedRegistry.MaxManifestBytes + 256 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaTypes.DockerSchema2);

        var (status, error) = await Put("big", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("MANIFEST_INVALID", error!["code"]!.GetValue<string>());
        Assert.Empty(Directory.GetFiles(storage.Uploads));
        Assert.Null(storage.FindManifest("ns/app", "big"));
    }

    public async ValueTask DisposeAsync()
    {
        http?.Dispose();
        if (server is not null) await server.DisposeAsync();
        root.Dispose();
    }

    /// <summary>A body of <c>length</c> bytes of '{', produced as read (never held in memory).</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)'{');
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
