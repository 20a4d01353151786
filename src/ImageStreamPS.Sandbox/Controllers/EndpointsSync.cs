using ImageStreamPS.Sandbox.Resources;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// The endpoints controller's decision for one Service (pkg/controller/endpoint): the Pods its
/// selector matches become addresses (ready ones) or notReadyAddresses, with the Service's ports
/// resolved to target ports. A Service without a selector keeps whatever Endpoints the user wrote.
/// </summary>
internal static class EndpointsSync
{
    public const string Resource = "endpoints";

    public static ResourceType Type { get; } = new()
    {
        Group = "", Version = "v1", Resource = Resource, Kind = "Endpoints", Namespaced = true,
        ListKind = "EndpointsList", Singular = "endpoints", ShortNames = ["ep"],
    };

    /// <returns>The Endpoints to write, or null when the stored one is already right (or the Service has no selector).</returns>
    public static V1Endpoints? Desired(V1Service service, IEnumerable<V1Pod> pods, V1Endpoints? current)
    {
        if (service.Spec?.Selector is not { Count: > 0 } selector) return null;
        var ready = new List<V1EndpointAddress>();
        var notReady = new List<V1EndpointAddress>();
        var matched = pods
            .Where(p => !p.IsDeleting() && !string.IsNullOrEmpty(p.Status?.PodIP))
            .Where(p => selector.All(s => p.Metadata.Labels?.TryGetValue(s.Key, out var v) == true && v == s.Value))
            .OrderBy(p => p.Status!.PodIP, StringComparer.Ordinal)
            .ToList();
        foreach (var pod in matched)
        {
            var address = new V1EndpointAddress
            {
                Ip = pod.Status!.PodIP,
                NodeName = pod.Spec?.NodeName,
                TargetRef = new V1ObjectReference
                {
                    Kind = "Pod", NamespaceProperty = pod.Metadata.NamespaceProperty, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid,
                },
            };
            (PodRuntime.IsReady(pod) ? ready : notReady).Add(address);
        }
        var ports = new List<Corev1EndpointPort>();
        foreach (var port in service.Spec.Ports ?? [])
        {
            if (TargetPort(port, matched.FirstOrDefault()) is not { } target) continue;
            ports.Add(new Corev1EndpointPort { Name = string.IsNullOrEmpty(port.Name) ? null : port.Name, Port = target, Protocol = port.Protocol ?? "TCP" });
        }

        var endpoints = new V1Endpoints
        {
            ApiVersion = "v1",
            Kind = "Endpoints",
            Metadata = new V1ObjectMeta
            {
                Name = service.Metadata.Name,
                NamespaceProperty = service.Metadata.NamespaceProperty,
                Labels = service.Metadata.Labels,
            },
        };
        if (matched.Count > 0 && ports.Count > 0)
        {
            endpoints.Subsets =
            [
                new V1EndpointSubset
                {
                    Addresses = ready.Count > 0 ? ready : null,
                    NotReadyAddresses = notReady.Count > 0 ? notReady : null,
                    Ports = ports,
                },
            ];
        }
        if (current is not null && PodTemplateHash.SameJson(new Subsets(current.Subsets), new Subsets(endpoints.Subsets))
            && PodTemplateHash.SameJson(new Labels(current.Metadata?.Labels), new Labels(endpoints.Metadata.Labels)))
            return null;
        if (current is not null) endpoints.Metadata.ResourceVersion = current.Metadata?.ResourceVersion;
        return endpoints;
    }

    private sealed record Subsets(IList<V1EndpointSubset>? Items);

    private sealed record Labels(IDictionary<string, string>? Items);

    /// <summary>targetPort as a number, or a named container port looked up in a matching Pod.</summary>
    private static int? TargetPort(V1ServicePort port, V1Pod? pod)
    {
        var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (int.TryParse(target, out var number)) return number;
        return (pod?.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == target)?.ContainerPort;
    }
}
