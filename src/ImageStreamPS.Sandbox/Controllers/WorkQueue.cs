namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// client-go's workqueue in small: a key waits at most once however often it is added, a key
/// being processed is not handed out twice (an add meanwhile re-queues it when it is done),
/// and delayed adds feed it later (requeue-after and back-off).
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly LinkedList<string> _queue = new();
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyWhileProcessing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();

    public void Add(string key)
    {
        lock (_gate)
        {
            if (_processing.Contains(key))
            {
                _dirtyWhileProcessing.Add(key);
                return;
            }
            if (!_waiting.Add(key)) return;
            _queue.AddLast(key);
        }
        _signal.Release();
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        _ = Task.Delay(delay, _stopping.Token).ContinueWith(t => { if (!t.IsCanceled) Add(key); }, TaskScheduler.Default);
    }

    /// <summary>Re-adds a failed key with exponential back-off (10 ms doubling, at most <paramref name="max"/>, 5 s by default).</summary>
    public void AddRateLimited(string key, TimeSpan? max = null)
    {
        int failures;
        lock (_gate) failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        var limit = (max ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        AddAfter(key, TimeSpan.FromMilliseconds(Math.Min(limit, 10 * Math.Pow(2, Math.Min(failures - 1, 20)))));
    }

    public void Forget(string key)
    {
        lock (_gate) _failures.Remove(key);
    }

    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_queue.First is not { } first) continue;
                _queue.RemoveFirst();
                _waiting.Remove(first.Value);
                _processing.Add(first.Value);
                return first.Value;
            }
        }
    }

    public void Done(string key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirtyWhileProcessing.Remove(key);
        }
        if (again) Add(key);
    }

    /// <summary>Whether nothing waits or runs (tests use it to know the controllers settled).</summary>
    public bool IsIdle
    {
        get { lock (_gate) return _queue.Count == 0 && _processing.Count == 0; }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _signal.Dispose();
    }
}
