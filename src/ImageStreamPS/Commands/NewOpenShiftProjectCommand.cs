using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Projects;

namespace ImageStreamPS.Commands;

/// <summary>Creates a project and switches the session to it, like 'oc new-project'.</summary>
/// <remarks>
/// New-OpenShiftProject requests the project the way 'oc new-project' does: GET projectrequests (the
/// server answers Forbidden, with the administrator's message, when you may not create projects),
/// then POST projectrequests with the name, -DisplayName and -Description; the server creates the
/// project from its template and makes you its admin. On plain Kubernetes, which has no project
/// requests, it creates the Namespace instead, with the same display-name and description annotations.
///
/// Then, like 'oc new-project', it makes the new project the session's namespace (only the session in
/// memory; the kubeconfig is never written), unless -NoSwitch. It says what it did on the information
/// stream and returns the project. The name must be a lowercase RFC 1123 label of 2 to 63 characters;
/// anything else is rejected (ProjectNameInvalid) before any request. A project that exists already is
/// a ResourceExists error (ProjectAlreadyExists).
/// </remarks>
/// <example>
/// <code>PS> New-OpenShiftProject citas-dev -DisplayName 'Citas (development)'</code>
/// <para>Creates the project citas-dev and switches the default session to it, like 'oc new-project citas-dev --display-name=...'.</para>
/// </example>
/// <example>
/// <code>PS> 'citas-test', 'citas-prod' | New-OpenShiftProject -NoSwitch | Format-Table Name, Status, Requester</code>
/// <para>Creates two projects in a pipeline and stays in the current project.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "OpenShiftProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OpenShiftProject))]
public sealed class NewOpenShiftProjectCommand : ProjectCommandBase
{
    /// <summary>The project's name: a lowercase RFC 1123 label (letters, digits and '-'), 2 to 63 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>A display name shown next to the name (openshift.io/display-name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DisplayName { get; set; }

    /// <summary>A description of the project (openshift.io/description).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>Leaves the session in its current project instead of switching to the new one.</summary>
    [Parameter]
    public SwitchParameter NoSwitch { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (ProjectClient.ValidateName(Name) is { } invalid)
        {
            WriteError(ProjectErrors.InvalidName(invalid, Name));
            return;
        }

        var session = CurrentSession;
        var server = session.Server.GetLeftPart(UriPartial.Authority);
        if (!ShouldProcess($"project {Name} on {session.Server.Host}", "Create project")) return;

        ProjectView created;
        try
        {
            created = await Projects.RequestAsync(Name, DisplayName, Description, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenShiftApiException exception)
        {
            WriteError(OpenShiftErrorRecord.From(exception, exception.Reason == "AlreadyExists" ? "ProjectAlreadyExists" : null, Name));
            return;
        }

        WriteOutcome($"Project \"{created.Name}\" created on server \"{server}\".");
        if (!NoSwitch)
        {
            session.Namespace = created.Name;
            WriteOutcome($"Now using project \"{created.Name}\" on server \"{server}\".");
        }
        WriteObject(ToOutput(created));
    }
}
