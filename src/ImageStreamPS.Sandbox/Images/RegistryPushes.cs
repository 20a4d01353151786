using System.Text.Json.Nodes;
using k8s.Models;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Distribution;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// What OpenShift's registry does after a push to <c>&lt;namespace&gt;/&lt;stream&gt;:&lt;tag&gt;</c>: it creates
/// the stream when the namespace exists and the stream does not, then posts an imagestreammapping, which
/// creates the Image and prepends a status event to the tag (no spec tag). A push by digest only stores the Image.
/// </summary>
internal sealed class RegistryPushes(ApiService api, RegistryStorage storage, Func<string> internalRegistryHost)
{
    public async Task OnPushedAsync(ManifestPushed pushed, CancellationToken cancellationToken)
    {
        var parts = pushed.Repository.Split('/');
        if (parts.Length != 2 || !ManifestMediaTypes.IsImage(pushed.MediaType)) return;
        var (ns, streamName) = (parts[0], parts[1]);
        if (api.TryGet("", "namespaces", null, ns) is null) return;

        var manifest = JsonNode.Parse(pushed.Content) as JsonObject;
        var configDigest = manifest?["config"]?["digest"] is JsonValue digestValue && digestValue.TryGetValue<string>(out var digest) ? digest : null;
        if (manifest is null || configDigest is null || storage.BlobPath(configDigest) is not { } configPath || !File.Exists(configPath))
            return;
        var reference = $"{internalRegistryHost()}/{ns}/{streamName}@{pushed.Digest}";
        var image = ImageDocument.FromManifest(new RegistryManifest(pushed.Content, pushed.MediaType, pushed.Digest), manifest,
            File.ReadAllBytes(configPath), reference);
        image.Metadata.Annotations!["openshift.io/image.managed"] = "true";
        ImageDocument.StripManifest(image);
        var (group, images, streams) = (ImageTypes.Images.Group, ImageTypes.Images.Resource, ImageTypes.ImageStreams.Resource);
        if (pushed.Tag is not { } tag)
        {
            try { api.Create(group, images, null, image); }
            catch (StatusException e) when (e.Code == 409) { }
            return;
        }

        // The registry makes the stream when it is missing, then posts the mapping, which creates the Image
        // and prepends the tag's status event (ImageStreamMappingResource, the one place of that rule).
        if (api.TryGet<ImageStream>(group, streams, ns, streamName) is null)
        {
            try { api.Create(group, streams, ns, ImageStreamTagView.NewStream(ns, streamName)); }
            catch (StatusException e) when (e.Code == 409) { }
        }
        try
        {
            await api.CreateAsync(group, ImageTypes.ImageStreamMappings.Resource, ns, Wire.Encode(new ImageStreamMapping
            {
                Metadata = new V1ObjectMeta { Name = streamName, NamespaceProperty = ns },
                Image = image,
                Tag = tag,
            }), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StatusException)
        {
            // The stream went away meanwhile or the tag kept moving: the pushed manifest stays in the registry.
        }
        return;
    }
}
