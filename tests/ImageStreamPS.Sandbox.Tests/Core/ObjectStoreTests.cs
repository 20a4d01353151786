using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Tests.Core;

public class ObjectStoreTests
{
    private static JsonObject Obj(string name) => new() { ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = new JsonObject { ["k"] = name } };
    private static ObjectKey Key(string name) => new("", "configmaps", "ns", name);

    [Fact]
    public void ReopenedStoreServesTheSameObjectsWithTheSameResourceVersions()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.db");
        string rvA, rvB;
        long total;
        using (var store = ObjectStore.Open(path))
        {
            rvA = store.Create(Key("a"), Obj("a"))["metadata"]!["resourceVersion"]!.GetValue<string>();
            var b = store.Create(Key("b"), Obj("b"));
            rvB = store.Update(Key("b"), Obj("b2"), long.Parse(b["metadata"]!["resourceVersion"]!.GetValue<string>()))["metadata"]!["resourceVersion"]!.GetValue<string>();
            store.Create(Key("c"), Obj("c"));
            store.Delete(Key("c"));
            total = store.ResourceVersion;
        }
        using var reopened = ObjectStore.Open(path);
        Assert.Equal(rvA, reopened.Get(Key("a"))!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(rvB, reopened.Get(Key("b"))!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("b2", reopened.Get(Key("b"))!["data"]!["k"]!.GetValue<string>());
        Assert.Null(reopened.Get(Key("c")));
        Assert.Equal(total, reopened.ResourceVersion);
        Assert.Equal(total + 1, long.Parse(reopened.Create(Key("d"), Obj("d"))["metadata"]!["resourceVersion"]!.GetValue<string>()));
    }

    [Fact]
    public void UpdateWithAStaleResourceVersionIsAConflict()
    {
        using var dir = new TempDirectory();
        using var store = ObjectStore.Open(Path.Combine(dir.Path, "s.db"));
        var created = store.Create(Key("a"), Obj("a"));
        var rv = long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>());
        store.Update(Key("a"), Obj("a"), rv);
        var conflict = Assert.Throws<ResourceVersionConflictException>(() => store.Update(Key("a"), Obj("a"), rv));
        Assert.Equal(rv + 1, conflict.Current);
        Assert.Throws<ObjectExistsException>(() => store.Create(Key("a"), Obj("a")));
    }

    [Fact]
    public async Task SubscriptionReplaysChangesAfterTheResumePoint()
    {
        using var dir = new TempDirectory();
        using var store = ObjectStore.Open(Path.Combine(dir.Path, "s.db"));
        store.Create(Key("a"), Obj("a"));
        var resumeFrom = store.ResourceVersion;
        store.Create(Key("b"), Obj("b"));
        store.Delete(Key("a"));
        using var subscription = store.Subscribe("", "configmaps", resumeFrom, _ => true, out _, out _);
        var first = await subscription.Events.ReadAsync(TestContext.Current.CancellationToken);
        var second = await subscription.Events.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal((WatchEventType.Added, "b"), (first.Type, first.Key.Name));
        Assert.Equal((WatchEventType.Deleted, "a"), (second.Type, second.Key.Name));
    }

    [Fact]
    public void ResumingBeforeTheWindowIsTooOld()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.db");
        using (var store = ObjectStore.Open(path)) store.Create(Key("a"), Obj("a"));
        using var reopened = ObjectStore.Open(path);
        // After a restart the window starts at the stored resourceVersion.
        Assert.Throws<ResourceVersionTooOldException>(() => reopened.Subscribe("", "configmaps", 0, _ => true, out _, out _));
    }
}
