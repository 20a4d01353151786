using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace ImageStreamPS.OpenShift.Tests;

/// <summary>One request as the scripted API saw it.</summary>
internal sealed record SeenRequest(string Method, string PathAndQuery, string Body, string? Authorization);

/// <summary>What the scripted API answers: a status, a body, extra headers; <see cref="Reset"/> drops the connection instead.</summary>
internal sealed record Answer(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool Reset = false, TimeSpan Delay = default)
{
    public static Answer Json(int status, string body) => new(status, body);

    public static Answer Failure(int code, string reason, string message = "") =>
        new(code, $$$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{{message}}}","reason":"{{{reason}}}","code":{{{code}}}}""");

    public static Answer ConnectionReset { get; } = new(0, Reset: true);
}

/// <summary>
/// An API server on 127.0.0.1 whose every answer the test writes (<see cref="Answer"/> per request), and
/// that records what the client sent. Plain HTTP/1.1 on a socket, so it can also reset a connection
/// (RST, as a crashed server does) or answer slowly: for client behaviour that needs exact server
/// answers: conflicts, 503/429, resets, slow answers. Given a certificate, it speaks HTTPS with it.
/// </summary>
internal sealed class ScriptedApi : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource closing = new();
    private readonly Func<SeenRequest, Answer> answer;
    private readonly Task serving;
    private readonly X509Certificate2? certificate;

    public ScriptedApi(Func<SeenRequest, Answer> answer, X509Certificate2? certificate = null)
    {
        this.answer = answer;
        this.certificate = certificate;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Server => new($"{(certificate is null ? "http" : "https")}://127.0.0.1:{Port}");

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>A bare KubernetesClient for this server (no retries, no translation).</summary>
    public Kubernetes NewClient() => new(new KubernetesClientConfiguration { Host = Server.AbsoluteUri.TrimEnd('/') });

    public int Count(string method, string pathStart) =>
        Requests.Count(r => r.Method == method && r.PathAndQuery.StartsWith(pathStart, StringComparison.Ordinal));

    private async Task ServeAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(closing.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => ConverseAsync(socket));
        }
    }

    // One connection: requests one after another (keep-alive) until the client closes it or an answer resets it.
    private async Task ConverseAsync(Socket socket)
    {
        using var network = new NetworkStream(socket, ownsSocket: true);
        Stream stream = network;
        try
        {
            if (certificate is not null)
            {
                var tls = new SslStream(network, leaveInnerStreamOpen: true);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, closing.Token).ConfigureAwait(false);
                stream = tls;
            }

            while (!closing.IsCancellationRequested)
            {
                var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                if (head is null) return;
                var lines = head.Split("\r\n");
                var start = lines[0].Split(' ');
                var headers = lines.Skip(1).Where(l => l.Contains(':'))
                    .ToDictionary(l => l[..l.IndexOf(':')].Trim(), l => l[(l.IndexOf(':') + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
                var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
                await stream.ReadExactlyAsync(body, closing.Token).ConfigureAwait(false);
                var seen = new SeenRequest(start[0], start[1], Encoding.UTF8.GetString(body), headers.GetValueOrDefault("Authorization"));
                Requests.Enqueue(seen);

                var reply = answer(seen);
                if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, closing.Token).ConfigureAwait(false);
                if (reply.Reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    return;
                }
                var payload = Encoding.UTF8.GetBytes(reply.Body);
                var text = new StringBuilder($"HTTP/1.1 {reply.Status} Status\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\n");
                foreach (var (key, value) in reply.Headers ?? new Dictionary<string, string>()) text.Append($"{key}: {value}\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()), closing.Token).ConfigureAwait(false);
                await stream.WriteAsync(payload, closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // The client went away (or refused the certificate) or the test is over.
        }
        finally
        {
            if (!ReferenceEquals(stream, network)) await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<string?> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, closing.Token).ConfigureAwait(false) == 0) return null;
            // A TLS handshake (record type 22) at a plain-HTTP server: hang up, as an HTTP server
            // does on a request it cannot parse, so a client trying https first falls back at once.
            if (bytes.Count == 0 && one[0] == 0x16 && certificate is null) return null;
            bytes.Add(one[0]);
        }
        return Encoding.ASCII.GetString(bytes.ToArray(), 0, bytes.Count - 4);
    }

    public void Dispose()
    {
        closing.Cancel();
        listener.Stop();
        try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
    }
}
