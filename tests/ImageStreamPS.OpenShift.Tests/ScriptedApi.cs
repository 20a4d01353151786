using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
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
/// that records what the client sent. For client behaviour that needs exact server answers: conflicts,
/// 503/429, resets, slow answers.
/// </summary>
internal sealed class ScriptedApi : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource closing = new();
    private readonly Func<SeenRequest, Answer> answer;
    private readonly Task serving;

    public ScriptedApi(Func<SeenRequest, Answer> answer)
    {
        this.answer = answer;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Server => new($"http://127.0.0.1:{Port}");

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>A bare KubernetesClient for this server (no retries, no translation).</summary>
    public Kubernetes NewClient() => new(new KubernetesClientConfiguration { Host = Server.AbsoluteUri.TrimEnd('/') });

    public int Count(string method, string pathStart) =>
        Requests.Count(r => r.Method == method && r.PathAndQuery.StartsWith(pathStart, StringComparison.Ordinal));

    private async Task ServeAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (closing.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var seen = new SeenRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, await reader.ReadToEndAsync().ConfigureAwait(false), context.Request.Headers["Authorization"]);
            Requests.Enqueue(seen);
            var reply = answer(seen);
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, closing.Token).ConfigureAwait(false);
            if (reply.Reset)
            {
                response.Abort();
                return;
            }
            response.StatusCode = reply.Status;
            response.ContentType = "application/json";
            foreach (var (key, value) in reply.Headers ?? new Dictionary<string, string>()) response.Headers[key] = value;
            var payload = Encoding.UTF8.GetBytes(reply.Body);
            await response.OutputStream.WriteAsync(payload, closing.Token).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception)
        {
            try { response.Abort(); } catch (Exception) { }
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        listener.Close();
        try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
    }
}
