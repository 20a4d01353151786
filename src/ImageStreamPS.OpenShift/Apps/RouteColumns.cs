using System.Globalization;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The cells of <c>oc get route</c> that are more than a field, as openshift-apiserver's <c>printRoute</c>
/// writes them: HOST/PORT from the routers' Admitted conditions, SERVICES with each backend's share of
/// the weight, TERMINATION with the insecure policy, PORT (<c>&lt;all&gt;</c> without one).
/// </summary>
public static class RouteColumns
{
    /// <summary>
    /// The host; a rejected route shows the reason (or "host ... N rejected" next to admissions),
    /// "Pending" while routers have written entries without deciding, "host ... N more" when several
    /// routers admitted it; a route no router has written status for yet shows its host.
    /// </summary>
    public static string HostPort(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var host = route.Spec?.Host ?? "";
        var matched = false;
        string? reason = null;
        int admitted = 0, rejected = 0;
        foreach (var ingress in route.Status?.Ingress ?? [])
        {
            var condition = ingress.Conditions?.FirstOrDefault(c => c.Type == "Admitted");
            switch (condition?.Status)
            {
                case "True":
                    admitted++;
                    if (!matched)
                    {
                        matched = ingress.Host == route.Spec?.Host;
                        host = ingress.Host ?? "";
                    }
                    break;
                case "False":
                    reason = condition.Reason;
                    rejected++;
                    break;
            }
        }
        // Go's printRoute tests for a nil list; an empty one is nil once stored (omitempty), so both are "no status yet".
        return route.Status?.Ingress is null or { Count: 0 } ? host
            : admitted == 0 && rejected > 0 ? reason ?? ""
            : rejected > 0 ? $"{host} ... {rejected} rejected"
            : admitted == 0 ? "Pending"
            : admitted > 1 ? $"{host} ... {admitted - 1} more"
            : host;
    }

    /// <summary><c>to</c> then <c>alternateBackends</c>; with several weighted backends, each with its percentage.</summary>
    public static string Services(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var backends = new List<RouteTargetReference>();
        if (route.Spec?.To is { } to) backends.Add(to);
        backends.AddRange(route.Spec?.AlternateBackends ?? []);
        var total = backends.Sum(b => b.Weight ?? 0);
        return string.Join(",", backends.Select(b => b.Weight switch
        {
            null => b.Name,
            _ when backends.Count == 1 && total != 0 => b.Name,
            _ when total == 0 => b.Name + "(0%)",
            { } weight => string.Create(CultureInfo.InvariantCulture, $"{b.Name}({weight * 100 / total}%)"),
        }));
    }

    /// <summary><c>edge</c>, <c>edge/Redirect</c>, or "" for plain HTTP.</summary>
    public static string Termination(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var termination = route.Spec?.Tls?.Termination ?? "";
        var insecure = route.Spec?.Tls?.InsecureEdgeTerminationPolicy ?? "";
        return (termination.Length, insecure.Length) switch
        {
            ( > 0, > 0) => termination + "/" + insecure,
            ( > 0, _) => termination,
            (_, > 0) => "default/" + insecure,
            _ => "",
        };
    }

    /// <summary>The target port as given, or <c>&lt;all&gt;</c>.</summary>
    public static string Port(Route route) => route?.Spec?.Port?.TargetPort?.Value ?? "<all>";
}
