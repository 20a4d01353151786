using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>
/// Durable store of API objects (JsonObjects in wire shape) keyed by <see cref="ObjectKey"/>, with one
/// global, increasing resourceVersion. Every write is committed to SQLite (WAL, synchronous=FULL) and
/// returns only after that commit, so an acknowledged write survives kill -9.
/// Writes arriving together share one transaction and one fsync (group commit, see
/// <see cref="GroupCommit"/>); each still gets its own resourceVersion, in the order the writes were
/// accepted, and its watch event is published in that order once the commit is durable. Reads are
/// served from the committed state kept in memory as JSON bytes (<see cref="StoredObject"/>) and never
/// wait for a commit.
/// Usage: <c>var store = ObjectStore.Open(path);</c> then Create/Update/Delete with the resourceVersion
/// you read (compare-and-swap); the store sets <c>metadata.resourceVersion</c> itself. Objects handed
/// out are copies; objects handed in are copied. Higher layers (ApiService) own all other semantics.
/// </summary>
public sealed partial class ObjectStore : IDisposable
{
    // Guards the committed state, the queue of accepted writes and the keys they hold.
    private readonly object _gate = new();
    private readonly SqliteConnection _db;
    private readonly string _path;
    private readonly Dictionary<(string Group, string Resource), SortedDictionary<(string Namespace, string Name), StoredObject>> _objects = new();
    private long _resourceVersion;
    private bool _disposed;

