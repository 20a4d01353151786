namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// The router's loopback ports, one per admitted host: opened when a host is first admitted (on the
/// port it had before, when that is still free, so URLs survive a restart), closed when no admitted
/// Route has the host any more.
/// </summary>
internal sealed class RouterListeners(RouterFrontend frontend) : IAsyncDisposable
{
    private readonly Dictionary<string, HostListener> _listeners = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The port serving <paramref name="host"/>, opening one (on <paramref name="preferredPort"/> if free) when it has none.</summary>
    public async Task<int> EnsureAsync(string host, int? preferredPort, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_listeners.TryGetValue(host, out var open)) return open.Port;
            HostListener? listener = null;
            if (preferredPort is > 0 and <= 65535 && _listeners.Values.All(l => l.Port != preferredPort))
            {
                try { listener = await HostListener.StartAsync(host, preferredPort.Value, frontend, cancellationToken).ConfigureAwait(false); }
                catch (IOException) { }
            }
            listener ??= await HostListener.StartAsync(host, 0, frontend, cancellationToken).ConfigureAwait(false);
            _listeners[host] = listener;
            return listener.Port;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the ports of hosts not in <paramref name="hosts"/>.</summary>
    public async Task RetainAsync(IReadOnlySet<string> hosts)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var host in _listeners.Keys.Where(h => !hosts.Contains(h)).ToList())
            {
                var listener = _listeners[host];
                _listeners.Remove(host);
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RetainAsync(new HashSet<string>()).ConfigureAwait(false);
        _gate.Dispose();
    }
}
