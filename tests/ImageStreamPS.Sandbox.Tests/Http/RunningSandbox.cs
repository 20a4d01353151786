using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using k8s;

namespace ImageStreamPS.Sandbox.Tests.Http;

/// <summary>
/// An in-process sandbox on a free port with a temp data directory, plus clients the way users get
/// them: KubernetesClient from the kubeconfig it wrote, and an HttpClient that trusts only the
/// sandbox CA and sends the token. Without modules (core kinds only) unless a subclass names some.
/// </summary>
public class RunningSandbox : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly IReadOnlyList<ISandboxModule> _modules;

    public RunningSandbox() : this([]) { }

    protected RunningSandbox(IReadOnlyList<ISandboxModule> modules) => _modules = modules;

    public SandboxHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public Kubernetes Kubernetes { get; private set; } = null!;
    public string DataPath => _dir.Path;

    public async ValueTask InitializeAsync()
    {
        Host = await SandboxHost.StartAsync(new CommandLine { DataPath = _dir.Path }, modules: _modules);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_dir.Path, "ca.crt")));
        Http = Client(ca, File.ReadAllText(Path.Combine(_dir.Path, "token")).Trim());
        Anonymous = Client(ca, null);
        Kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Host.KubeConfigPath));
    }

    private HttpClient Client(X509Certificate2 ca, string? token)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Host.Server) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<(int Status, JsonNode? Body)> Send(HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(int Status, JsonNode? Body)> Get(string path, string? accept = null) => Send(HttpMethod.Get, path, accept: accept);

    public async ValueTask DisposeAsync()
    {
        Kubernetes?.Dispose();
        Http?.Dispose();
        Anonymous?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>A <see cref="RunningSandbox"/> that also serves the image API (image.openshift.io, the integrated registry).</summary>
public sealed class RunningImageSandbox() : RunningSandbox([new ImageStreamPS.Sandbox.Images.ImageApiModule()]);
