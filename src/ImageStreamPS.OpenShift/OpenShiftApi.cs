namespace ImageStreamPS.OpenShift;

/// <summary>API groups and versions of the OpenShift resources the engine speaks.</summary>
public static class OpenShiftApi
{
    public const string ImageGroup = "image.openshift.io";
    public const string ImageVersion = "v1";
    public const string ImageApiVersion = ImageGroup + "/" + ImageVersion;
    public const string RouteGroup = "route.openshift.io";
    public const string RouteVersion = "v1";
    public const string RouteApiVersion = RouteGroup + "/" + RouteVersion;
    public const string ProjectGroup = "project.openshift.io";
    public const string ProjectApiVersion = ProjectGroup + "/v1";
}
