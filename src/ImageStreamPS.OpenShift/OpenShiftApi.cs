namespace ImageStreamPS.OpenShift;

/// <summary>API groups and versions of the OpenShift resources the engine speaks.</summary>
public static class OpenShiftApi
{
    /// <summary>The image API group.</summary>
    public const string ImageGroup = "image.openshift.io";
    /// <summary>The image API version.</summary>
    public const string ImageVersion = "v1";
    /// <summary><c>image.openshift.io/v1</c>.</summary>
    public const string ImageApiVersion = ImageGroup + "/" + ImageVersion;
    /// <summary>The route API group.</summary>
    public const string RouteGroup = "route.openshift.io";
    /// <summary>The route API version.</summary>
    public const string RouteVersion = "v1";
    /// <summary><c>route.openshift.io/v1</c>.</summary>
    public const string RouteApiVersion = RouteGroup + "/" + RouteVersion;
    /// <summary>The project API group.</summary>
    public const string ProjectGroup = "project.openshift.io";
    /// <summary><c>project.openshift.io/v1</c>.</summary>
    public const string ProjectApiVersion = ProjectGroup + "/v1";
}
