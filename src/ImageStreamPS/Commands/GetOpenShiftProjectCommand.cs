using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Projects;

namespace ImageStreamPS.Commands;

/// <summary>Gets the projects you can see, with the session's current one marked, like 'oc projects'.</summary>
/// <remarks>
/// Get-OpenShiftProject lists the projects of the session's cluster (GET on project.openshift.io
/// projects; on plain Kubernetes, where there is no project API, the namespaces), sorted by name as
/// 'oc projects' sorts them. The project the session works in has IsCurrent set and is marked with
/// '*' in the table. With names it reads each project (NotFound is a ProjectNotFound error that lists
/// the projects you have); names with wildcards filter the list. -Current returns only the session's
/// project, as 'oc project' without a name shows it.
///
/// Switch projects with Set-OpenShiftSession -Namespace; create them with New-OpenShiftProject.
/// </remarks>
/// <example>
/// <code>PS> Get-OpenShiftProject</code>
/// <para>Lists your projects like 'oc projects', marking the one the default session works in.</para>
/// </example>
/// <example>
/// <code>PS> Get-OpenShiftProject -Current | Select-Object Name, DisplayName, Status</code>
/// <para>Shows the project the default session works in, like 'oc project'.</para>
/// </example>
/// <example>
/// <code>PS> Get-OpenShiftProject citas-* | Where-Object Status -eq Active | Select-Object -ExpandProperty Name</code>
/// <para>Names the active projects whose names start with citas-.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenShiftProject", DefaultParameterSetName = NameSet)]
[OutputType(typeof(OpenShiftProject))]
public sealed class GetOpenShiftProjectCommand : ProjectCommandBase
{
    private const string NameSet = "Name";
    private const string CurrentSet = "Current";

    /// <summary>The projects to get; wildcards allowed. All of them when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.NamespaceCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Gets only the project the session works in (its Namespace).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CurrentSet)]
    public SwitchParameter Current { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var patterns = Current ? [CurrentSession.Namespace] : Name ?? ["*"];
        IReadOnlyList<ProjectView>? all = null;
        foreach (var pattern in patterns)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                try
                {
                    WriteObject(ToOutput(await Projects.GetAsync(pattern, cancellationToken).ConfigureAwait(false)));
                }
                catch (OpenShiftApiException exception)
                {
                    var known = exception.Reason is "NotFound" or "Forbidden" ? all ??= await TryListAsync(cancellationToken).ConfigureAwait(false) : null;
                    WriteError(ProjectErrors.NotAccessible(exception, pattern, CurrentSession.Server, known));
                }
                continue;
            }

            all ??= await Projects.ListAsync(cancellationToken).ConfigureAwait(false);
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            foreach (var project in all.Where(p => wildcard.IsMatch(p.Name))) WriteObject(ToOutput(project));
        }
    }
}
