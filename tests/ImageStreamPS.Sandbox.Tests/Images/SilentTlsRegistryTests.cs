using System.Net;
using System.Net.Sockets;
using System.Text;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// A plain-HTTP registry that reads a TLS hello as the start of a request and waits for more: the
/// importer bounds the handshake (Go's <c>http.Transport.TLSHandshakeTimeout</c>) and treats the silence
/// as a refused HTTPS, as library-go's <c>registryclient.Context.ping</c> does: an insecure registry is
/// then reached over HTTP; a secure one is reported as answering HTTP only.
/// </summary>
public sealed class SilentTlsRegistryTests
{
    [Fact]
    public async Task AnInsecureRegistryThatNeverAnswersTheTlsHelloIsReachedOverHttp()
    {
        using var server = SilentTlsServer.Start();
        using var client = new RegistryClient(tlsHandshakeTimeout: TimeSpan.FromSeconds(1));
        // Well inside the 15 s the connect and ping timeouts would otherwise cost.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var repository = await client.OpenAsync(server.Host, "demo/app", insecure: true, credential: null, push: false, deadline.Token);

        Assert.Equal(new Uri($"http://{server.Host}/"), repository.BaseUri);
        Assert.True(server.SilentHandshakes >= 1);
    }

    [Fact]
    public async Task ASecureRegistryThatNeverAnswersTheTlsHelloIsReportedAsAnsweringHttpOnly()
    {
        using var server = SilentTlsServer.Start();
        using var client = new RegistryClient(tlsHandshakeTimeout: TimeSpan.FromSeconds(1));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<RegistryHttpOnlyException>(() =>
            client.OpenAsync(server.Host, "demo/app", insecure: false, credential: null, push: false, deadline.Token));

        Assert.Equal($"{server.Host} answers plain HTTP only", error.Message);
        Assert.Contains("net/http: TLS handshake timeout", error.InnerException!.Message);
    }

    /// <summary>Accepts TCP; a connection that opens with a TLS record gets no answer, a plain request gets a registry's /v2/ answer.</summary>
    private sealed class SilentTlsServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new();
        private int silent;

        private SilentTlsServer(TcpListener listener)
        {
            this.listener = listener;
            _ = Task.Run(AcceptAsync);
        }

        public string Host => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        public int SilentHandshakes => Volatile.Read(ref silent);

        public static SilentTlsServer Start()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new SilentTlsServer(listener);
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient connection;
                try { connection = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(() => ServeAsync(connection));
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            using (connection)
            {
                try
                {
                    var stream = connection.GetStream();
                    var buffer = new byte[4096];
                    var read = await stream.ReadAsync(buffer, stop.Token);
                    if (read == 0) return;
                    if (buffer[0] == 0x16)
                    {
                        Interlocked.Increment(ref silent);
                        // A TLS handshake record: read on, answer nothing, as an HTTP server waiting for the end of a request line.
                        while (await stream.ReadAsync(buffer, stop.Token) > 0) { }
                        return;
                    }
                    var request = Encoding.ASCII.GetString(buffer, 0, read);
                    while (!request.Contains("\r\n\r\n"))
                    {
                        var more = await stream.ReadAsync(buffer, stop.Token);
                        if (more == 0) return;
                        request += Encoding.ASCII.GetString(buffer, 0, more);
                    }
                    var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDocker-Distribution-Api-Version: registry/2.0\r\nContent-Length: 2\r\n\r\n{}";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
                    while (await stream.ReadAsync(buffer, stop.Token) > 0) { }
                }
                catch (Exception) { }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
