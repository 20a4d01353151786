using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>A Kestrel server on 127.0.0.1 with a free port, running one request handler.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, string host)
    {
        this.app = app;
        Host = host;
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Host { get; }

    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = DockerRegistryProcess.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new LoopbackServer(app, $"127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
