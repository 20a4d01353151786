using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// The integrated registry requires the cluster's token for every push and pull, as OpenShift's registry
/// does (image-registry <c>pkg/dockerregistry/server/auth.go</c> <c>AccessController.Authorized</c>,
/// <c>token.go</c> <c>tokenHandler.ServeHTTP</c>), on a sandbox host seeded with the tutorial images.
/// </summary>
public sealed class RegistryAuthTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private SandboxHost host = null!;
    private HttpClient http = null!;
    private string token = null!;

    private string Registry => host.RegistryEndpoint;

    public async ValueTask InitializeAsync()
    {
        host = await SandboxHost.StartAsync(new CommandLine { DataPath = directory.Path, Seed = "Tutorial" }, modules: [new ImageApiModule()]);
        token = File.ReadAllText(Path.Combine(directory.Path, "token")).Trim();
        http = new HttpClient { BaseAddress = new Uri($"http://{Registry}") };
    }

    private async Task<(HttpStatusCode Status, string? Challenge, JsonNode? Body)> Send(HttpMethod method, string path, string? authorization = null,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString(), text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static string? Code(JsonNode? body) => body?["errors"]?[0]?["code"]?.GetValue<string>();

    [Fact]
    public async Task PingWithoutCredentialsIsChallengedToTheTokenRealm()
    {
        var (status, challenge, body) = await Send(HttpMethod.Get, "/v2/");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal($"Bearer realm=\"http://{Registry}/openshift/token\",service=\"{Registry}\"", challenge);
        Assert.Equal("UNAUTHORIZED", Code(body));
        Assert.Equal("authentication required", body!["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnonymousPushIsRefusedAndLeavesNothingBehind()
    {
        var seed = TutorialSeed.Images[0];
        var manifest = new ByteArrayContent(seed.Manifest);
        manifest.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaTypes.DockerSchema2);

        var upload = await Send(HttpMethod.Post, "/v2/myproject/citas/blobs/uploads/?digest=" + Uri.EscapeDataString(seed.LayerDigest),
            content: new ByteArrayContent(seed.Layer));
        var put = await Send(HttpMethod.Put, "/v2/myproject/citas/manifests/prod", content: manifest);

        Assert.Equal(HttpStatusCode.Unauthorized, upload.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, put.Status);
        Assert.Equal("""[{"Type":"repository","Class":"","Name":"myproject/citas","Action":"push"}]""", put.Body!["errors"]![0]!["detail"]!.ToJsonString());
        Assert.Empty(Directory.GetFiles(Path.Combine(directory.Path, "registry", "uploads")));
        Assert.Null(host.Core.Api.TryGet("image.openshift.io", "imagestreams", "myproject", "citas"));
        Assert.False(Directory.Exists(Path.Combine(directory.Path, "registry", "repositories", "myproject")));
    }

    [Theory]
    [InlineData("Bearer sha256~not-the-token", "Basic realm=origin,error=\"access denied\"")]
    [InlineData("BASIC", "Bearer realm=")]
    [InlineData("Negotiate abc", "Bearer")]
    public async Task AWrongTokenIsDenied(string authorization, string challengeStart)
    {
        var (status, challenge, body) = await Send(HttpMethod.Get, "/v2/josedom24/citas-backend/tags/list", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHORIZED", Code(body));
        Assert.StartsWith(challengeStart, challenge);
    }

    [Fact]
    public async Task BasicCredentialsCarryTheTokenAsPassword()
    {
        var allowed = await Send(HttpMethod.Get, "/v2/josedom24/citas-backend/tags/list", Basic("developer", token));
        var wrong = await Send(HttpMethod.Get, "/v2/josedom24/citas-backend/tags/list", Basic("developer", "guess"));
        var empty = await Send(HttpMethod.Get, "/v2/josedom24/citas-backend/tags/list", Basic("developer", ""));

        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal("""["v1","v2"]""", allowed.Body!["tags"]!.ToJsonString());
        Assert.Equal("Basic realm=origin,error=\"access denied\"", wrong.Challenge);
        Assert.Equal("Basic realm=origin,error=\"failed to decode credentials\"", empty.Challenge);
    }

    [Fact]
    public async Task TheTokenEndpointTradesTheClusterTokenAsPodmanLoginUsesIt()
    {
        var scope = "?service=" + Uri.EscapeDataString(Registry) + "&scope=" + Uri.EscapeDataString("repository:myproject/citas:pull,push");

        var issued = await Send(HttpMethod.Get, "/openshift/token" + scope, Basic("developer", token));
        var bearer = issued.Body!["token"]!.GetValue<string>();
        var catalog = await Send(HttpMethod.Get, "/v2/_catalog", "Bearer " + bearer);
        var refused = await Send(HttpMethod.Get, "/openshift/token" + scope, Basic("developer", "guess"));
        var badScope = await Send(HttpMethod.Get, "/openshift/token?scope=" + Uri.EscapeDataString("repository:Bad Name:pull"), Basic("developer", token));

        Assert.Equal(HttpStatusCode.OK, issued.Status);
        Assert.Equal(bearer, issued.Body["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, catalog.Status);
        Assert.Equal("""["josedom24/citas-backend"]""", catalog.Body!["repositories"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Null(refused.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, badScope.Status);
    }

    [Fact]
    public async Task TheAnonymousTokenPingsButPullsNothing()
    {
        var issued = await Send(HttpMethod.Get, "/openshift/token");
        var anonymous = "Bearer " + issued.Body!["token"]!.GetValue<string>();

        var ping = await Send(HttpMethod.Get, "/v2/", anonymous);
        var pull = await Send(HttpMethod.Get, "/v2/josedom24/citas-backend/manifests/v1", anonymous);

        Assert.Equal("anonymous", issued.Body["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ping.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, pull.Status);
        Assert.Equal("Basic realm=origin,error=\"access denied\"", pull.Challenge);
    }

    [Fact]
    public async Task TheImporterPullsFromItsOwnRegistryWithoutAPullSecret()
    {
        var api = host.Core.Api;
        var import = ImageSandbox.Json("""
            {"metadata":{"name":"citas"},"spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"@REGISTRY/josedom24/citas-backend:v2"},
             "to":{"name":"v2"},"importPolicy":{"insecure":true}}]}}
            """.Replace("@REGISTRY", Registry));

        var result = await api.CreateAsync("image.openshift.io", "imagestreamimports", "myproject", import);

        Assert.Equal("Success", result["status"]!["images"]![0]!["status"]!["status"]!.GetValue<string>());
        Assert.Equal(ImageSandbox.V2, result["status"]!["images"]![0]!["image"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASecondSandboxImportsFromTheFirstWithAPullSecretHoldingItsToken()
    {
        using var otherDirectory = new TempDirectory();
        await using var other = await SandboxHost.StartAsync(new CommandLine { DataPath = otherDirectory.Path }, modules: [new ImageApiModule()]);
        var api = other.Core.Api;
        var from = $"{Registry}/josedom24/citas-backend:v1";
        Task<JsonObject> Import() => api.CreateAsync("image.openshift.io", "imagestreamimports", "myproject", ImageSandbox.Json("""
            {"metadata":{"name":"citas"},"spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"@FROM"},
             "to":{"name":"v1"},"importPolicy":{"insecure":true}}]}}
            """.Replace("@FROM", from)));

        var denied = (await Import())["status"]!["images"]![0]!["status"]!;
        api.Create("", "secrets", "myproject", PullSecret("staging", Registry, "developer", token));
        var allowed = (await Import())["status"]!["images"]![0]!;

        Assert.Equal("Failure", denied["status"]!.GetValue<string>());
        Assert.Equal("Unauthorized", denied["reason"]!.GetValue<string>());
        Assert.DoesNotContain(token, denied.ToJsonString());
        Assert.Equal("Success", allowed["status"]!["status"]!.GetValue<string>());
        Assert.Equal(ImageSandbox.V1, allowed["image"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task SkopeoCopiesWithTheTokenAndIsRefusedWithout()
    {
        const string skopeo = "/usr/bin/skopeo";
        if (!File.Exists(skopeo)) Assert.Skip($"{skopeo} is not installed (build.ps1 Test installs Debian's skopeo when it runs as root with apt)");
        var source = $"docker://{Registry}/josedom24/citas-backend:v1";
        var destination = $"docker://{Registry}/myproject/citas:prod";

        var home = Directory.CreateDirectory(Path.Combine(directory.Path, "skopeo-home")).FullName;
        var (anonymousExit, anonymousError) = await Run(skopeo, home, "copy", "--src-tls-verify=false", "--dest-tls-verify=false", source, destination);
        var (exit, error) = await Run(skopeo, home, "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
            "--src-creds", "developer:" + token, "--dest-creds", "developer:" + token, source, destination);

        Assert.NotEqual(0, anonymousExit);
        Assert.Contains("unauthorized: authentication required", anonymousError);
        Assert.True(exit == 0, error);
        var stream = host.Core.Api.Get("image.openshift.io", "imagestreams", "myproject", "citas");
        Assert.Equal(ImageSandbox.V1, stream["status"]!["tags"]![0]!["items"]![0]!["image"]!.GetValue<string>());
    }

    private static JsonObject PullSecret(string name, string registry, string user, string password)
    {
        var config = new JsonObject { ["auths"] = new JsonObject { [registry] = new JsonObject { ["username"] = user, ["password"] = password } } };
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["type"] = "kubernetes.io/dockerconfigjson",
            ["data"] = new JsonObject { [".dockerconfigjson"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(config.ToJsonString())) },
        };
    }

    private static async Task<(int Exit, string Error)> Run(string file, string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{file} {arguments[0]} did not finish in 60 s");
        }
        await output;
        return (process.ExitCode, await error);
    }

    public async ValueTask DisposeAsync()
    {
        http?.Dispose();
        if (host is not null) await host.DisposeAsync();
        directory.Dispose();
    }
}
