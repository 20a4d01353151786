using System.Management.Automation;

namespace StartUpFloor;

/// <summary>The floor module's one cmdlet: it does nothing, so importing the module measures only PowerShell.</summary>
[Cmdlet(VerbsCommon.Get, "StartUpFloor")]
public sealed class GetStartUpFloorCommand : PSCmdlet
{
}
