using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.Commands;

/// <summary>Exposes an app's Service at a host name with a Route: what 'oc expose service NAME' creates.</summary>
/// <remarks>
/// New-AppRoute reads the Service and creates the Route 'oc expose service' creates: it points at
/// the Service, carries the Service's labels and targets -Port (a port number or a port name) or,
/// without -Port, the Service's first TCP port by name. Without -Hostname the server generates the
/// host (NAME-NAMESPACE.apps-domain). It returns the AppRoute once a router has admitted it (waiting
/// at most a few seconds), with the host and URL it is served at; on the sandbox that URL is a
/// loopback address of the sandbox's router (http://127.0.0.1:PORT), so it needs no DNS.
/// Pipe an AppRollout (from New-App or Get-AppRollout) to expose the Service of the same name.
/// </remarks>
/// <example>
/// <code>PS> New-AppRoute -Service app-citas -Port 10000</code>
/// <para>Creates the Route app-citas to port 10000 of the Service app-citas and shows its host and URL.</para>
/// </example>
/// <example>
/// <code>PS> $route = Get-AppRollout app-citas | New-AppRoute -Port 10000 -Hostname citas.example.com
/// PS> Invoke-RestMethod "$($route.Url)/version"</code>
/// <para>In a runbook: exposes the app under a chosen host name, then calls it through the route's URL.</para>
/// <para>On a cluster the host must resolve to its router; the sandbox's URL is a loopback address its router serves.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "AppRoute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AppRoute))]
public sealed class NewAppRouteCommand : OpenShiftCmdlet
{
    /// <summary>The Service to expose (an AppRollout piped in exposes the Service named like it).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(Completers.ServiceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Service { get; set; } = "";

    /// <summary>The Service port the Route targets: a number (10000) or a port name (10000-tcp). Defaults to the first TCP port's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Port { get; set; }

    /// <summary>The host name to serve. The server generates NAME-NAMESPACE.apps-domain when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    /// <summary>The Route's name. Defaults to the Service's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Name is not null && !NewAppObjects.IsDns1123Subdomain(Name))
        {
            var message = $"invalid route name \"{Name}\": it must be a lowercase DNS-1123 subdomain";
            WriteError(new ErrorRecord(new ArgumentException(message), "InvalidRouteName", ErrorCategory.InvalidArgument, Name) { ErrorDetails = new ErrorDetails(message) });
            return;
        }
        if (Hostname is not null && !NewAppObjects.IsDns1123Subdomain(Hostname))
        {
            var message = $"invalid host name \"{Hostname}\": it must be a lowercase DNS-1123 subdomain";
            WriteError(new ErrorRecord(new ArgumentException(message), "InvalidRouteHost", ErrorCategory.InvalidArgument, Hostname) { ErrorDetails = new ErrorDetails(message) });
            return;
        }

        var ns = CurrentNamespace;
        var routeName = Name ?? Service;
        var port = Port is null ? "the service's first TCP port" : $"port {Port}";
        if (!ShouldProcess($"route.route.openshift.io/{routeName} in namespace {ns}", $"Expose service {Service} on {port}"))
        {
            return;
        }

        try
        {
            var route = await new AppClient(Connection).ExposeServiceAsync(ns, Service, Port, Hostname, Name, cancellationToken).ConfigureAwait(false);
            WriteOutcome($"route.route.openshift.io/{route.Name} exposed");
            WriteObject(new AppRoute(route, CurrentSession));
        }
        catch (ArgumentException invalid)
        {
            WriteError(new ErrorRecord(invalid, "ServiceNotExposable", ErrorCategory.InvalidArgument, Service) { ErrorDetails = new ErrorDetails(invalid.Message) });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WriteError(exception, target: Service);
        }
    }
}
