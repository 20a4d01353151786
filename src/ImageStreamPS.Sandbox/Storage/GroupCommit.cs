using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>
/// Group commit: writers that arrive while a commit is running queue up, and the next one to get the
/// connection commits all of them in one transaction with one fsync, then wakes the others.
/// <list type="bullet">
/// <item>A write is checked (exists, compare-and-swap) against the committed state when it is
/// accepted; a second write to a key with a write still queued waits for that one to be durable
/// first, so a check never depends on a write that might still fail.</item>
/// <item>ResourceVersions are given when the batch is committed, in the order the writes were
/// accepted, from the last committed one: a failed commit gives none away.</item>
/// <item>Nothing is visible (reads, watch events) until the commit is durable; events are
/// published in resourceVersion order under the state lock.</item>
/// <item>A batch that fails (disk full, read-only folder) is retried one write at a time, so each
/// write gets its own answer and a small write can still fit where a large one did not.</item>
/// </list>
/// </summary>
public sealed partial class ObjectStore
{
    // Held by the one thread that talks to SQLite (the committer); never held while waiting for _gate's monitor.
    private readonly object _commitGate = new();
    private readonly HashSet<ObjectKey> _pendingKeys = [];
    private List<PendingWrite> _queue = [];
    private SqliteCommand? _upsert, _delete, _counter;
    private long _commits;

    /// <summary>Transactions committed so far (each one fsync), for tests and the benchmark.</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes accepted and waiting for a commit.</summary>
    internal int QueuedWrites { get { lock (_gate) return _queue.Count; } }

    /// <summary>Holds every commit back until disposed, on the calling thread (tests: to queue writes deterministically).</summary>
    internal IDisposable PauseCommits()
    {
        Monitor.Enter(_commitGate);
        return new Resume(_commitGate);
    }

    private sealed class Resume(object gate) : IDisposable
    {
        public void Dispose() => Monitor.Exit(gate);
    }

    private sealed class PendingWrite(ObjectKey key, string type, JsonObject state, StoredObject? previous)
    {
        public ObjectKey Key { get; } = key;
        public string Type { get; } = type;
        /// <summary>The state to store (for DELETED the last state): the store's own copy, handed back when done.</summary>
        public JsonObject State { get; } = state;
        public StoredObject? Previous { get; } = previous;
        public StoredObject? Result { get; set; }
        public Exception? Error { get; set; }
        public bool Done { get; set; }
    }

    /// <summary>Accepts a write (checked by <paramref name="accept"/> against the committed state) and returns once it is durable.</summary>
    private JsonObject Submit(ObjectKey key, Func<StoredObject?, PendingWrite> accept)
    {
        PendingWrite write;
        lock (_gate)
        {
            while (_pendingKeys.Contains(key)) Monitor.Wait(_gate);
            ObjectDisposedException.ThrowIf(_disposed, this);
            Bucket(key.Group, key.Resource).TryGetValue((key.Namespace, key.Name), out var current);
            write = accept(current);
            _queue.Add(write);
            _pendingKeys.Add(key);
        }

        lock (_commitGate)
        {
            // A committer that ran while this thread waited for the connection may have taken it along.
            if (!write.Done)
            {
                List<PendingWrite> batch;
                lock (_gate) (batch, _queue) = (_queue, []);
                Commit(batch);
            }
        }
        if (write.Error is { } error) ExceptionDispatchInfo.Throw(error);
        return write.State;
    }

    private void Commit(List<PendingWrite> batch)
    {
        long last;
        lock (_gate) last = _resourceVersion;
        var stored = new StoredObject[batch.Count];
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                Metadata(write.State)["resourceVersion"] = (last + i + 1).ToString();
                stored[i] = new StoredObject(write.Key, last + i + 1, StoredObject.Serialize(write.State));
            }
            ObjectDisposedException.ThrowIf(_disposed, this);
            InTransaction(() =>
            {
                for (var i = 0; i < batch.Count; i++) Persist(batch[i], stored[i]);
                SetCounter(last + batch.Count);
            });
            Interlocked.Increment(ref _commits);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var write in batch) Commit([write]);
            return;
        }
        catch (Exception e)
        {
            Finish(batch, null, e);
            return;
        }
        Finish(batch, stored, null);
    }

    /// <summary>Makes a committed batch visible (state, resourceVersion, watch events in order) or hands out its failure.</summary>
    private void Finish(List<PendingWrite> batch, StoredObject[]? stored, Exception? error)
    {
        lock (_gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (stored is not null)
                {
                    var state = stored[i];
                    var bucket = Bucket(write.Key.Group, write.Key.Resource);
                    if (write.Type == WatchEventType.Deleted) bucket.Remove((write.Key.Namespace, write.Key.Name));
                    else bucket[(write.Key.Namespace, write.Key.Name)] = state;
                    _resourceVersion = state.ResourceVersion;
                    // A MODIFIED event keeps the previous state alive too: the window counts both.
                    var size = state.Size + (write.Type == WatchEventType.Modified ? write.Previous!.Size : 0);
                    Watches.Publish(new WatchEvent(write.Type, state, write.Type == WatchEventType.Modified ? write.Previous : null, size));
                    write.Result = state;
                }
                else write.Error = error;
                write.Done = true;
                _pendingKeys.Remove(write.Key);
            }
            Monitor.PulseAll(_gate);
        }
    }

    private void Persist(PendingWrite write, StoredObject state)
    {
        var key = write.Key;
        SqliteCommand command;
        if (write.Type == WatchEventType.Deleted)
        {
            command = _delete ??= Prepare("DELETE FROM objects WHERE api_group=$g AND resource=$r AND namespace=$n AND name=$m", "$g", "$r", "$n", "$m");
        }
        else
        {
            command = _upsert ??= Prepare("""
                INSERT INTO objects (api_group, resource, namespace, name, resource_version, body) VALUES ($g, $r, $n, $m, $v, $b)
                ON CONFLICT (api_group, resource, namespace, name) DO UPDATE SET resource_version=$v, body=$b
                """, "$g", "$r", "$n", "$m", "$v", "$b");
            command.Parameters["$v"].Value = state.ResourceVersion;
            // Stored as TEXT, as before: the file stays readable with any SQLite tool.
            command.Parameters["$b"].Value = Encoding.UTF8.GetString(state.Json);
        }
        command.Parameters["$g"].Value = key.Group;
        command.Parameters["$r"].Value = key.Resource;
        command.Parameters["$n"].Value = key.Namespace;
        command.Parameters["$m"].Value = key.Name;
        command.ExecuteNonQuery();
    }

    private void SetCounter(long version)
    {
        _counter ??= Prepare("UPDATE counters SET value=$v WHERE name='resourceVersion'", "$v");
        _counter.Parameters["$v"].Value = version;
        _counter.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private void DisposeCommands()
    {
        _upsert?.Dispose();
        _delete?.Dispose();
        _counter?.Dispose();
    }
}
