namespace ImageStreamPS.Sandbox.Registry.OpenShift;

/// <summary>The stored kinds of image.openshift.io/v1 as discovery describes them.</summary>
public static class ImageTypes
{
    public static ResourceType ImageStreams { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagestreams", Kind = "ImageStream", Namespaced = true,
        ShortNames = ["is"], Categories = ["all"],
        Subresources = [SubresourceType.Status("ImageStream")],
    };

    public static ResourceType Images { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "images", Kind = "Image", Namespaced = false,
    };
}
