using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>
/// Durable store of API objects (JsonObjects in wire shape) keyed by <see cref="ObjectKey"/>, with one
/// global, increasing resourceVersion. Every write runs in a SQLite transaction (WAL,
/// synchronous=FULL) and returns only after the commit, so an acknowledged write survives kill -9.
/// Reads are served from an in-memory copy loaded at start. Each commit is published to
/// <see cref="Watches"/> in resourceVersion order.
/// Usage: <c>var store = ObjectStore.Open(path);</c> then Create/Update/Delete with the resourceVersion
/// you read (compare-and-swap); the store sets <c>metadata.resourceVersion</c> itself. Objects handed
/// out are copies; objects handed in are copied. Higher layers (ApiService) own all other semantics.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _db;
    private readonly string _path;
    private readonly Dictionary<(string Group, string Resource), SortedDictionary<(string Namespace, string Name), Entry>> _objects = new();
    private long _resourceVersion;

    private sealed record Entry(long ResourceVersion, JsonObject Object, long Size);

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

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
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

    public JsonObject? Get(ObjectKey key)
    {
        lock (_gate)
            return Bucket(key.Group, key.Resource).TryGetValue((key.Namespace, key.Name), out var entry)
                ? (JsonObject)entry.Object.DeepClone() : null;
    }

    /// <summary>All objects of a resource (in one namespace, or all when null), ordered by namespace and name.</summary>
    public IReadOnlyList<JsonObject> List(string group, string resource, string? ns, out long resourceVersion)
    {
        lock (_gate)
        {
            resourceVersion = _resourceVersion;
            return Snapshot(group, resource, ns).Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    /// <summary>
    /// Subscribes to changes of a resource. With <paramref name="fromVersion"/> null the current objects
    /// are returned as <paramref name="snapshot"/> and changes after them follow; otherwise changes after
    /// that resourceVersion (throws <see cref="ResourceVersionTooOldException"/> when out of the window).
    /// </summary>
    public WatchSubscription Subscribe(string group, string resource, long? fromVersion, Func<WatchEvent, bool> filter,
        out IReadOnlyList<JsonObject> snapshot, out long snapshotVersion)
    {
        lock (_gate)
        {
            snapshotVersion = fromVersion ?? _resourceVersion;
            snapshot = fromVersion is null ? Snapshot(group, resource, null).ToList() : Array.Empty<JsonObject>();
            return Watches.Subscribe(snapshotVersion, e => e.Key.Group == group && e.Key.Resource == resource && filter(e));
        }
    }

    /// <summary>Stores a new object. Throws <see cref="ObjectExistsException"/> when the key is taken.</summary>
    public JsonObject Create(ObjectKey key, JsonObject obj)
    {
        lock (_gate)
        {
            if (Bucket(key.Group, key.Resource).ContainsKey((key.Namespace, key.Name))) throw new ObjectExistsException(key);
            return Write(key, obj, WatchEventType.Added);
        }
    }

    /// <summary>
    /// Replaces an object if its current resourceVersion is <paramref name="expectedVersion"/>.
    /// Throws <see cref="ObjectNotFoundException"/> or <see cref="ResourceVersionConflictException"/>.
    /// </summary>
    public JsonObject Update(ObjectKey key, JsonObject obj, long expectedVersion)
    {
        lock (_gate)
        {
            if (!Bucket(key.Group, key.Resource).TryGetValue((key.Namespace, key.Name), out var current)) throw new ObjectNotFoundException(key);
            if (current.ResourceVersion != expectedVersion) throw new ResourceVersionConflictException(key, current.ResourceVersion);
            return Write(key, obj, WatchEventType.Modified, current);
        }
    }

    /// <summary>Removes an object (optionally only at <paramref name="expectedVersion"/>) and returns its last state.</summary>
    public JsonObject Delete(ObjectKey key, long? expectedVersion = null)
    {
        lock (_gate)
        {
            var bucket = Bucket(key.Group, key.Resource);
            if (!bucket.TryGetValue((key.Namespace, key.Name), out var current)) throw new ObjectNotFoundException(key);
            if (expectedVersion is { } expected && current.ResourceVersion != expected)
                throw new ResourceVersionConflictException(key, current.ResourceVersion);

            var version = _resourceVersion + 1;
            InTransaction(() =>
            {
                using (var delete = Command("DELETE FROM objects WHERE api_group=$g AND resource=$r AND namespace=$n AND name=$m", key))
                    delete.ExecuteNonQuery();
                SetCounter(version);
            });
            _resourceVersion = version;
            bucket.Remove((key.Namespace, key.Name));
            var last = (JsonObject)current.Object.DeepClone();
            Metadata(last)["resourceVersion"] = version.ToString();
            Watches.Publish(new WatchEvent(WatchEventType.Deleted, key, version, last, Size: current.Size));
            return (JsonObject)last.DeepClone();
        }
    }

    private JsonObject Write(ObjectKey key, JsonObject obj, string eventType, Entry? previous = null)
    {
        var version = _resourceVersion + 1;
        var stored = (JsonObject)obj.DeepClone();
        Metadata(stored)["resourceVersion"] = version.ToString();
        var body = stored.ToJsonString();
        InTransaction(() =>
        {
            using var upsert = Command("""
                INSERT INTO objects (api_group, resource, namespace, name, resource_version, body) VALUES ($g, $r, $n, $m, $v, $b)
                ON CONFLICT (api_group, resource, namespace, name) DO UPDATE SET resource_version=$v, body=$b
                """, key);
            upsert.Parameters.AddWithValue("$v", version);
            upsert.Parameters.AddWithValue("$b", body);
            upsert.ExecuteNonQuery();
            SetCounter(version);
        });
        _resourceVersion = version;
        Bucket(key.Group, key.Resource)[(key.Namespace, key.Name)] = new Entry(version, stored, body.Length);
        // A MODIFIED event keeps the previous state alive too: the window counts both.
        Watches.Publish(new WatchEvent(eventType, key, version, stored, previous?.Object, body.Length + (previous?.Size ?? 0)));
        return (JsonObject)stored.DeepClone();
    }

    private IEnumerable<JsonObject> Snapshot(string group, string resource, string? ns)
    {
        var bucket = Bucket(group, resource);
        return (ns is null ? bucket : bucket.Where(e => e.Key.Namespace == ns)).Select(e => e.Value.Object);
    }

    private SortedDictionary<(string Namespace, string Name), Entry> Bucket(string group, string resource)
    {
        if (!_objects.TryGetValue((group, resource), out var bucket))
            _objects[(group, resource)] = bucket = new SortedDictionary<(string, string), Entry>(KeyOrder);
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
            var body = reader.GetString(5);
            var obj = JsonNode.Parse(body)!.AsObject();
            Bucket(reader.GetString(0), reader.GetString(1))[(reader.GetString(2), reader.GetString(3))] = new Entry(reader.GetInt64(4), obj, body.Length);
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
        lock (_gate) Execute(_db, $"PRAGMA {pragma};");
    }

    private SqliteCommand Command(string sql, ObjectKey key)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$g", key.Group);
        command.Parameters.AddWithValue("$r", key.Resource);
        command.Parameters.AddWithValue("$n", key.Namespace);
        command.Parameters.AddWithValue("$m", key.Name);
        return command;
    }

    private void SetCounter(long version)
    {
        using var command = _db.CreateCommand();
        command.CommandText = "UPDATE counters SET value=$v WHERE name='resourceVersion'";
        command.Parameters.AddWithValue("$v", version);
        command.ExecuteNonQuery();
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
        lock (_gate) _db.Dispose();
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
