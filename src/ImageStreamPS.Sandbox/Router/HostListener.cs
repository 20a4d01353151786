using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// One loopback port of the router, given to one route host so that its URL needs no name
/// resolution: a Kestrel server on 127.0.0.1 (the sandbox's own server stack) whose requests go to
/// the <see cref="RouterFrontend"/>, with the host to use when the Host header names only the address.
/// </summary>
internal sealed class HostListener : IAsyncDisposable
{
    private readonly KestrelServer _server;

    private HostListener(KestrelServer server, string host, int port)
    {
        _server = server;
        Host = host;
        Port = port;
    }

    public string Host { get; }
    public int Port { get; }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: a free port). Throws IOException when the port is taken.</summary>
    public static async Task<HostListener> StartAsync(string host, int port, RouterFrontend frontend, CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        var server = new KestrelServer(
            Options.Create(options),
            new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance),
            NullLoggerFactory.Instance);
        try
        {
            await server.StartAsync(new Application(frontend, host), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        var bound = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return new HostListener(server, host, bound);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _server.StopAsync(stopping.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _server.Dispose();
    }

    private sealed class Application(RouterFrontend frontend, string host) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => frontend.HandleAsync(context, host);

        public void DisposeContext(HttpContext context, Exception? exception) { }
    }
}
