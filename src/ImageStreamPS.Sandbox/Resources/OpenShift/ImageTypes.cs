namespace ImageStreamPS.Sandbox.Resources.OpenShift;

/// <summary>The kinds of image.openshift.io/v1 as discovery describes them: stored (image streams, images) and virtual (tags, imports, signatures).</summary>
public static class ImageTypes
{
    public static ResourceType ImageStreams { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagestreams", Kind = "ImageStream", Namespaced = true,
        ShortNames = ["is"], Categories = ["all"],
        Subresources =
        [
            SubresourceType.Status("ImageStream"),
            // Computed on GET (ImageStreamSecrets, ImageStreamLayersView).
            new("secrets", "SecretList", ["get"]),
            new("layers", "ImageStreamLayers", ["get"]),
        ],
    };

    public static ResourceType Images { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "images", Kind = "Image", Namespaced = false,
    };

    public static ResourceType ImageSignatures { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagesignatures", Kind = "ImageSignature", Namespaced = false,
        Verbs = ["create", "delete"],
    };

    public static ResourceType ImageStreamTags { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagestreamtags", Kind = "ImageStreamTag", Namespaced = true,
        ShortNames = ["istag"], Verbs = ["create", "delete", "get", "list", "patch", "update"],
    };

    public static ResourceType ImageTags { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagetags", Kind = "ImageTag", Namespaced = true,
        ShortNames = ["itag"], Verbs = ["create", "delete", "get", "list", "patch", "update"],
    };

    public static ResourceType ImageStreamImages { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagestreamimages", Kind = "ImageStreamImage", Namespaced = true,
        ShortNames = ["isimage"], Verbs = ["get"],
    };

    public static ResourceType ImageStreamImports { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagestreamimports", Kind = "ImageStreamImport", Namespaced = true,
        Verbs = ["create"],
    };

    public static ResourceType ImageStreamMappings { get; } = new()
    {
        Group = "image.openshift.io", Version = "v1", Resource = "imagestreammappings", Kind = "ImageStreamMapping", Namespaced = true,
        Verbs = ["create"],
    };
}
