using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s;

namespace ImageStreamPS.OpenShift.Tests;

/// <summary>
/// An HTTP API on 127.0.0.1 that answers each <c>METHOD /path</c> (query left out) with the status and
/// JSON body the test gave it, and 404 with the apiserver's "could not find the requested resource"
/// Status for everything else (what a cluster without that API answers). Requests are recorded.
/// </summary>
internal sealed class ScriptedApi : IDisposable
{
    private const string NoSuchResource =
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""";

    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> answers = new();
    private readonly Task serving;

    public ScriptedApi()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Client = new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" });
        serving = Task.Run(ServeAsync);
    }

    public Kubernetes Client { get; }

    /// <summary><c>METHOD /path body</c> of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public ScriptedApi Answer(string method, string path, int status, string body)
    {
        answers[method + " " + path] = (status, body);
        return this;
    }

    /// <summary>A Kubernetes Status error body.</summary>
    public static string Status(int code, string reason, string message, string? name = null, string? group = null, string? kind = null) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message.Replace("\"", "\\\"")}}","reason":"{{reason}}","details":{{(name is null ? "{}" : $$"""{"name":"{{name}}","group":"{{group}}","kind":"{{kind}}"}""")}},"code":{{code}}}""";

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var key = context.Request.HttpMethod + " " + context.Request.Url!.AbsolutePath;
            Requests.Enqueue(body.Length == 0 ? key : key + " " + body);
            var (status, answer) = answers.TryGetValue(key, out var scripted) ? scripted : (404, NoSuchResource);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        Client.Dispose();
        try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
