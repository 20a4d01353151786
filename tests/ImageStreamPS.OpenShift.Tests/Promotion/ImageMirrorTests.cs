using System.Security.Cryptography;
using System.Text;
using ImageStreamPS.OpenShift.Promotion;

namespace ImageStreamPS.OpenShift.Tests.Promotion;

/// <summary>
/// -Mirror's registry side against scripted registries: the token handshake of docker/distribution's
/// <c>registry/client/auth</c> (<c>tokenHandler.fetchToken</c>: the challenge's realm and service, the
/// repository scope, the login as Basic), and oc's <c>pkg/cli/image/mirror</c> order (blobs the
/// destination lacks, then the manifest unchanged under the tag).
/// </summary>
public class ImageMirrorTests
{
    private const string Repository = "myproject/app";
    private static readonly RegistryLogin Login = new("developer", "sha256~the-token");

    private static string DigestOf(string text) => "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static readonly string Config = """{"architecture":"amd64","os":"linux"}""";
    private static readonly string Layer1 = "layer one bytes";
    private static readonly string Layer2 = "layer two, a little longer";
    private static readonly string Manifest =
        $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{DigestOf(Config)}}","size":{{Config.Length}}},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"{{DigestOf(Layer1)}}","size":{{Layer1.Length}}},{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"{{DigestOf(Layer2)}}","size":{{Layer2.Length}}}]}""";

    private static readonly Dictionary<string, string> ManifestType = new() { ["Content-Type"] = "application/vnd.docker.distribution.manifest.v2+json" };

    private static string Host(ScriptedApi api) => $"127.0.0.1:{api.Port}";

    [Fact]
    public async Task ABearerChallengeGetsATokenForTheRepositoryScopeWithTheLoginAsBasic()
    {
        ScriptedApi? registry = null;
        registry = new ScriptedApi(request => request.PathAndQuery switch
        {
            "/v2/" => new Answer(401, "", new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = $"Bearer realm=\"http://127.0.0.1:{registry!.Port}/openshift/token\",service=\"registry\"",
            }),
            var path when path.StartsWith("/openshift/token", StringComparison.Ordinal) => Answer.Json(200, """{"token":"registry-token"}"""),
            _ => new Answer(200, Manifest, ManifestType),
        });
        using var _ = registry;

        using var client = await DistributionClient.OpenAsync(Host(registry), Repository, insecure: true, Login, push: true, TestContext.Current.CancellationToken);
        var manifest = await client.GetManifestAsync(DigestOf(Manifest), TestContext.Current.CancellationToken);

