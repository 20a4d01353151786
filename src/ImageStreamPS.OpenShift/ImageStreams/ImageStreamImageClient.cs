using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using k8s;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// Reads one image of a stream, as <c>oc describe isimage</c> does: <c>GET imagestreamimages/STREAM@ID</c>,
/// which answers with the Image and its metadata. Failures surface as <see cref="OpenShiftApiException"/>.
/// </summary>
public sealed class ImageStreamImageClient(IKubernetes kubernetes)
{
    /// <summary>A client over the session's connection.</summary>
    public ImageStreamImageClient(OpenShiftConnection connection) : this(connection.Client)
    {
    }

    /// <summary>The image <paramref name="imageId"/> (<c>sha256:…</c>) of <c>namespace/stream</c>, named after <paramref name="imageStreamTag"/>.</summary>
    public async Task<ImageView> GetAsync(string @namespace, string stream, string imageId, string? imageStreamTag, CancellationToken cancellationToken)
    {
        try
        {
            var image = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStreamImage>(
                ImageStream.KubeGroup, ImageStream.KubeApiVersion, @namespace, ImageStreamImage.KubePluralName, stream + "@" + imageId,
                cancellationToken).ConfigureAwait(false);
            return ImageView.Of(image.Image, imageStreamTag);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && OpenShiftApiException.From(exception) is { } translated)
        {
            throw translated;
        }
    }
}
