using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Tests.Core;

/// <summary>
/// The watch window is bounded by the bytes of the objects it keeps, not only by event count: large
/// objects updated often cannot pin gigabytes, and a watch that asks for an evicted version gets
/// 410 Expired "too old resource version", as kube-apiserver's watch cache answers
/// (apiserver <c>pkg/storage/cacher/watch_cache.go</c>, <c>getAllEventsSinceLocked</c>).
/// </summary>
public sealed class WatchWindowTests
{
    private const int Megabyte = 1024 * 1024;
    private static ObjectKey Key => new("", "configmaps", "ns", "big");

    private static JsonObject ConfigMap(int revision, int bytes) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "big" },
        ["data"] = new JsonObject { ["revision"] = revision.ToString(), ["payload"] = new string('x', bytes) },
    };

    [Fact]
    public void ManyUpdatesOfALargeObjectStayWithinTheByteBudget()
    {
        using var dir = new TempDirectory();
        using var store = ObjectStore.Open(Path.Combine(dir.Path, "sandbox.db"));
        var first = store.Create(Key, ConfigMap(0, Megabyte));
        var firstVersion = long.Parse(first["metadata"]!["resourceVersion"]!.GetValue<string>());

        for (var revision = 1; revision <= 50; revision++)
            store.Update(Key, ConfigMap(revision, Megabyte), store.ResourceVersion);

        var (events, bytes) = store.Watches.WindowSize;
        Assert.InRange(bytes, 1, WatchHub.DefaultMaxBytes);
        Assert.InRange(events, 1, 20); // 1 MiB objects, each MODIFIED keeping the previous state too: about 16 fit
        var tooOld = Assert.Throws<ResourceVersionTooOldException>(() => store.Subscribe("", "configmaps", firstVersion, _ => true, out _, out _));
        Assert.Equal($"too old resource version: {firstVersion} ({store.Watches.OldestResumableVersion})", tooOld.Message);
        using var recent = store.Subscribe("", "configmaps", store.ResourceVersion - 1, _ => true, out _, out _);
        Assert.True(recent.Events.TryRead(out var last));
        Assert.Equal("50", last!.Object["data"]!["revision"]!.GetValue<string>());
    }

    [Fact]
    public void SmallObjectsKeepTheCountBound()
    {
        var hub = new WatchHub(0, capacity: 5, maxBytes: long.MaxValue);
        for (var version = 1; version <= 8; version++)
            hub.Publish(new WatchEvent(WatchEventType.Added, new ObjectKey("", "configmaps", "ns", $"c{version}"), version, new JsonObject(), Size: 100));

        Assert.Equal((5, 500L), hub.WindowSize);
        Assert.Equal(3, hub.OldestResumableVersion);
    }

    [Fact]
    public void AnObjectLargerThanTheBudgetIsStillTheNewestEvent()
    {
        var hub = new WatchHub(0, maxBytes: 1000);
        hub.Publish(new WatchEvent(WatchEventType.Added, new ObjectKey("", "configmaps", "ns", "a"), 1, new JsonObject(), Size: 400));
        hub.Publish(new WatchEvent(WatchEventType.Added, new ObjectKey("", "configmaps", "ns", "b"), 2, new JsonObject(), Size: 5000));

        Assert.Equal((1, 5000L), hub.WindowSize);
        Assert.Equal(1, hub.OldestResumableVersion);
    }

    [Fact]
    public async Task AWatchFromAnEvictedVersionGetsA410ExpiredEvent()
    {
        await using var sandbox = new Http.RunningSandbox();
        await sandbox.InitializeAsync();
        const string path = "/api/v1/namespaces/myproject/configmaps";
        var (_, created) = await sandbox.Send(HttpMethod.Post, path, ConfigMap(0, Megabyte).ToJsonString());
        var firstVersion = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        for (var revision = 1; revision <= 40; revision++)
            Assert.Equal(200, (await sandbox.Send(HttpMethod.Put, path + "/big", ConfigMap(revision, Megabyte).ToJsonString())).Status);

        var (status, error) = await sandbox.Get($"{path}?watch=1&resourceVersion={firstVersion}&timeoutSeconds=5");

        Assert.Equal(200, status);
        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal((410, "Expired"), (error["object"]!["code"]!.GetValue<int>(), error["object"]!["reason"]!.GetValue<string>()));
        Assert.StartsWith($"too old resource version: {firstVersion} (", error["object"]!["message"]!.GetValue<string>());
    }
}
