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
    private readonly IReadOnlyList<WatchEvent> _initial;
    private readonly WatchSubscription _subscription;
    private readonly Func<WatchEvent, WatchEvent> _decorate;

    internal ApiWatch(IReadOnlyList<WatchEvent> initial, WatchSubscription subscription, Func<WatchEvent, WatchEvent> decorate, long startVersion)
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
        foreach (var change in _initial) yield return change;
        while (await _subscription.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            while (_subscription.Events.TryRead(out var change))
                yield return _decorate(change);
    }

    public void Dispose() => _subscription.Dispose();
}