        Assert.Equal(DigestOf(Manifest), manifest.Digest);
        var token = Assert.Single(registry.Requests, r => r.PathAndQuery.StartsWith("/openshift/token", StringComparison.Ordinal));
        Assert.Equal("/openshift/token?service=registry&scope=repository:myproject/app:pull,push", Uri.UnescapeDataString(token.PathAndQuery));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("developer:sha256~the-token")), token.Authorization);
        Assert.Equal("Bearer registry-token", Assert.Single(registry.Requests, r => r.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal)).Authorization);
    }

    [Fact]
    public async Task ARefusedLoginIsImportUnauthorizedAndTheMessageHoldsNoPassword()
    {
        ScriptedApi? registry = null;
        registry = new ScriptedApi(request => request.PathAndQuery == "/v2/"
            ? new Answer(401, "", new Dictionary<string, string> { ["WWW-Authenticate"] = $"Bearer realm=\"http://127.0.0.1:{registry!.Port}/openshift/token\"" })
            : new Answer(401, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""));
        using var _ = registry;

        var failure = await Assert.ThrowsAsync<ImagePromotionException>(() =>
            DistributionClient.OpenAsync(Host(registry), Repository, insecure: true, Login, push: false, TestContext.Current.CancellationToken));

        Assert.Equal(PromotionError.ImportUnauthorized, failure.Error);
        Assert.Equal($"registry {Host(registry)} refused a pull of {Repository}: the login was refused", failure.Message);
        Assert.DoesNotContain(Login.Password, failure.Message);
    }

    [Fact]
    public async Task OnlyTheBlobsTheDestinationLacksAreCopiedThenTheManifestUnchangedUnderTheTag()
    {
        var blobs = new Dictionary<string, string> { [DigestOf(Config)] = Config, [DigestOf(Layer1)] = Layer1, [DigestOf(Layer2)] = Layer2 };
        using var source = new ScriptedApi(request => request.PathAndQuery switch
        {
            "/v2/" => Answer.Json(200, "{}"),
            var path when path.Contains("/manifests/", StringComparison.Ordinal) => new Answer(200, Manifest, ManifestType),
            var path => new Answer(200, blobs[path[(path.LastIndexOf('/') + 1)..]]),
        });
        using var destination = new ScriptedApi(request => (request.Method, request.PathAndQuery) switch
        {
            (_, "/v2/") => Answer.Json(200, "{}"),
            ("HEAD", var path) => new Answer(path.EndsWith(DigestOf(Config), StringComparison.Ordinal) ? 200 : 404),
            ("POST", _) => new Answer(202, "", new Dictionary<string, string> { ["Location"] = $"/v2/{Repository}/blobs/uploads/session-1?_state=x" }),
            ("PUT", var path) when path.Contains("/blobs/uploads/", StringComparison.Ordinal) => new Answer(201),
            ("PUT", _) => new Answer(201, "", new Dictionary<string, string> { ["Docker-Content-Digest"] = DigestOf(Manifest) }),
            _ => new Answer(500),
        });
        var reports = new List<MirrorProgress>();
        var ct = TestContext.Current.CancellationToken;
        using var reader = await DistributionClient.OpenAsync(Host(source), Repository, insecure: true, null, push: false, ct);
        using var writer = await DistributionClient.OpenAsync(Host(destination), "prod/app", insecure: true, null, push: true, ct);

        var result = await ImageMirror.CopyAsync(reader, writer, DigestOf(Manifest), "prod", new Collect(reports), ct);

        Assert.Equal(new MirrorResult(3, 2, Layer1.Length + Layer2.Length, DigestOf(Manifest)), result);
        var uploads = destination.Requests.Where(r => r.Method == "PUT" && r.PathAndQuery.Contains("/blobs/uploads/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"/v2/{Repository}/blobs/uploads/session-1?_state=x&digest={DigestOf(Layer1)}", $"/v2/{Repository}/blobs/uploads/session-1?_state=x&digest={DigestOf(Layer2)}"],
            uploads.Select(u => Uri.UnescapeDataString(u.PathAndQuery)));
        Assert.Equal([Layer1, Layer2], uploads.Select(u => u.Body));
        var manifest = Assert.Single(destination.Requests, r => r.Method == "PUT" && r.PathAndQuery == "/v2/prod/app/manifests/prod");
        Assert.Equal(Manifest, manifest.Body);
        Assert.Equal(Layer1.Length + Layer2.Length, reports[^1].Copied);
        Assert.All(reports, r => Assert.Equal(Layer1.Length + Layer2.Length, r.Total));
    }

    [Fact]
    public async Task ASourceThatServesAnotherManifestForTheDigestIsADigestMismatchAndNothingIsCopied()
    {
        using var source = new ScriptedApi(request => request.PathAndQuery == "/v2/" ? Answer.Json(200, "{}") : new Answer(200, Manifest + " ", ManifestType));
        using var destination = new ScriptedApi(_ => Answer.Json(200, "{}"));
        var ct = TestContext.Current.CancellationToken;
        using var reader = await DistributionClient.OpenAsync(Host(source), Repository, insecure: true, null, push: false, ct);
        using var writer = await DistributionClient.OpenAsync(Host(destination), "prod/app", insecure: true, null, push: true, ct);

        var failure = await Assert.ThrowsAsync<ImagePromotionException>(() => ImageMirror.CopyAsync(reader, writer, DigestOf(Manifest), "prod", null, ct));

        Assert.Equal(PromotionError.DigestMismatch, failure.Error);
        Assert.DoesNotContain(destination.Requests, r => r.Method is "PUT" or "POST" or "HEAD");
    }

    private sealed class Collect(List<MirrorProgress> into) : IProgress<MirrorProgress>
    {
        public void Report(MirrorProgress value) => into.Add(value);
    }
}
