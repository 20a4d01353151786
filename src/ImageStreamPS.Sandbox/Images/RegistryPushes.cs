using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Distribution;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// What OpenShift's registry does after a push to <c>&lt;namespace&gt;/&lt;stream&gt;:&lt;tag&gt;</c>: an
/// imagestreammapping creates the Image and prepends a status event to the tag (no spec tag), creating
/// the stream when the namespace exists and the stream does not.
/// </summary>
internal sealed class RegistryPushes(ApiService api, RegistryStorage storage, Func<string> internalRegistryHost)
{
    public Task OnPushedAsync(ManifestPushed pushed, CancellationToken cancellationToken)
    {
        var parts = pushed.Repository.Split('/');
        if (parts.Length != 2 || !ManifestMediaTypes.IsImage(pushed.MediaType)) return Task.CompletedTask;
        var (ns, streamName) = (parts[0], parts[1]);
        if (api.TryGet("", "namespaces", null, ns) is null) return Task.CompletedTask;

        var manifest = JsonNode.Parse(pushed.Content) as JsonObject;
        var configDigest = manifest?["config"]?["digest"] is JsonValue digestValue && digestValue.TryGetValue<string>(out var digest) ? digest : null;
        if (manifest is null || configDigest is null || storage.BlobPath(configDigest) is not { } configPath || !File.Exists(configPath))
            return Task.CompletedTask;
        var reference = $"{internalRegistryHost()}/{ns}/{streamName}@{pushed.Digest}";
        var image = ImageDocument.FromManifest(new RegistryManifest(pushed.Content, pushed.MediaType, pushed.Digest), manifest,
            File.ReadAllBytes(configPath), reference);
        image.Metadata.Annotations!["openshift.io/image.managed"] = "true";
        ImageDocument.StripManifest(image);
        var (group, images, streams) = (ImageTypes.Images.Group, ImageTypes.Images.Resource, ImageTypes.ImageStreams.Resource);
        try { api.Create(group, images, null, image); }
        catch (StatusException e) when (e.Code == 409) { }

        if (pushed.Tag is not { } tag) return Task.CompletedTask;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stream = api.TryGet<ImageStream>(group, streams, ns, streamName);
            var exists = stream is not null;
            stream ??= ImageStreamTagView.NewStream(ns, streamName);
            var generation = exists ? stream.Metadata.Generation ?? 0 : 1;
            var tagEvent = TagEventSources.Event(Wire.Time(api.Now), reference, pushed.Digest, generation);
            if (!stream.AddTagEvent(tag, tagEvent)) return Task.CompletedTask;
            stream.UpdateTrackingTags(tag);
            try
            {
                if (exists) api.Update(group, streams, ns, streamName, stream, WriteOptions.ServerInternal);
                else api.Create(group, streams, ns, stream, WriteOptions.ServerInternal);
                return Task.CompletedTask;
            }
            catch (StatusException e) when (e.Code == 409) { }
        }
        return Task.CompletedTask;
    }
}
