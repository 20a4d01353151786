using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>Gets Routes: where apps are exposed, like 'oc get route'.</summary>
/// <remarks>
/// Get-AppRoute lists the Routes of the namespace (sorted by name) with their host, path, Service,
/// target port, TLS termination and URL, as 'oc get route' shows them. Names may have wildcards;
/// -Service keeps the Routes that send traffic to that Service. A name without wildcards that does
/// not exist is an ObjectNotFound error (RouteNotFound). New-AppRoute creates Routes, Remove-AppRoute
/// deletes them.
/// </remarks>
/// <example>
/// <code>PS> Get-AppRoute</code>
/// <para>Lists the Routes of the current project like 'oc get route'.</para>
/// </example>
/// <example>
/// <code>PS> New-AppRoute -Service app-citas -Port 10000 | Out-Null; Get-AppRollout app-citas -Wait | Out-Null
/// PS> Invoke-RestMethod "$((Get-AppRoute -Service app-citas).Url)/version"</code>
/// <para>Exposes app-citas, waits for its rollout, then calls the app through the Route found by its Service, as curl on the route's host would.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AppRoute")]
[OutputType(typeof(AppRoute))]
public sealed class GetAppRouteCommand : OpenShiftCmdlet
{
    /// <summary>The Routes to get; wildcards allowed. All of the namespace when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completers.RouteNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only the Routes to this Service.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Service { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var ns = CurrentNamespace;
        var client = new RouteClient(Connection);
        IReadOnlyList<RouteView>? all = null;
        foreach (var pattern in Name ?? ["*"])
        {
            try
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    var route = await client.GetAsync(ns, pattern, cancellationToken).ConfigureAwait(false);
                    if (Service is null || route.Service == Service) WriteObject(new AppRoute(route, CurrentSession));
                    continue;
                }

                all ??= await client.ListAsync(ns, null, cancellationToken).ConfigureAwait(false);
                var wildcard = new WildcardPattern(pattern, WildcardOptions.None);
                foreach (var route in all.Where(r => wildcard.IsMatch(r.Name) && (Service is null || r.Service == Service)))
                {
                    WriteObject(new AppRoute(route, CurrentSession));
                }
            }
            catch (OpenShiftApiException exception)
            {
                WriteError(exception, exception.Reason == "NotFound" ? "RouteNotFound" : null, pattern);
            }
        }
    }
}
