#:project ../src/ImageStreamPS.Sandbox/ImageStreamPS.Sandbox.csproj
// The sandbox's store alone, without HTTP: durable writes per second from 1 writer and from 8
// (threads), and how many writes shared each commit (fsync). Run by bench/Measure-Sandbox.ps1:
// dotnet run bench/StoreWrites.cs -- <seconds> <rounds>. Prints one JSON line per round.
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Storage;

var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
// Internal (tests and this benchmark); absent from stores without group commit, where each write is one commit.
var commits = typeof(ObjectStore).GetProperty("Commits", BindingFlags.NonPublic | BindingFlags.Instance);

for (var round = 0; round < rounds; round++)
{
    var one = Run(1);
    var eight = Run(8);
    Console.WriteLine(new JsonObject
    {
        ["One"] = one.PerSecond, ["Eight"] = eight.PerSecond, ["OnePerCommit"] = one.PerCommit, ["EightPerCommit"] = eight.PerCommit,
    }.ToJsonString());
}

(double PerSecond, double PerCommit) Run(int writers)
{
    var folder = Path.Combine(Path.GetTempPath(), "imagestreamps-store-" + Guid.NewGuid().ToString("n")[..8]);
    Directory.CreateDirectory(folder);
    try
    {
        using var store = ObjectStore.Open(Path.Combine(folder, "sandbox.db"));
        var before = (long?)commits?.GetValue(store) ?? 0;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            for (var i = 0; clock.Elapsed.TotalSeconds < seconds && i < 1_000_000; i++)
            {
                var name = $"w{w}-{i}";
                store.Create(new ObjectKey("", "configmaps", "bench", name), new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "bench" },
                    ["data"] = new JsonObject { ["key"] = "value" },
                });
                Interlocked.Increment(ref done);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = clock.Elapsed.TotalSeconds;
        var committed = commits is null ? done : (long)commits.GetValue(store)! - before;
        return (done / elapsed, done / (double)Math.Max(1, committed));
    }
    finally
    {
        Directory.Delete(folder, true);
    }
}
