using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

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
    public static JsonObject? Desired(JsonObject service, IEnumerable<JsonObject> pods, JsonObject? current)
    {
        if (service["spec"]?["selector"] is not JsonObject { Count: > 0 } selectorNode) return null;
        var selector = ObjectFields.StringMap(selectorNode);
        var ready = new JsonArray();
        var notReady = new JsonArray();
        var matched = pods
            .Where(p => !p.IsDeleting() && (string?)p["status"]?["podIP"] is { Length: > 0 })
            .Where(p => selector.All(s => p.Labels().TryGetValue(s.Key, out var v) && v == s.Value))
            .OrderBy(p => (string?)p["status"]?["podIP"], StringComparer.Ordinal)
            .ToList();
        foreach (var pod in matched)
        {
            var address = new JsonObject
            {
                ["ip"] = (string?)pod["status"]!["podIP"],
                ["nodeName"] = (string?)pod["spec"]?["nodeName"],
                ["targetRef"] = new JsonObject
                {
                    ["kind"] = "Pod", ["namespace"] = pod.Namespace(), ["name"] = pod.Name(), ["uid"] = pod.Uid(),
                },
            };
            (PodRuntime.IsReady(pod) ? ready : notReady).Add(address);
        }
        var ports = new JsonArray();
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var target = TargetPort(port, matched.FirstOrDefault());
            if (target is null) continue;
            var p = new JsonObject { ["port"] = target, ["protocol"] = (string?)port["protocol"] ?? "TCP" };
            if ((string?)port["name"] is { Length: > 0 } name) p["name"] = name;
            ports.Add(p);
        }

        var endpoints = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject
            {
                ["name"] = service.Name(),
                ["namespace"] = service.Namespace(),
                ["labels"] = service["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
            },
        };
        if (matched.Count > 0 && ports.Count > 0)
        {
            var subset = new JsonObject();
            if (ready.Count > 0) subset["addresses"] = ready;
            if (notReady.Count > 0) subset["notReadyAddresses"] = notReady;
            subset["ports"] = ports;
            endpoints["subsets"] = new JsonArray(subset);
        }
        if (current is not null
            && PodTemplateHash.Canonical(current["subsets"]) == PodTemplateHash.Canonical(endpoints["subsets"])
            && PodTemplateHash.Canonical(current["metadata"]?["labels"]) == PodTemplateHash.Canonical(endpoints["metadata"]!["labels"]))
            return null;
        if (current is not null) endpoints.Metadata()["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone();
        return endpoints;
    }

    /// <summary>targetPort as a number, or a named container port looked up in a matching Pod.</summary>
    private static long? TargetPort(JsonObject port, JsonObject? pod)
    {
        var target = port["targetPort"] ?? port["port"];
        if (target is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return ObjectFields.Long(v);
        var name = target?.ToString();
        if (long.TryParse(name, out var number)) return number;
        var containerPort = (pod?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
            .FirstOrDefault(p => (string?)p["name"] == name);
        return containerPort is null ? null : ObjectFields.Long(containerPort["containerPort"]);
    }
}
