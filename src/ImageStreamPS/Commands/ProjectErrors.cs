using System.Management.Automation;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Projects;

namespace ImageStreamPS.Commands;

/// <summary>The errors of the project cmdlets and Set-OpenShiftSession, worded as <c>oc project</c> words them.</summary>
internal static class ProjectErrors
{
    /// <summary>
    /// The error for a project that cannot be read: "A project named "x" does not exist on "server"."
    /// (NotFound, ProjectNotFound) or "You are not a member of project "x"." (Forbidden, ProjectForbidden),
    /// with the user's projects as the recommended action; any other failure is mapped as usual.
    /// </summary>
    public static ErrorRecord NotAccessible(OpenShiftApiException exception, string name, Uri server, IReadOnlyList<ProjectView>? projects)
    {
        if (exception.Reason is not ("NotFound" or "Forbidden")) return OpenShiftErrorRecord.From(exception, target: name);
        var notFound = exception.Reason == "NotFound";
        var message = notFound
            ? $"A project named \"{name}\" does not exist on \"{server.GetLeftPart(UriPartial.Authority)}\"."
            : $"You are not a member of project \"{name}\".";
        var action = projects switch
        {
            null => "List your projects with Get-OpenShiftProject.",
            { Count: 0 } => "You are not a member of any projects. You can request one with New-OpenShiftProject.",
            { Count: 1 } => $"You have one project on this server: {projects[0].DisplayText}.",
            _ => "Your projects are: " + string.Join(", ", projects.Select(p => p.DisplayText)) + ".",
        };
        var translated = new OpenShiftApiException(exception.Failure, exception.Reason, message, exception.StatusCode, "projects", name,
            exception.Group, exception.Causes, exception.Request, exception);
        return new ErrorRecord(translated, notFound ? "ProjectNotFound" : "ProjectForbidden",
            notFound ? ErrorCategory.ObjectNotFound : ErrorCategory.PermissionDenied, name)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        };
    }

    /// <summary>The projects the user has, for an error's recommended action; null when they cannot be listed.</summary>
    public static async Task<IReadOnlyList<ProjectView>?> TryListAsync(ProjectClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OpenShiftApiException)
        {
            return null;
        }
    }

    /// <summary>The error for a name rejected before any request.</summary>
    public static ErrorRecord InvalidName(string message, string name) =>
        new(new ArgumentException(message), "ProjectNameInvalid", ErrorCategory.InvalidArgument, name) { ErrorDetails = new ErrorDetails(message) };
}
