using System.Management.Automation;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Gets the cluster sessions connected in the current runspace.</summary>
/// <remarks>
/// Get-OpenShiftSession lists the sessions Connect-OpenShift made in this runspace, with the
/// default one marked by IsDefault. -Default returns only the default session (nothing when
/// there is none). Sessions are kept per runspace: a session made in another runspace (a
/// ForEach-Object -Parallel block, a thread job) is not listed here; pass it with -Session.
/// </remarks>
/// <example>
/// <code>PS> Get-OpenShiftSession</code>
/// <para>Lists the sessions of this runspace: server, context, user, namespace and which is the default.</para>
/// </example>
/// <example>
/// <code>PS> $session = Get-OpenShiftSession -Default
/// PS> $module = Join-Path (Get-Module ImageStreamPS).ModuleBase ImageStreamPS.psd1
/// PS> 'citas', 'cinema' | ForEach-Object -Parallel { Import-Module $using:module; Get-ImageStream $_ -Session $using:session -ErrorAction SilentlyContinue }</code>
/// <para>Hands the default session to parallel runspaces, which have no default of their own; each imports the module from where this session loaded it (a module imported by path is not found by name there).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenShiftSession")]
[OutputType(typeof(OpenShiftSession))]
public sealed class GetOpenShiftSessionCommand : PipelineCmdlet
{
    /// <summary>Returns only the runspace's default session.</summary>
    [Parameter]
    public SwitchParameter Default { get; set; }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var sessions = OnPipeline(() => RunspaceSessions.Current);
        if (Default)
        {
            if (sessions.Default is { } session)
            {
                WriteObject(session);
            }
        }
        else
        {
            WriteObject(sessions.All, enumerateCollection: true);
        }

        return Task.CompletedTask;
    }
}
