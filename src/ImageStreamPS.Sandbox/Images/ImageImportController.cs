using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using ImageStreamPS.Sandbox.Storage;
using k8s.Models;

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

    /// <summary>
    /// The tags of <paramref name="stream"/> the import controller would import now: importable tags whose spec
    /// generation is newer than what the server observed (the engine's <see cref="ImageStream.LatestObservedTagGeneration"/>),
    /// or all of them when the stream was never checked.
    /// </summary>
    public static List<TagReference> PendingTags(ImageStream stream)
    {
        var neverChecked = stream.Metadata.Annotations?.ContainsKey(StreamImport.RepositoryCheckAnnotation) != true;
        return (stream.Spec.Tags ?? [])
            .Where(tag => Importable(tag) && (neverChecked || (tag.Generation ?? 0) > stream.LatestObservedTagGeneration(tag.Name)))
            .ToList();
    }

    private static bool Importable(TagReference tag) =>
        tag.From is { Kind: TagSourceKind.DockerImage, Name.Length: > 0 } && !tag.Reference;

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
                    var stream = Wire.Decode<ImageStream>(change.Object);
                    var tags = PendingTags(stream);
                    if (tags.Count > 0) await ImportAsync(stream, tags, cancellationToken).ConfigureAwait(false);
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
                foreach (var stream in api.List<ImageStream>(Group, "imagestreams", null))
                {
                    var scheduled = (stream.Spec.Tags ?? []).Where(t => Importable(t) && t.ImportPolicy?.Scheduled == true).ToList();
                    if (scheduled.Count == 0) continue;
                    try { await ImportAsync(stream, scheduled, cancellationToken).ConfigureAwait(false); }
                    catch (StorageFailureException) { } // the next tick tries again
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>POSTs the ImageStreamImport the controller sends: import:true, the stream's uid and resourceVersion, one image per tag.</summary>
    private async Task ImportAsync(ImageStream stream, List<TagReference> tags, CancellationToken cancellationToken)
    {
        var request = new ImageStreamImport
        {
            Metadata = new V1ObjectMeta
            {
                Name = stream.Metadata.Name,
                NamespaceProperty = stream.Metadata.NamespaceProperty,
                Uid = stream.Metadata.Uid,
                ResourceVersion = stream.Metadata.ResourceVersion,
            },
            Spec = new ImageStreamImportSpec
            {
                Import = true,
                Images = tags.Select(t => new ImageImportSpec
                {
                    From = new ObjectReference(TagSourceKind.DockerImage, t.From!.Name!),
                    To = new LocalObjectReference { Name = t.Name },
                    ImportPolicy = t.ImportPolicy ?? new TagImportPolicy(),
                    ReferencePolicy = t.ReferencePolicy ?? new TagReferencePolicy(),
                }).ToList(),
            },
        };
        try
        {
            await api.CreateAsync(Group, "imagestreamimports", stream.Metadata.NamespaceProperty, Wire.Encode(request), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
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
