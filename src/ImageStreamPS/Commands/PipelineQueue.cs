namespace ImageStreamPS.Commands;

/// <summary>
/// The work a cmdlet's async part hands to the pipeline thread, in order. The pipeline thread waits on a monitor
/// without spinning first (BlockingCollection's semaphore spins, which is CPU thrown away while a request is on
/// the network: a wait here is a round trip, never microseconds).
/// </summary>
internal sealed class PipelineQueue
{
    private readonly Queue<Action> actions = new();
    private bool completed;

    /// <summary>Queues <paramref name="action"/>; false once the queue is complete (nobody will run it).</summary>
    public bool TryAdd(Action action)
    {
        lock (actions)
        {
            if (completed) return false;
            actions.Enqueue(action);
            if (actions.Count == 1) Monitor.Pulse(actions);
            return true;
        }
    }

    /// <summary>No more actions will come; the waiting side ends once it has taken what is queued.</summary>
    public void CompleteAdding()
    {
        lock (actions)
        {
            completed = true;
            Monitor.PulseAll(actions);
        }
    }

    /// <summary>An action queued now, if any.</summary>
    public bool TryTake(out Action action)
    {
        lock (actions)
        {
            return actions.TryDequeue(out action!);
        }
    }

    /// <summary>
    /// Waits for the next action: false when the queue is complete and empty. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first.
    /// </summary>
    public bool Take(out Action action, CancellationToken cancellationToken)
    {
        lock (actions)
        {
            if (actions.TryDequeue(out action!)) return true;
            if (completed) return false;
        }

        using var wake = cancellationToken.Register(static state =>
        {
            lock (state!) Monitor.PulseAll(state);
        }, actions);
        lock (actions)
        {
            while (true)
            {
                if (actions.TryDequeue(out action!)) return true;
                if (completed) return false;
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(actions);
            }
        }
    }
}
