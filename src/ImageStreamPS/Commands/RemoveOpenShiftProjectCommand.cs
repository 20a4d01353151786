using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>Deletes projects and everything in them, like 'oc delete project'.</summary>
/// <remarks>
/// One DELETE on project.openshift.io projects per project (on plain Kubernetes, the namespace): the
/// server removes every object in it and the project shows Status Terminating until that is done.
/// Asks for confirmation (ConfirmImpact High) unless -Force. A project that does not exist is an
/// ObjectNotFound error (ProjectNotFound) and the pipeline goes on with the next one. Deleting the
/// project a session works in leaves the session there, with a warning: switch with Set-OpenShiftSession.
/// </remarks>
/// <example>
/// <code>PS> Remove-OpenShiftProject citas-test</code>
/// <para>Deletes the project citas-test and everything in it, after asking, like 'oc delete project citas-test'.</para>
/// </example>
/// <example>
/// <code>PS> Get-OpenShiftProject pr-* | Remove-OpenShiftProject -Force</code>
/// <para>Deletes, in a cleanup job, every project whose name starts with pr- without prompting.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "OpenShiftProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class RemoveOpenShiftProjectCommand : ProjectCommandBase
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    /// <summary>The projects to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.NamespaceCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Projects from Get-OpenShiftProject (deleted on the cluster they were read from).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public OpenShiftProject[] InputObject { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var session = CurrentSession;
        var names = Name;
        if (ParameterSetName == InputObjectSet)
        {
            if (InputObject.FirstOrDefault(p => p.Session is not null && p.Session != session) is { } elsewhere)
            {
                WriteError(ObjectSession.Mismatch(elsewhere, elsewhere.Session!, session));
                return;
            }
            names = InputObject.Select(p => p.Name).ToArray();
        }

        foreach (var name in names)
        {
            if (!ShouldProcessUnlessForced(Force, $"project {name} on {session.Server.Host}", "Delete project and everything in it")) continue;
            try
            {
                await Projects.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
                WriteOutcome($"project.project.openshift.io \"{name}\" deleted");
                if (session.Namespace == name)
                {
                    WriteWarning($"Session {session.Id} still works in project \"{name}\", which is being deleted; switch with Set-OpenShiftSession -Namespace.");
                }
            }
            catch (OpenShiftApiException exception)
            {
                WriteError(OpenShiftErrorRecord.From(exception, exception.Reason == "NotFound" ? "ProjectNotFound" : null, name));
            }
        }
    }
}