    private static readonly IComparer<(string Namespace, string Name)> KeyOrder =
        Comparer<(string Namespace, string Name)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });

    private ObjectStore(SqliteConnection db, string path)
    {
        _db = db;
        _path = path;
        Load();
        Watches = new WatchHub(_resourceVersion);
    }

    /// <summary>
    /// Opens (creating if needed) the database file at <paramref name="path"/>. A folder that cannot be
    /// written or has no space left raises <see cref="StorageFailureException"/>.
    /// </summary>
    public static ObjectStore Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            Execute(db, "PRAGMA journal_mode=WAL;");
            Execute(db, "PRAGMA synchronous=FULL;");
            Execute(db, """
                CREATE TABLE IF NOT EXISTS objects (
                    api_group TEXT NOT NULL, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                    resource_version INTEGER NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (api_group, resource, namespace, name));
                CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT OR IGNORE INTO counters (name, value) VALUES ('resourceVersion', 0);
                """);
            return new ObjectStore(db, path);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            if (StorageFailureException.From(e, path) is { } failure) throw failure;
            throw;
        }
    }

    /// <summary>The watch hub fed by this store's commits.</summary>
    public WatchHub Watches { get; }

    /// <summary>The resourceVersion of the latest commit.</summary>
    public long ResourceVersion { get { lock (_gate) return _resourceVersion; } }

    public JsonObject? Get(ObjectKey key) => GetStored(key)?.Parse();

    /// <summary>The committed state of an object (shared, immutable), or null.</summary>
    public StoredObject? GetStored(ObjectKey key)
    {
        lock (_gate)
            return Bucket(key.Group, key.Resource).TryGetValue((key.Namespace, key.Name), out var stored) ? stored : null;
    }

    /// <summary>All objects of a resource (in one namespace, or all when null), ordered by namespace and name.</summary>
    public IReadOnlyList<JsonObject> List(string group, string resource, string? ns, out long resourceVersion) =>
        ListStored(group, resource, ns, out resourceVersion).Select(o => o.Parse()).ToList();

    /// <summary>
    /// The committed objects of a resource at one resourceVersion, ordered by namespace and name, without
    /// copying them: parse only those you need (<see cref="StoredObject.Parse"/>).
    /// </summary>
    public IReadOnlyList<StoredObject> ListStored(string group, string resource, string? ns, out long resourceVersion)
    {
        lock (_gate)
        {
            resourceVersion = _resourceVersion;
            return Snapshot(group, resource, ns).ToList();
        }
    }

    /// <summary>
    /// Subscribes to changes of a resource. With <paramref name="fromVersion"/> null the current objects
    /// are returned as <paramref name="snapshot"/> (shared, parse what you need) and changes after them follow; otherwise changes after
    /// that resourceVersion (throws <see cref="ResourceVersionTooOldException"/> when out of the window).
    /// </summary>
    public WatchSubscription Subscribe(string group, string resource, long? fromVersion, Func<WatchEvent, bool> filter,
        out IReadOnlyList<StoredObject> snapshot, out long snapshotVersion)
    {
        lock (_gate)
        {
            snapshotVersion = fromVersion ?? _resourceVersion;
            snapshot = fromVersion is null ? Snapshot(group, resource, null).ToList() : [];
            return Watches.Subscribe(snapshotVersion, filter, key => key.Group == group && key.Resource == resource);
        }
    }

    /// <summary>Stores a new object. Throws <see cref="ObjectExistsException"/> when the key is taken.</summary>
    public JsonObject Create(ObjectKey key, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        return Submit(key, current => current is not null
            ? throw new ObjectExistsException(key)
            : new PendingWrite(key, WatchEventType.Added, copy, null));
    }

    /// <summary>
    /// Replaces an object if its current resourceVersion is <paramref name="expectedVersion"/>.
    /// Throws <see cref="ObjectNotFoundException"/> or <see cref="ResourceVersionConflictException"/>.
    /// </summary>
    public JsonObject Update(ObjectKey key, JsonObject obj, long expectedVersion)
    {
        var copy = (JsonObject)obj.DeepClone();
        return Submit(key, current =>
        {
            if (current is null) throw new ObjectNotFoundException(key);
            if (current.ResourceVersion != expectedVersion) throw new ResourceVersionConflictException(key, current.ResourceVersion);
            return new PendingWrite(key, WatchEventType.Modified, copy, current);
        });
    }

    /// <summary>Removes an object (optionally only at <paramref name="expectedVersion"/>) and returns its last state.</summary>
    public JsonObject Delete(ObjectKey key, long? expectedVersion = null) =>
        Submit(key, current =>
        {
            if (current is null) throw new ObjectNotFoundException(key);
            if (expectedVersion is { } expected && current.ResourceVersion != expected)
                throw new ResourceVersionConflictException(key, current.ResourceVersion);
            return new PendingWrite(key, WatchEventType.Deleted, current.Parse(), current);
        });

    private IEnumerable<StoredObject> Snapshot(string group, string resource, string? ns)
    {
        var bucket = Bucket(group, resource);
        return (ns is null ? bucket : bucket.Where(e => e.Key.Namespace == ns)).Select(e => e.Value);
    }

    private SortedDictionary<(string Namespace, string Name), StoredObject> Bucket(string group, string resource)
    {
        if (!_objects.TryGetValue((group, resource), out var bucket))
            _objects[(group, resource)] = bucket = new SortedDictionary<(string, string), StoredObject>(KeyOrder);
        return bucket;
    }

    private void Load()
    {
        using (var counter = _db.CreateCommand())
        {
            counter.CommandText = "SELECT value FROM counters WHERE name='resourceVersion'";
            _resourceVersion = (long)counter.ExecuteScalar()!;
        }
        using var select = _db.CreateCommand();
        select.CommandText = "SELECT api_group, resource, namespace, name, resource_version, body FROM objects";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            // The body's UTF-8 bytes as SQLite holds them: nothing is parsed at start.
            var key = new ObjectKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            Bucket(key.Group, key.Resource)[(key.Namespace, key.Name)] = new StoredObject(key, reader.GetInt64(4), reader.GetFieldValue<byte[]>(5));
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. Begun and ended with plain SQL rather than
    /// SqliteTransaction: when a full disk makes SQLite roll back by itself, SqliteTransaction's own
    /// rollback throws "no transaction is active" and leaves the connection refusing every later
    /// transaction. Here a failed write is rolled back if SQLite has not done so, reported as a
    /// <see cref="StorageFailureException"/>, and the next write starts clean.
    /// </summary>
    private void InTransaction(Action work)
    {
        try
        {
            Execute(_db, "BEGIN IMMEDIATE;");
            work();
            Execute(_db, "COMMIT;");
        }
        catch (SqliteException e)
        {
            if (raw.sqlite3_get_autocommit(_db.Handle) == 0)
            {
                try { Execute(_db, "ROLLBACK;"); }
                catch (SqliteException) { } // SQLite may have rolled back in between; either way nothing was applied.
            }
            if (StorageFailureException.From(e, _path) is { } failure) throw failure;
            throw;
        }
    }

    /// <summary>Runs a PRAGMA on the store's connection (tests: max_page_count and query_only stand in for a full or read-only disk).</summary>
    internal void Pragma(string pragma)
    {
        lock (_commitGate) Execute(_db, $"PRAGMA {pragma};");
    }

    private static JsonObject Metadata(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Watches.CompleteAll();
        lock (_commitGate)
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            DisposeCommands();
            _db.Dispose();
        }
    }
}

public sealed class ObjectExistsException(ObjectKey key) : Exception($"{key} already exists")
{
    public ObjectKey Key { get; } = key;
}

public sealed class ObjectNotFoundException(ObjectKey key) : Exception($"{key} not found")
{
    public ObjectKey Key { get; } = key;
}

public sealed class ResourceVersionConflictException(ObjectKey key, long current)
    : Exception($"{key} is at resourceVersion {current}")
{
    public ObjectKey Key { get; } = key;
    public long Current { get; } = current;
}
