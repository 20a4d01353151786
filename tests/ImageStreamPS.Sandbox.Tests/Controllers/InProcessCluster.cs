using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Hosting;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>The in-process API on a temporary SQLite store with the controller manager running.</summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "isps-controllers-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly SandboxCore _core;
    private readonly Task _running;

    public InProcessCluster(TimeSpan? podStartDelay = null)
    {
        Settings = new SandboxSettings { DataPath = _directory, PodStartDelay = podStartDelay ?? TimeSpan.Zero };
        _core = SandboxCore.Open(_directory, Settings, catalog => new ControllersModule().Register(catalog, Settings));
        Api = _core.Api;
        Manager = new ControllerManager(Api, Settings);
        _running = Manager.RunAsync(_stop.Token);
    }

    public SandboxSettings Settings { get; }
    public ApiService Api { get; }
    public ControllerManager Manager { get; }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; fails with its description otherwise.</summary>
    public async Task<T> Eventually<T>(Func<T?> probe, string description, int timeoutSeconds = 30) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds))
        {
            if (probe() is { } value) return value;
            await Task.Delay(5);
        }
        throw new Xunit.Sdk.XunitException($"Timed out waiting for: {description}");
    }

    /// <summary>Waits until the controllers have had nothing to do for a while (a settled cluster).</summary>
    public async Task Settle()
    {
        var quiet = Stopwatch.StartNew();
        var bound = Stopwatch.StartNew();
        while (quiet.ElapsedMilliseconds < 500 && bound.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (!Manager.IsIdle) quiet.Restart();
            await Task.Delay(10);
        }
    }

    /// <summary>Writes an image stream with its status tags (as the imagestreams/status endpoint takes them).</summary>
    public JsonObject PutStream(JsonObject stream)
    {
        var ns = stream.Namespace();
        var existing = Api.TryGet("image.openshift.io", "imagestreams", ns, stream.Name());
        var spec = stream.Copy();
        spec.Remove("status");
        JsonObject stored;
        if (existing is null) stored = Api.Create("image.openshift.io", "imagestreams", ns, spec);
        else
        {
            spec.Metadata()["resourceVersion"] = existing["metadata"]!["resourceVersion"]!.DeepClone();
            stored = Api.Update("image.openshift.io", "imagestreams", ns, stream.Name(), spec);
        }
        stored["status"] = stream["status"]!.DeepClone();
        return Api.UpdateStatus("image.openshift.io", "imagestreams", ns, stream.Name(), stored);
    }

    public List<JsonObject> ReplicaSets(string ns = TutorialObjects.Namespace) => Api.List("apps", "replicasets", ns).Items.ToList();
    public List<JsonObject> Pods(string ns = TutorialObjects.Namespace) => Api.List("", "pods", ns).Items.ToList();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _running;
        Manager.Dispose();
        _core.Dispose();
        _stop.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
