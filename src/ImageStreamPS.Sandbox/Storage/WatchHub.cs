using System.Threading.Channels;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>
/// Fans committed changes out to watchers and keeps a bounded window of recent events so a watch can
/// resume from a resourceVersion. Usage: the <see cref="ObjectStore"/> publishes every commit (in
/// resourceVersion order); callers subscribe through <see cref="ObjectStore.Subscribe"/> so the
/// snapshot and the subscription are taken atomically. The window is bounded by event count and by
/// the bytes of the objects it holds (kube-apiserver's watch cache is bounded too), so a few large
/// objects updated often cannot pin gigabytes. A resume point older than the window raises
/// <see cref="ResourceVersionTooOldException"/> (the API turns it into 410 Expired, "too old resource version").
/// </summary>
public sealed class WatchHub
{
    /// <summary>Default byte budget of the window: the summed JSON length of the objects it keeps.</summary>
    public const long DefaultMaxBytes = 32 * 1024 * 1024;

    private readonly object _gate = new();
    private readonly LinkedList<WatchEvent> _window = new();
    private readonly List<WatchSubscription> _subscribers = new();
    private readonly int _capacity;
    private readonly long _maxBytes;
    private long _bytes;
    // Every event with a resourceVersion greater than this is still in the window.
    private long _windowStart;

    public WatchHub(long currentResourceVersion, int capacity = 10_000, long maxBytes = DefaultMaxBytes)
    {
        _windowStart = currentResourceVersion;
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    /// <summary>The oldest resourceVersion a watch may still resume from.</summary>
    public long OldestResumableVersion { get { lock (_gate) return _windowStart; } }

    /// <summary>The events and the object bytes the window holds now.</summary>
    public (int Events, long Bytes) WindowSize { get { lock (_gate) return (_window.Count, _bytes); } }

    internal void Publish(WatchEvent change)
    {
        lock (_gate)
        {
            _window.AddLast(change);
            _bytes += change.Size;
            // The newest event always stays, however large: a watcher that just read it can resume.
            while (_window.Count > _capacity || (_bytes > _maxBytes && _window.Count > 1))
            {
                _windowStart = _window.First!.Value.ResourceVersion;
                _bytes -= _window.First.Value.Size;
                _window.RemoveFirst();
            }
            foreach (var subscriber in _subscribers) subscriber.Offer(change);
        }
    }

    /// <summary>
    /// Subscribes to changes after <paramref name="fromVersion"/>, replaying buffered ones. <paramref name="keys"/>
    /// (cheap: the key only) is applied as events are published; <paramref name="filter"/> as the watcher reads them.
    /// </summary>
    internal WatchSubscription Subscribe(long fromVersion, Func<WatchEvent, bool> filter, Func<ObjectKey, bool>? keys = null)
    {
        lock (_gate)
        {
            if (fromVersion < _windowStart)
                throw new ResourceVersionTooOldException(fromVersion, _windowStart);
            var subscription = new WatchSubscription(this, filter, keys);
            foreach (var change in _window)
                if (change.ResourceVersion > fromVersion) subscription.Offer(change);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate) _subscribers.Remove(subscription);
        subscription.Complete();
    }

    /// <summary>Ends every subscription (server shutdown).</summary>
    public void CompleteAll()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers) subscriber.Complete();
            _subscribers.Clear();
        }
    }
}

/// <summary>
/// A live watch: read <see cref="Events"/> until it completes; dispose to stop. Events are filtered and
/// parsed (<see cref="WatchEvent.Materialize"/>) as they are read, on the watcher's thread: publishing a
/// commit costs every watcher a queue write, never a parse under the store's lock.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly WatchHub _hub;
    private readonly Func<ObjectKey, bool>? _keys;
    private readonly Channel<WatchEvent> _channel =
        Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    internal WatchSubscription(WatchHub hub, Func<WatchEvent, bool> filter, Func<ObjectKey, bool>? keys = null)
    {
        _hub = hub;
        _keys = keys;
        Events = new FilteringReader(_channel.Reader, filter);
    }

    public ChannelReader<WatchEvent> Events { get; }

    internal void Offer(WatchEvent change)
    {
        if (_keys is null || _keys(change.Key)) _channel.Writer.TryWrite(change);
    }

    private sealed class FilteringReader(ChannelReader<WatchEvent> inner, Func<WatchEvent, bool> filter) : ChannelReader<WatchEvent>
    {
        public override Task Completion => inner.Completion;

        public override bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out WatchEvent item)
        {
            while (inner.TryRead(out var change))
            {
                item = change.Materialize();
                if (filter(item)) return true;
            }
            item = null;
            return false;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            inner.WaitToReadAsync(cancellationToken);
    }

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose() => _hub.Unsubscribe(this);
}

/// <summary>The requested resourceVersion has left the watch window.</summary>
public sealed class ResourceVersionTooOldException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})")
{
    public long Requested { get; } = requested;
    public long Oldest { get; } = oldest;
}
