using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>Deletes apps: their Routes, Services and Deployments, by the app label, like 'oc delete all -l app=NAME'.</summary>
/// <remarks>
/// Remove-App reads what carries the app label (as Get-App does) when it runs, then deletes each
/// object: the Routes first, then the Services, then the Deployments (DeploymentConfigs) with
/// background propagation, so the cluster's garbage collector removes their ReplicaSets and Pods. The
/// image streams and tags the app was deployed from stay.
///
/// It asks before each object (ConfirmImpact High; answer A for all of them) unless -Force, and
/// -WhatIf lists every object it would delete. Each deletion is reported on the information stream
/// as 'oc delete' reports it (deployment.apps "app-citas" deleted). An app name that matches nothing
/// is an ObjectNotFound error (AppNotFound) and the pipeline goes on with the next one.
/// </remarks>
/// <example>
/// <code>PS> Remove-App app-citas -WhatIf</code>
/// <para>Lists the Route, Service and Deployment of app-citas that Remove-App would delete.</para>
/// </example>
/// <example>
/// <code>PS> Get-App preview-* | Remove-App -Force</code>
/// <para>Deletes, in a cleanup job, every app whose name starts with preview- without prompting.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "App", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class RemoveAppCommand : OpenShiftCmdlet
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    /// <summary>The apps to delete (values of the app label).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.AppLabelCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Apps from Get-App (deleted in the cluster and namespace they were read from).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    [ValidateNotNull]
    public App[] InputObject { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var targets = new List<(string Namespace, string Name)>();
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var app in InputObject)
            {
                if (app.Session is not null && app.Session != CurrentSession)
                {
                    WriteError(ObjectSession.Mismatch(app, app.Session, CurrentSession));
                    continue;
                }
                targets.Add((app.Namespace, app.Name));
            }
        }
        else
        {
            targets.AddRange(Name.Select(n => (CurrentNamespace, n)));
        }

        var client = new AppClient(Connection);
        var host = CurrentSession.Server.Host;
        foreach (var (ns, name) in targets)
        {
            IReadOnlyList<AppView> apps;
            try
            {
                apps = await client.ListAppsAsync(ns, name, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenShiftApiException exception)
            {
                WriteError(exception, target: name);
                continue;
            }
            if (apps.Count == 0)
            {
                WriteError(GetAppCommand.AppNotFound(name, ns));
                continue;
            }

            foreach (var target in apps.SelectMany(a => a.Objects))
            {
                if (!ShouldProcessUnlessForced(Force, $"{target} in {ns} on {host}", $"Delete (app {name})")) continue;
                try
                {
                    await client.DeleteAsync(target, cancellationToken).ConfigureAwait(false);
                    WriteOutcome(target.DeletedMessage);
                }
                catch (OpenShiftApiException exception) when (exception.Reason == "NotFound")
                {
                    WriteVerbose($"{target} was already gone.");
                }
                catch (OpenShiftApiException exception)
                {
                    WriteError(exception, target: target.ToString());
                }
            }
        }
    }
}
