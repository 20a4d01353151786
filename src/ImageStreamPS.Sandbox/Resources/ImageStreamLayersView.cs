using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>GET imagestreams/{name}/layers</c>: the stream's images and their blobs (openshift-apiserver
/// <c>LayersREST.Get</c>, the engine's <see cref="ImageStreamLayersRule.For"/>); 404 as for the stream when it is missing.
/// The sandbox reads Images directly, so its "cache" is always synced.
/// </summary>
internal sealed class ImageStreamLayersView : IComputedSubresource
{
    public string Name => "layers";

    public JsonObject Get(RequestContext context, string ns, string name, ListOptions options)
    {
        var stream = context.Api.Get<ImageStream>(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name);
        var layers = ImageStreamLayersRule.For(stream,
            image => context.Api.TryGet<Image>(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, image));
        return Wire.Encode(layers);
    }
}
