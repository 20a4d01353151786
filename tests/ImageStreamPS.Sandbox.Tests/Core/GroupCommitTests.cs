using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Tests.Core;

/// <summary>
/// Group commit (#18): writers arriving together share one transaction and one fsync, and each still
/// gets its own resourceVersion, strictly increasing in the order the writes were accepted, its watch
/// event in that order, and its answer only once the commit is durable. etcd gives every revision
/// once and in order too (kube-apiserver's resourceVersion is etcd's mod_revision).
/// </summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static JsonObject ConfigMap(string name, string value = "v", int bytes = 0) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { ["k"] = value + new string('x', bytes) },
    };
    private static ObjectKey Key(string name) => new("", "configmaps", "ns", name);
    private static long Version(JsonObject obj) => long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>());

    [Fact]
    public async Task WritesQueuedTogetherShareOneCommitAndGetConsecutiveVersionsInOrder()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.db");
        using var store = ObjectStore.Open(path);
        var start = store.ResourceVersion;
        using var watch = store.Subscribe("", "configmaps", start, _ => true, out _, out _);
        var commits = store.Commits;
        var writers = new List<Task<JsonObject>>();

        using (store.PauseCommits())
        {
            for (var i = 0; i < 8; i++)
            {
                var name = $"c{i}";
                writers.Add(Task.Run(() => store.Create(Key(name), ConfigMap(name)), Token));
                SpinWait.SpinUntil(() => store.QueuedWrites == i + 1, TimeSpan.FromSeconds(30));
            }
            Assert.Equal(8, store.QueuedWrites);
            Assert.All(writers, w => Assert.False(w.IsCompleted)); // no answer before the commit
            Assert.Null(store.Get(Key("c0")));                     // nothing visible before the commit
            Assert.Equal(start, store.ResourceVersion);
        }
        await Task.WhenAll(writers);

        Assert.Equal(commits + 1, store.Commits);
        // Accepted c0..c7 in that order: versions follow it, one each, no gap.
        Assert.Equal(Enumerable.Range(1, 8).Select(i => start + i), (await Task.WhenAll(writers)).Select(Version));
        var events = new List<WatchEvent>();
        while (watch.Events.TryRead(out var change)) events.Add(change);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => ($"c{i}", start + i + 1)), events.Select(e => (e.Key.Name, e.ResourceVersion)));
        Assert.All(events, e => Assert.Equal(e.ResourceVersion, Version(e.Object)));
    }

    [Fact]
    public void ConcurrentWritersNeverShareOrReuseAVersionAndEveryAcknowledgedWriteIsOnDisk()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.db");
        var acknowledged = new ConcurrentDictionary<string, long>();
        var versions = new ConcurrentBag<long>();
        long last;
        using (var store = ObjectStore.Open(path))
        {
            using var watch = store.Subscribe("", "configmaps", store.ResourceVersion, _ => true, out _, out _);
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token }, writer =>
            {
                for (var i = 0; i < 40; i++)
                {
                    var name = $"w{writer}-{i}";
                    var created = store.Create(Key(name), ConfigMap(name));
                    var updated = store.Update(Key(name), ConfigMap(name, "updated"), Version(created));
                    versions.Add(Version(created));
                    versions.Add(Version(updated));
                    Assert.True(Version(updated) > Version(created));
                    acknowledged[name] = Version(updated);
                }
            });
            last = store.ResourceVersion;
            var seen = new List<long>();
            while (watch.Events.TryRead(out var change)) seen.Add(change.ResourceVersion);
            Assert.Equal(seen.Order(), seen);                      // events in resourceVersion order
            Assert.Equal(versions.Order(), seen);                  // one event for each acknowledged write
            Assert.True(store.Commits < 640, $"{store.Commits} commits for 640 writes from 8 writers");
        }

        Assert.Equal(640, versions.Distinct().Count());
        using var reopened = ObjectStore.Open(path);
        Assert.Equal(last, reopened.ResourceVersion);
        Assert.All(acknowledged, pair =>
        {
            var stored = reopened.Get(Key(pair.Key))!;
            Assert.Equal(pair.Value, Version(stored));
            Assert.StartsWith("updated", stored["data"]!["k"]!.GetValue<string>());
        });
        Assert.Equal(last + 1, Version(reopened.Create(Key("next"), ConfigMap("next"))));
    }

    [Fact]
    public void CompareAndSwapOnOneKeyFromManyWritersLosesNoIncrement()
    {
        using var dir = new TempDirectory();
        using var store = ObjectStore.Open(Path.Combine(dir.Path, "s.db"));
        store.Create(Key("counter"), ConfigMap("counter", "0"));
        var conflicts = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token }, _ =>
        {
            for (var i = 0; i < 25; i++)
            {
                while (true)
                {
                    var current = store.Get(Key("counter"))!;
                    var next = int.Parse(current["data"]!["k"]!.GetValue<string>()) + 1;
                    try
                    {
                        store.Update(Key("counter"), ConfigMap("counter", next.ToString()), Version(current));
                        break;
                    }
                    catch (ResourceVersionConflictException) { Interlocked.Increment(ref conflicts); }
                }
            }
        });

        Assert.Equal("200", store.Get(Key("counter"))!["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task InAFailedBatchEachWriteGetsItsOwnAnswerAndNoVersionIsSkipped()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.db");
        using var store = ObjectStore.Open(path);
        store.Create(Key("before"), ConfigMap("before"));
        var start = store.ResourceVersion;
        // Room for small rows, not for a 1 MB one: SQLITE_FULL for that write only.
        var pages = long.Parse(PageCount(path));
        store.Pragma($"max_page_count = {pages + 8}");
        Task<JsonObject> big, small;

        using (store.PauseCommits())
        {
            big = Task.Run(() => store.Create(Key("big"), ConfigMap("big", bytes: 1024 * 1024)), Token);
            SpinWait.SpinUntil(() => store.QueuedWrites == 1, TimeSpan.FromSeconds(30));
            small = Task.Run(() => store.Create(Key("small"), ConfigMap("small")), Token);
            SpinWait.SpinUntil(() => store.QueuedWrites == 2, TimeSpan.FromSeconds(30));
        }

        var full = await Assert.ThrowsAsync<StorageFailureException>(() => big);
        Assert.Equal(StorageFailure.DiskFull, full.Failure);
        Assert.Equal(start + 1, Version(await small));
        Assert.Null(store.Get(Key("big")));
        Assert.Equal(start + 1, store.ResourceVersion);
    }

    [Fact]
    public async Task ASecondWriteToAKeyWaitsForTheFirstToBeDurable()
    {
        using var dir = new TempDirectory();
        using var store = ObjectStore.Open(Path.Combine(dir.Path, "s.db"));
        var created = store.Create(Key("a"), ConfigMap("a"));
        Task<JsonObject> first, second;

        using (store.PauseCommits())
        {
            first = Task.Run(() => store.Update(Key("a"), ConfigMap("a", "first"), Version(created)), Token);
            SpinWait.SpinUntil(() => store.QueuedWrites == 1, TimeSpan.FromSeconds(30));
            // Checked against the committed state only after the first is durable: a conflict, not a lost write.
            second = Task.Run(() => store.Update(Key("a"), ConfigMap("a", "second"), Version(created)), Token);
            Assert.False(SpinWait.SpinUntil(() => store.QueuedWrites == 2, TimeSpan.FromMilliseconds(200)));
        }

        Assert.Equal(Version(created) + 1, Version(await first));
        var conflict = await Assert.ThrowsAsync<ResourceVersionConflictException>(() => second);
        Assert.Equal(Version(created) + 1, conflict.Current);
        Assert.Equal("first", store.Get(Key("a"))!["data"]!["k"]!.GetValue<string>());
    }

    private static string PageCount(string path)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "PRAGMA page_count;";
        return Convert.ToString(command.ExecuteScalar())!;
    }
}
