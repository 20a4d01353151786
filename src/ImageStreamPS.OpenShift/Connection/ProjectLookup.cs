using k8s;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>Checks that a project (or, on plain Kubernetes, a namespace) exists and is visible, as <c>oc project</c> does.</summary>
public static class ProjectLookup
{
    /// <summary>Throws <see cref="OpenShiftApiException"/> (NotFound, Forbidden, ...) unless the project can be read.</summary>
    public static async Task EnsureExistsAsync(OpenShiftConnection connection, string name, CancellationToken cancellationToken)
    {
        try
        {
            await connection.Client.CustomObjects.GetClusterCustomObjectAsync(
                OpenShiftApi.ProjectGroup, "v1", "projects", ApiPath.Namespace(name), cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (ApiExceptionTranslation.Translate(exception) is { Reason: "NotFound" } notFound && notFound.Name != name)
        {
            // No project API (plain Kubernetes): the 404 is about the resource type, not the project.
        }
        catch (Exception exception) when (exception is not OperationCanceledException && ApiExceptionTranslation.Translate(exception) is { } translated)
        {
            throw translated;
        }

        try
        {
            await connection.Client.CoreV1.ReadNamespaceAsync(ApiPath.Namespace(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && ApiExceptionTranslation.Translate(exception) is { } translated)
        {
            throw translated;
        }
    }
}
