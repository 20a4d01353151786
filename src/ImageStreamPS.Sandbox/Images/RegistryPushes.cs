using System.Text.Json.Nodes;
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
    private const string Group = "image.openshift.io";

    public Task OnPushedAsync(ManifestPushed pushed, CancellationToken cancellationToken)
    {
        var parts = pushed.Repository.Split('/');
        if (parts.Length != 2 || !ManifestMediaTypes.IsImage(pushed.MediaType)) return Task.CompletedTask;
        var (ns, streamName) = (parts[0], parts[1]);
        if (api.TryGet("", "namespaces", null, ns) is null) return Task.CompletedTask;

        var manifest = JsonNode.Parse(pushed.Content) as JsonObject;
        var configDigest = manifest?["config"]?["digest"]?.GetValue<string>();
        if (manifest is null || configDigest is null || storage.BlobPath(configDigest) is not { } configPath || !File.Exists(configPath))
            return Task.CompletedTask;
        var reference = $"{internalRegistryHost()}/{ns}/{streamName}@{pushed.Digest}";
        var image = ImageDocument.FromManifest(new RegistryManifest(pushed.Content, pushed.MediaType, pushed.Digest), manifest,
            File.ReadAllBytes(configPath), reference);
        ((JsonObject)image["metadata"]!["annotations"]!)["openshift.io/image.managed"] = "true";
        ImageDocument.StripManifest(image);
        try { api.Create(Group, "images", null, image); }
        catch (StatusException e) when (e.Code == 409) { }

        if (pushed.Tag is not { } tag) return Task.CompletedTask;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stream = api.TryGet(Group, "imagestreams", ns, streamName);
            var exists = stream is not null;
            stream ??= new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = streamName, ["namespace"] = ns },
                ["spec"] = new JsonObject { ["lookupPolicy"] = new JsonObject { ["local"] = false } },
                ["status"] = new JsonObject(),
            };
            var generation = exists ? ObjectMeta.Generation(stream) : 1;
            var tagEvent = TagEventSources.Event(ObjectMeta.FormatTime(api.Now), reference, pushed.Digest, generation);
            if (!TagHistory.AddTagEvent(stream, tag, tagEvent)) return Task.CompletedTask;
            TagHistory.UpdateTrackingTags(stream, ns, streamName, tag);
            try
            {
                using (ImageStreamWrites.Internal())
                {
                    if (exists) api.Update(Group, "imagestreams", ns, streamName, stream);
                    else api.Create(Group, "imagestreams", ns, stream);
                }
                return Task.CompletedTask;
            }
            catch (StatusException e) when (e.Code == 409) { }
        }
        return Task.CompletedTask;
    }
}
