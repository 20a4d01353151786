using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// A level-driven controller: watches feed a <see cref="WorkQueue"/> of keys; one worker
/// reconciles each key from the current stored state, so a restart or a missed event only means
/// a later, complete sync. Failures (conflicts from concurrent writers included) retry with back-off.
/// </summary>
internal abstract class ControllerLoop : IDisposable
{
    private readonly WorkQueue _queue = new();

    protected ControllerLoop(ApiService api, ILogger logger)
    {
        Api = api;
        Logger = logger;
    }

    protected ApiService Api { get; }
    protected ILogger Logger { get; }
    public abstract string Name { get; }
    protected abstract IEnumerable<WatchSource> Sources { get; }

    /// <summary>Brings the object behind <paramref name="key"/> to its desired state; returns when to look again.</summary>
    protected abstract TimeSpan? Reconcile(string key);

    public bool IsIdle => _queue.IsIdle;

    public void Enqueue(string key) => _queue.Add(key);

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var watches = Sources.Select(s => Task.Run(() => WatchAsync(s, cancellationToken), CancellationToken.None)).ToList();
        var worker = Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None);
        return Task.WhenAll([.. watches, worker]);
    }

    private async Task WatchAsync(WatchSource source, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // No resourceVersion: every current object arrives as ADDED first, so a (re)started
                // watch also resyncs everything it might have missed.
                using var watch = Api.Watch(source.Group, source.Resource, null);
                await foreach (var change in watch.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (change.Type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)) continue;
                    foreach (var key in Keys(source, change)) _queue.Add(key);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Controller}: watch on {Resource} ended; restarting", Name, source.Resource);
                try { await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private IEnumerable<string> Keys(WatchSource source, WatchEvent change)
    {
        try
        {
            return source.Keys(change).ToList();
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "{Controller}: could not map a {Resource} event to keys", Name, source.Resource);
            return [];
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string key;
            try { key = await _queue.TakeAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                var after = Reconcile(key);
                _queue.Forget(key);
                if (after is { } delay) _queue.AddAfter(key, delay);
            }
            catch (RetryLaterException)
            {
                // A failure the sync already reported on the object (an event, a condition): retry quietly, backing
                // off up to kube's DefaultControllerRateLimiter bound, so a stuck object does not flood its events.
                _queue.AddRateLimited(key, RetryLaterException.MaxBackOff);
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
                // Someone else wrote first (or the object went away): look again with fresh state.
                _queue.AddRateLimited(key);
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "{Controller}: syncing {Key} failed; retrying", Name, key);
                _queue.AddRateLimited(key);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    protected static string Key(string ns, string name) => ns + "/" + name;

    protected static string Key(k8s.Models.V1ObjectMeta metadata) => Key(metadata.NamespaceProperty ?? "", metadata.Name ?? "");

    protected static (string Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }

    public void Dispose() => _queue.Dispose();
}

/// <summary>A sync that failed after recording why on its object; the loop retries it with back-off and logs nothing.</summary>
internal sealed class RetryLaterException(Exception inner) : Exception(inner.Message, inner)
{
    /// <summary>client-go's <c>DefaultControllerRateLimiter</c>: exponential back-off up to 1000 s.</summary>
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(1000);
}
