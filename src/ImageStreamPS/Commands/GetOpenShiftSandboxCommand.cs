using System.Management.Automation;
using ImageStreamPS.Sandbox;

namespace ImageStreamPS.Commands;

/// <summary>Gets the running local sandboxes.</summary>
/// <remarks>
/// Get-OpenShiftSandbox reads the sandbox.json a running sandbox keeps in its data folder and
/// returns the sandboxes whose process is alive: the one in the default data folder and the ones this
/// PowerShell process started or, with -DataPath, only those in the given folders.
/// </remarks>
/// <example>
/// <code>PS> Get-OpenShiftSandbox</code>
/// <para>Shows the running sandboxes: process id, API server, registry and data folder.</para>
/// </example>
/// <example>
/// <code>PS> $sandbox = Get-OpenShiftSandbox | Select-Object -First 1
/// PS> if (-not $sandbox) { $sandbox = Start-OpenShiftSandbox -Seed Tutorial }
/// PS> $sandbox | Connect-OpenShift</code>
/// <para>In a script: starts the sandbox only when none is running, then connects to the running one.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenShiftSandbox")]
[OutputType(typeof(OpenShiftSandbox))]
public sealed class GetOpenShiftSandboxCommand : PipelineCmdlet
{
    /// <summary>The data folders to look in, instead of the default one and those of sandboxes started by this process.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? DataPath { get; set; }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var sandboxes = DataPath is null ? RunningSandboxes.Find() : RunningSandboxes.In(DataPath.Select(ResolvePath));
        WriteObject(sandboxes, enumerateCollection: true);
        return Task.CompletedTask;
    }
}
