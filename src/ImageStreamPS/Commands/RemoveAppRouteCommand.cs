using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>Deletes Routes, like 'oc delete route'.</summary>
/// <remarks>
/// One DELETE per Route: the app stops being reachable at that host; its Service and Deployment stay.
/// Asks for confirmation (ConfirmImpact High) unless -Force. Each deletion is reported on the
/// information stream as 'oc delete' reports it. A Route that does not exist is an ObjectNotFound
/// error (RouteNotFound) and the pipeline goes on with the next one.
/// </remarks>
/// <example>
/// <code>PS> New-AppRoute -Service app-citas -Port 10000 -Name app-citas-test | Out-Null
/// PS> Remove-AppRoute app-citas-test</code>
/// <para>Exposes app-citas under a second Route for a test, then deletes that Route after asking, like 'oc delete route app-citas-test'.</para>
/// </example>
/// <example>
/// <code>PS> Get-AppRoute -Service app-citas | Remove-AppRoute -Force</code>
/// <para>Stops exposing app-citas: deletes every Route to its Service without prompting.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "AppRoute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class RemoveAppRouteCommand : OpenShiftCmdlet
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    /// <summary>The Routes to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.RouteNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Routes from Get-AppRoute or New-AppRoute (deleted where they were read).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public AppRoute[] InputObject { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var targets = new List<(string Namespace, string Name)>();
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var route in InputObject)
            {
                if (route.Session is not null && route.Session != CurrentSession)
                {
                    WriteError(ObjectSession.Mismatch(route, route.Session, CurrentSession));
                    continue;
                }
                targets.Add((route.Namespace, route.Name));
            }
        }
        else
        {
            targets.AddRange(Name.Select(n => (CurrentNamespace, n)));
        }

        var client = new RouteClient(Connection);
        foreach (var (ns, name) in targets)
        {
            var target = new AppObject(AppObjectKind.Route, name, ns);
            if (!ShouldProcessUnlessForced(Force, $"{target} in {ns} on {CurrentSession.Server.Host}", "Delete")) continue;
            try
            {
                await client.DeleteAsync(ns, name, cancellationToken).ConfigureAwait(false);
                WriteOutcome(target.DeletedMessage);
            }
            catch (OpenShiftApiException exception)
            {
                WriteError(exception, exception.Reason == "NotFound" ? "RouteNotFound" : null, name);
            }
        }
    }
}
