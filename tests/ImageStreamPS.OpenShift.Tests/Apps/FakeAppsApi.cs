using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Apps;

/// <summary>
/// A scripted apps/v1 API on 127.0.0.1 for one Deployment: GET answers the current object, a watch
/// streams what the test pushes (one JSON line per event, kept open), lists answer the pods given.
/// Every request is recorded so tests can see what the client asked for. <see cref="DropWatch"/> and
/// <see cref="FailReads"/> reset connections, as a dropped connection or a restarting server does.
/// </summary>
internal sealed class FakeAppsApi : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource closing = new();
    private readonly Channel<string> events = Channel.CreateUnbounded<string>();
    private readonly Task serving;

    public FakeAppsApi(V1Deployment deployment)
    {
        Deployment = deployment;
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

    public V1Deployment Deployment { get; set; }

    public List<V1Pod> Pods { get; } = [];

    public List<V1ReplicaSet> ReplicaSets { get; } = [];

    public ConcurrentQueue<string> Requests { get; } = new();

    private readonly TaskCompletionSource watchOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim watchesOpened = new(0);
    private const string Drop = "DROP";
    private const string End = "END";
    private int failReads;

    /// <summary>Completes when the client opened its watch (push events only after that).</summary>
    public Task WatchOpened => watchOpened.Task;

    /// <summary>Completes when the client opened one more watch than it was waited for before (the first, then a re-watch).</summary>
    public Task NextWatchOpened(CancellationToken cancellationToken) => watchesOpened.WaitAsync(cancellationToken);

    /// <summary>How many of the next GETs of the Deployment have their connection reset (a server restarting).</summary>
    public int FailReads { get => Volatile.Read(ref failReads); set => Volatile.Write(ref failReads, value); }

    /// <summary>Resets the open watch's connection mid-stream, as a dropped connection does.</summary>
    public void DropWatch() => events.Writer.TryWrite(Drop);

    /// <summary>Ends the open watch's answer normally, as the server does when its timeout passes.</summary>
    public void EndWatch() => events.Writer.TryWrite(End);

    /// <summary>Sends a BOOKMARK event: only the resourceVersion the watch has reached.</summary>
    public void PushBookmark(string resourceVersion) =>
        events.Writer.TryWrite("""{"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":""" + "\"" + resourceVersion + "\"}}}");

    public int Count(string pathAndQueryStart) => Requests.Count(r => r.StartsWith(pathAndQueryStart, StringComparison.Ordinal));

    /// <summary>Sends a watch event to the open watch (and makes it the object GET returns).</summary>
    public void Push(string type, V1Deployment deployment)
    {
        Deployment = deployment;
        events.Writer.TryWrite(KubernetesJson.Serialize(new { type, @object = deployment }));
    }

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
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var url = context.Request.Url!;
        Requests.Enqueue(url.PathAndQuery);
        var response = context.Response;
        try
        {
            var path = url.AbsolutePath;
            if (path.EndsWith("/deployments", StringComparison.Ordinal) && url.Query.Contains("watch=true"))
            {
                response.ContentType = "application/json";
                response.SendChunked = true;
                watchOpened.TrySetResult();
                watchesOpened.Release();
                await foreach (var line in events.Reader.ReadAllAsync(closing.Token).ConfigureAwait(false))
                {
                    if (line == Drop)
                    {
                        response.Abort();
                        return;
                    }
                    if (line == End) return;

                    var bytes = Encoding.UTF8.GetBytes(line + "\n");
                    await response.OutputStream.WriteAsync(bytes, closing.Token).ConfigureAwait(false);
                    await response.OutputStream.FlushAsync(closing.Token).ConfigureAwait(false);
                }
                return;
            }

            if (path.EndsWith("/deployments/" + Deployment.Metadata.Name, StringComparison.Ordinal) && TakeFailedRead())
            {
                // Headers and a first byte, then the connection ends: the answer is cut off mid-body.
                response.ContentType = "application/json";
                response.ContentLength64 = 100;
                await response.OutputStream.WriteAsync("{"u8.ToArray()).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                response.Abort();
                return;
            }

            var body = path switch
            {
                _ when path.EndsWith("/deployments/" + Deployment.Metadata.Name, StringComparison.Ordinal) => KubernetesJson.Serialize(Deployment),
                _ when path.EndsWith("/replicasets", StringComparison.Ordinal) => KubernetesJson.Serialize(new V1ReplicaSetList { Items = ReplicaSets }),
                _ when path.EndsWith("/pods", StringComparison.Ordinal) => KubernetesJson.Serialize(new V1PodList { Items = Pods }),
                _ => null,
            };
            response.StatusCode = body is null ? 404 : 200;
            body ??= """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""";
            response.ContentType = "application/json";
            var payload = Encoding.UTF8.GetBytes(body);
            await response.OutputStream.WriteAsync(payload).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The client went away (cancelled watch) or the test is over.
        }
        finally
        {
            try { response.Close(); } catch (Exception) { }
        }
    }

    private bool TakeFailedRead()
    {
        int left;
        do
        {
            left = Volatile.Read(ref failReads);
            if (left <= 0) return false;
        }
        while (Interlocked.CompareExchange(ref failReads, left - 1, left) != left);
        return true;
    }

    public void Dispose()
    {
        closing.Cancel();
        events.Writer.TryComplete();
        listener.Close();
        try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        Client.Dispose();
    }
}
