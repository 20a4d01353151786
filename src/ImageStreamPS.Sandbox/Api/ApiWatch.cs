using System.Runtime.CompilerServices;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// An open watch from <see cref="ApiService.Watch"/>: first the synthetic ADDED events (when started
/// without a resourceVersion), then every matching change, already filtered and decorated.
/// Read with <c>await foreach (var e in watch.ReadAllAsync(ct))</c>; dispose to stop.
/// </summary>
public sealed class ApiWatch : IDisposable
{
    // Made as the watch is read and let go once read: a watch over thousands of objects never holds them all.
    private IEnumerable<WatchEvent>? _initial;
    private readonly WatchSubscription _subscription;
    private readonly Func<WatchEvent, WatchEvent> _decorate;

    internal ApiWatch(IEnumerable<WatchEvent> initial, WatchSubscription subscription, Func<WatchEvent, WatchEvent> decorate, long startVersion)
    {
        _initial = initial;
        _subscription = subscription;
        _decorate = decorate;
        StartVersion = startVersion;
    }

    /// <summary>The resourceVersion the watch started from.</summary>
    public long StartVersion { get; }

    public async IAsyncEnumerable<WatchEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var initial = Interlocked.Exchange(ref _initial, null);
        if (initial is not null)
        {
            foreach (var change in initial) yield return change;
            initial = null; // the iterator lives as long as the watch: let the snapshot go
        }
        while (await _subscription.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            while (_subscription.Events.TryRead(out var change))
                yield return _decorate(change);
    }

    public void Dispose() => _subscription.Dispose();
}
