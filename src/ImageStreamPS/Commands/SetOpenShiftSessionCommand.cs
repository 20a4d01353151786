using System.Management.Automation;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.Projects;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Changes the namespace (project) a session works in, like 'oc project'.</summary>
/// <remarks>
/// Set-OpenShiftSession -Namespace checks that the project exists and that you can read it (GET on
/// project.openshift.io projects, then on namespaces for plain Kubernetes), as 'oc project' does,
/// then makes it the session's namespace: cmdlets without -Namespace use it from then on. When the
/// project cannot be read, the error (ProjectNotFound or ProjectForbidden) lists your projects. It
/// changes only the session in memory, never the kubeconfig. Without -Session it changes the
/// runspace's default session. -Force skips the check.
/// </remarks>
/// <example>
/// <code>PS> New-OpenShiftProject citas-prod -NoSwitch | Out-Null
/// PS> Set-OpenShiftSession -Namespace citas-prod</code>
/// <para>Switches the default session to project citas-prod (made here, so that it exists), like <c>oc project citas-prod</c>.</para>
/// </example>
/// <example>
/// <code>PS> $s = Connect-OpenShift -KubeConfig ./ci.kubeconfig -NotDefault
/// PS> $s | Set-OpenShiftSession -Namespace "citas-$env:STAGE" -PassThru | Format-List</code>
/// <para>In a pipeline: points a non-default session at the stage's project and shows it.</para>
/// <para>Needs a real cluster: a CI kubeconfig and a project per stage.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OpenShiftSession", SupportsShouldProcess = true)]
[OutputType(typeof(OpenShiftSession))]
public sealed class SetOpenShiftSessionCommand : PipelineCmdlet
{
    /// <summary>The namespace (project) to work in.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Project", "ns")]
    [ArgumentCompleter(typeof(Completers.NamespaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string Namespace { get; set; } = "";

    /// <summary>The session to change. Defaults to the runspace's default session.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public OpenShiftSession? Session { get; set; }

    /// <summary>Sets the namespace without checking that it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the changed session to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var session = Session ?? OnPipeline(() => RunspaceSessions.Current.Default);
        if (session is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("There is no default OpenShift session in this runspace: run Connect-OpenShift, or pass -Session."),
                "NoOpenShiftSession", ErrorCategory.ConnectionError, null));
        }

        if (!session.IsConnected)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"Session {session.Id} to {session.Server} was disconnected; run Connect-OpenShift again."),
                "OpenShiftSessionDisconnected", ErrorCategory.ConnectionError, session));
        }

        if (ImageStreamValidation.ValidateNamespace(Namespace) is { } invalid)
        {
            WriteError(ProjectErrors.InvalidName($"invalid project name \"{Namespace}\": {invalid}", Namespace));
            return;
        }

        if (!ShouldProcess(session.ToString(), $"Set namespace to '{Namespace}'"))
        {
            return;
        }

        if (!Force)
        {
            var projects = new ProjectClient(session.Connection);
            try
            {
                await projects.GetAsync(Namespace, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenShiftApiException exception)
            {
                var known = exception.Reason is "NotFound" or "Forbidden" ? await ProjectErrors.TryListAsync(projects, cancellationToken).ConfigureAwait(false) : null;
                var record = ProjectErrors.NotAccessible(exception, Namespace, session.Server, known);
                record.ErrorDetails.RecommendedAction += " Use -Force to set it anyway.";
                WriteError(record);
                return;
            }
        }

        session.Namespace = Namespace;
        WriteOutcome($"Now using project \"{Namespace}\" on server \"{session.Server.ToString().TrimEnd('/')}\".");
        if (PassThru)
        {
            WriteObject(session);
        }
    }
}
