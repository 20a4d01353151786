using ImageStreamPS.OpenShift.Api;
using Route = ImageStreamPS.OpenShift.Api.Route;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// The router's entry in <c>status.ingress</c>, written as openshift/router's StatusAdmitter writes it
/// (<c>recordIngressCondition</c>): one entry per routerName with the Route's host and wildcardPolicy,
/// the router's canonical host name, and an Admitted condition whose lastTransitionTime (to the second)
/// changes only when the entry changes.
/// </summary>
public static class RouteIngressStatus
{
    public const string Admitted = "Admitted";

    /// <summary>Brings the router's entry in line with <paramref name="claim"/>; returns false when it already was.</summary>
    public static bool Record(Route route, string routerName, string canonicalHostname, RouteClaim claim, DateTimeOffset now)
    {
        var condition = new RouteIngressCondition
        {
            Type = Admitted,
            Status = claim.Admitted ? "True" : "False",
            Reason = claim.Reason,
            Message = claim.Message,
        };
        var time = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var status = route.Status ??= new RouteStatus();
        var ingress = status.Ingress ??= new List<RouteIngress>();

        var existing = ingress.FirstOrDefault(i => i.RouterName == routerName);
        if (existing is null)
        {
            condition.LastTransitionTime = time;
            ingress.Add(new RouteIngress
            {
                RouterName = routerName,
                Host = route.Spec?.Host,
                WildcardPolicy = route.Spec?.WildcardPolicy,
                RouterCanonicalHostname = canonicalHostname,
                Conditions = [condition],
            });
            return true;
        }

        var conditions = existing.Conditions ??= new List<RouteIngressCondition>();
        var current = conditions.FirstOrDefault(c => c.Type == Admitted);
        var changed = existing.Host != route.Spec?.Host
            || existing.WildcardPolicy != route.Spec?.WildcardPolicy
            || existing.RouterCanonicalHostname != canonicalHostname
            || current is null
            || current.Status != condition.Status || current.Reason != condition.Reason || current.Message != condition.Message;
        if (!changed) return false;

        existing.Host = route.Spec?.Host;
        existing.WildcardPolicy = route.Spec?.WildcardPolicy;
        existing.RouterCanonicalHostname = canonicalHostname;
        condition.LastTransitionTime = time;
        if (current is null) conditions.Add(condition);
        else conditions[conditions.IndexOf(current)] = condition;
        return true;
    }

    /// <summary>True when the router named <paramref name="routerName"/> admitted the Route.</summary>
    public static bool IsAdmittedBy(Route route, string routerName) =>
        route.Status?.Ingress?.FirstOrDefault(i => i.RouterName == routerName)?.Conditions?
            .Any(c => c.Type == Admitted && c.Status == "True") == true;
}
