using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>Gets apps: what New-App and New-AppRoute made, by the app label, like 'oc get all -l app=NAME'.</summary>
/// <remarks>
/// An app is everything that carries its app label: 'oc new-app' (and New-App) label the Deployment
/// and Service app=NAME, and 'oc expose' (and New-AppRoute) copy the Service's labels to the Route.
/// Get-App reads the Deployments (with their ReplicaSets and Pods), Services and Routes of the
/// namespace that carry an app label (app=NAME when a name without wildcards is given) and returns one
/// App per label value: its Status and Ready count, the image-stream tags that trigger it and the tags
/// that point at the image it runs now, its URL, and the objects themselves (Rollouts, Services,
/// Routes, and Objects named as 'oc get all' names them).
///
/// A name that matches nothing is an ObjectNotFound error (AppNotFound). Remove-App deletes an app.
/// </remarks>
/// <example>
/// <code>PS> Get-App</code>
/// <para>Lists the apps of the current project with their status, triggers and URL.</para>
/// </example>
/// <example>
/// <code>PS> Get-App app-citas | Format-List</code>
/// <para>Shows everything of app-citas, like 'oc get all -l app=app-citas': its Deployment, Service and Route, and which tags drive it.</para>
/// </example>
/// <example>
/// <code>PS> (Get-App app-citas).ImageTags -contains 'citas:v2'</code>
/// <para>In a runbook: checks that app-citas runs the image citas:v2 points at.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "App")]
[OutputType(typeof(App))]
public sealed class GetAppCommand : OpenShiftCmdlet
{
    /// <summary>The apps to get (values of the app label); wildcards allowed. All apps of the namespace when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.AppLabelCompleter))]
    public string[]? Name { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var ns = CurrentNamespace;
        var client = new AppClient(Connection);
        IReadOnlyList<AppView>? all = null;
        foreach (var pattern in Name ?? ["*"])
        {
            try
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    var apps = await client.ListAppsAsync(ns, pattern, cancellationToken).ConfigureAwait(false);
                    if (apps.Count == 0) WriteError(AppNotFound(pattern, ns));
                    foreach (var app in apps) WriteObject(new App(app, CurrentSession));
                    continue;
                }

                all ??= await client.ListAppsAsync(ns, null, cancellationToken).ConfigureAwait(false);
                var wildcard = new WildcardPattern(pattern, WildcardOptions.None);
                foreach (var app in all.Where(a => wildcard.IsMatch(a.Name))) WriteObject(new App(app, CurrentSession));
            }
            catch (OpenShiftApiException exception)
            {
                WriteError(exception, target: pattern);
            }
        }
    }

    /// <summary>The error for an app name that no object carries.</summary>
    internal static ErrorRecord AppNotFound(string name, string ns)
    {
        var message = $"No app \"{name}\" in namespace \"{ns}\": no Deployment, Service or Route is labelled {AppView.AppLabel}={name}.";
        return new ErrorRecord(new ItemNotFoundException(message), "AppNotFound", ErrorCategory.ObjectNotFound, name) { ErrorDetails = new ErrorDetails(message) };
    }
}
