using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using ImageStreamPS.Sandbox.Storage;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// openshift-controller-manager's image import controllers: watches image streams and, when a
/// DockerImage tag (not a reference) has a spec generation newer than what was observed, or the
/// stream was never checked, POSTs an ImageStreamImport for those tags; on an interval it also
/// re-imports tags with <c>importPolicy.scheduled: true</c>.
/// </summary>
internal sealed class ImageImportController(ApiService api, TimeSpan scheduledInterval) : IAsyncDisposable
{
    private const string Group = "image.openshift.io";
    private readonly CancellationTokenSource stopping = new();
    private Task? watching;
    private Task? scheduling;

    public void Start()
    {
        watching = Task.Run(() => WatchAsync(stopping.Token));
        scheduling = Task.Run(() => ScheduleAsync(stopping.Token));
    }

    /// <summary>The tags of <paramref name="stream"/> the import controller would import now.</summary>
    public static List<JsonObject> PendingTags(JsonObject stream)
    {
        var neverChecked = stream["metadata"]?["annotations"]?[StreamImport.RepositoryCheckAnnotation] is null;
        var pending = new List<JsonObject>();
        foreach (var tag in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!Importable(tag)) continue;
            var name = Str(tag["name"]) ?? "";
            var specGeneration = LongOrNull(tag["generation"]) ?? 0;
            var observed = Long(TagHistory.Latest(stream, name)?["generation"]);
            if (TagHistory.StatusTag(stream, name)?["conditions"] is JsonArray { Count: > 0 } conditions &&
                conditions.OfType<JsonObject>().FirstOrDefault(c => Str(c["type"]) == "ImportSuccess") is { } condition)
                observed = Math.Max(observed, Long(condition["generation"]));
            if (neverChecked || specGeneration > observed) pending.Add(tag);
        }
        return pending;
    }

    private static bool Importable(JsonObject tag) =>
        Str(tag["from"]?["kind"]) == "DockerImage" && !Bool(tag["reference"]) && Str(tag["from"]?["name"]) is { Length: > 0 };

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var watch = api.Watch(Group, "imagestreams", null);
                await foreach (var change in watch.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (change.Type is not (WatchEventType.Added or WatchEventType.Modified)) continue;
                    var tags = PendingTags(change.Object);
                    if (tags.Count > 0) Import(change.Object, tags);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StatusException or InvalidOperationException or StorageFailureException)
            {
                // The watch window expired, the store is closing or the disk is full: start over after a
                // pause (the new watch lists every stream again, so no pending import is forgotten).
                try { await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(scheduledInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var stream in api.List(Group, "imagestreams", null).Items)
                {
                    var scheduled = (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>()
                        .Where(t => Importable(t) && Bool(t["importPolicy"]?["scheduled"]))
                        .ToList();
                    if (scheduled.Count == 0) continue;
                    try { Import(stream, scheduled); }
                    catch (StorageFailureException) { } // the next tick tries again
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>POSTs the ImageStreamImport the controller sends: import:true, the stream's uid and resourceVersion, one image per tag.</summary>
    private void Import(JsonObject stream, List<JsonObject> tags)
    {
        var request = new JsonObject
        {
            ["kind"] = "ImageStreamImport",
            ["apiVersion"] = "image.openshift.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = ObjectMeta.Name(stream),
                ["namespace"] = ObjectMeta.Namespace(stream),
                ["uid"] = ObjectMeta.Uid(stream),
                ["resourceVersion"] = ObjectMeta.ResourceVersion(stream),
            },
            ["spec"] = new JsonObject
            {
                ["import"] = true,
                ["images"] = new JsonArray(tags.Select(t => (JsonNode)new JsonObject
                {
                    ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = Str(t["from"]?["name"]) },
                    ["to"] = new JsonObject { ["name"] = Str(t["name"]) },
                    ["importPolicy"] = t["importPolicy"]?.DeepClone(),
                    ["referencePolicy"] = t["referencePolicy"]?.DeepClone(),
                }).ToArray()),
            },
        };
        try
        {
            api.Create(Group, "imagestreamimports", ObjectMeta.Namespace(stream), request);
        }
        catch (StatusException)
        {
            // The stream moved on (409) or went away (404): the next watch event brings the current state.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { watching, scheduling })
        {
            if (task is null) continue;
            try { await task.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        stopping.Dispose();
    }
}
