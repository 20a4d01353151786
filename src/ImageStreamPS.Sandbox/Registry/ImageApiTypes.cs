namespace ImageStreamPS.Sandbox.Registry;

/// <summary>The virtual resources of image.openshift.io/v1 as discovery describes them.</summary>
public static class ImageApiTypes
{
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
}
