using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Images;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Projects;

/// <summary>
/// Projects as <c>oc project</c>, <c>oc projects</c>, <c>oc new-project</c> and <c>oc delete project</c>
/// reach them: through project.openshift.io, and through namespaces where the cluster is plain
/// Kubernetes (oc <c>ConfirmProjectAccess</c> and <c>GetProjects</c> fall back the same way).
/// Failures surface as <see cref="OpenShiftApiException"/>.
/// </summary>
public sealed class ProjectClient(IKubernetes kubernetes)
{
    /// <summary>A client over the session's connection.</summary>
    public ProjectClient(OpenShiftConnection connection) : this(connection.Client)
    {
    }

    /// <summary>
    /// The project <paramref name="name"/>, as <c>oc project NAME</c> checks it (oc
    /// <c>ConfirmProjectAccess</c>): <c>GET projects/NAME</c>; when that is NotFound or Forbidden the
    /// namespace is tried (plain Kubernetes, where the project API is missing), and when that fails too
    /// the project's error is thrown.
    /// </summary>
    public async Task<ProjectView> GetAsync(string name, CancellationToken cancellationToken)
    {
        name = ApiPath.Namespace(name);
        try
        {
            var project = await kubernetes.CustomObjects.GetClusterCustomObjectAsync<Project>(
                Project.KubeGroup, Project.KubeApiVersion, Project.KubePluralName, name, cancellationToken).ConfigureAwait(false);
            return ProjectView.Of(project);
        }
        catch (Exception exception) when (Translate(exception) is { Reason: "NotFound" or "Forbidden" } projectError)
        {
            try
            {
                return ProjectView.Of(await kubernetes.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (Exception namespaceError) when (namespaceError is not OperationCanceledException)
            {
                throw projectError;
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// The projects the user can see, sorted by name (oc <c>GetProjects</c>): the project list, or the
    /// namespace list when projects are not served or not listable.
    /// </summary>
    public async Task<IReadOnlyList<ProjectView>> ListAsync(CancellationToken cancellationToken)
    {
        IEnumerable<ProjectView> projects;
        try
        {
            var list = await kubernetes.CustomObjects.ListClusterCustomObjectAsync<ProjectList>(
                Project.KubeGroup, Project.KubeApiVersion, Project.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
            projects = list.Items.Select(ProjectView.Of);
        }
        catch (Exception exception) when (Translate(exception) is { Reason: "NotFound" or "Forbidden" })
        {
            try
            {
                var namespaces = await kubernetes.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                projects = namespaces.Items.Select(ProjectView.Of);
            }
            catch (Exception namespaceError) when (Translate(namespaceError) is { } translated)
            {
                throw translated;
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
        return projects.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// <c>oc new-project</c>: <c>GET projectrequests</c> (the server answers Success when the user may
    /// request projects, Forbidden with the administrator's message otherwise), then
    /// <c>POST projectrequests</c>; the server answers with the Project. On plain Kubernetes, where
    /// project requests are not served, the Namespace is created instead, with the same display-name and
    /// description annotations.
    /// </summary>
    public async Task<ProjectView> RequestAsync(string name, string? displayName, string? description, CancellationToken cancellationToken)
    {
        if (ValidateName(name) is { } invalid) throw new ArgumentException(invalid, nameof(name));
        try
        {
            using (await kubernetes.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                Project.KubeGroup, Project.KubeApiVersion, ProjectRequest.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated && IsResourceMissing(translated))
        {
            return await CreateNamespaceAsync(name, displayName, description, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }

        var request = new ProjectRequest
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = new Dictionary<string, string>() },
            DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName,
            Description = string.IsNullOrEmpty(description) ? null : description,
        };
        try
        {
            var created = await kubernetes.CustomObjects.CreateClusterCustomObjectAsync<Project>(
                request, Project.KubeGroup, Project.KubeApiVersion, ProjectRequest.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProjectView.Of(created);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// <c>oc delete project NAME</c>: <c>DELETE projects/NAME</c> (the namespace and everything in it go;
    /// the project is Terminating until then), or the Namespace where projects are not served.
    /// </summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        name = ApiPath.Namespace(name);
        try
        {
            using (await kubernetes.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(
                Project.KubeGroup, Project.KubeApiVersion, Project.KubePluralName, name, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated && IsResourceMissing(translated))
        {
            try
            {
                await kubernetes.CoreV1.DeleteNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception namespaceError) when (Translate(namespaceError) is { } namespaceTranslated)
            {
                throw namespaceTranslated;
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// A project name's problem, in the server's words, or null: an RFC 1123 label of 2 to 63
    /// characters (openshift-apiserver <c>ValidateProjectName</c>).
    /// </summary>
    public static string? ValidateName(string? name)
    {
        if (ImageStreamValidation.ValidateNamespace(name) is { } invalid) return $"invalid project name \"{name}\": {invalid}";
        return name!.Length < 2 ? $"invalid project name \"{name}\": must be at least 2 characters long" : null;
    }

    private async Task<ProjectView> CreateNamespaceAsync(string name, string? displayName, string? description, CancellationToken cancellationToken)
    {
        var annotations = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(displayName)) annotations[ProjectView.DisplayNameAnnotation] = displayName;
        if (!string.IsNullOrEmpty(description)) annotations[ProjectView.DescriptionAnnotation] = description;
        try
        {
            var created = await kubernetes.CoreV1.CreateNamespaceAsync(
                new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Annotations = annotations.Count == 0 ? null : annotations } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return ProjectView.Of(created);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    // A 404 that names no object is about the resource type: the server does not serve it (plain Kubernetes).
    private static bool IsResourceMissing(OpenShiftApiException exception) =>
        exception is { Failure: ApiFailure.Status, Reason: "NotFound" } && string.IsNullOrEmpty(exception.Name);

    private static OpenShiftApiException? Translate(Exception exception) =>
        exception is OperationCanceledException ? null : OpenShiftApiException.From(exception);
}
