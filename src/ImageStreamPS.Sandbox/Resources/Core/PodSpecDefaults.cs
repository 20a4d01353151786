using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>
/// Kubernetes' defaulting and validation of a PodSpec (k8s.io/kubernetes pkg/apis/core/v1/defaults.go),
/// shared by pods and the templates of deployments and replicasets, so clients round-trip the same
/// fields a real cluster returns.
/// </summary>
public static class PodSpecDefaults
{
    public static void Apply(JsonObject spec)
    {
        ObjectMeta.Default(spec, "restartPolicy", "Always");
        ObjectMeta.Default(spec, "terminationGracePeriodSeconds", 30);
        ObjectMeta.Default(spec, "dnsPolicy", "ClusterFirst");
        ObjectMeta.Default(spec, "securityContext", new JsonObject());
        ObjectMeta.Default(spec, "schedulerName", "default-scheduler");
        foreach (var list in new[] { "initContainers", "containers" })
            if (spec[list] is JsonArray containers)
                foreach (var container in containers.OfType<JsonObject>()) Container(container);
    }

    /// <summary>The extra defaults a Pod (not a template) gets from defaulting and admission.</summary>
    public static void ApplyPodOnly(JsonObject spec)
    {
        ObjectMeta.Default(spec, "serviceAccountName", "default");
        ObjectMeta.Default(spec, "serviceAccount", ObjectMeta.Str(spec, "serviceAccountName"));
        ObjectMeta.Default(spec, "enableServiceLinks", true);
        ObjectMeta.Default(spec, "preemptionPolicy", "PreemptLowerPriority");
        ObjectMeta.Default(spec, "priority", 0);
    }

    private static void Container(JsonObject container)
    {
        ObjectMeta.Default(container, "imagePullPolicy", PullPolicy(ObjectMeta.Str(container, "image") ?? ""));
        ObjectMeta.Default(container, "terminationMessagePath", "/dev/termination-log");
        ObjectMeta.Default(container, "terminationMessagePolicy", "File");
        ObjectMeta.Default(container, "resources", new JsonObject());
        if (container["ports"] is JsonArray ports)
            foreach (var port in ports.OfType<JsonObject>()) ObjectMeta.Default(port, "protocol", "TCP");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is not JsonObject p) continue;
            ObjectMeta.Default(p, "timeoutSeconds", 1);
            ObjectMeta.Default(p, "periodSeconds", 10);
            ObjectMeta.Default(p, "successThreshold", 1);
            ObjectMeta.Default(p, "failureThreshold", 3);
            if (p["httpGet"] is JsonObject http) ObjectMeta.Default(http, "scheme", "HTTP");
        }
    }

    /// <summary>Always for <c>:latest</c> or untagged images, IfNotPresent otherwise (digests included).</summary>
    public static string PullPolicy(string image)
    {
        // An image that does not parse (the placeholder " ") has no tag, so not "latest".
        if (image.Length == 0 || image.Trim().Length != image.Length || image.Contains('@')) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    public static IEnumerable<FieldError> Validate(JsonNode? spec, string path)
    {
        if (spec?["containers"] is not JsonArray containers || containers.Count == 0)
        {
            yield return FieldError.Required(path + ".containers");
            yield break;
        }
        var names = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject;
            var name = ObjectMeta.Str(container, "name");
            if (string.IsNullOrEmpty(name)) yield return FieldError.Required($"{path}.containers[{i}].name");
            else if (!Validation.IsDnsLabel(name)) yield return FieldError.Invalid($"{path}.containers[{i}].name", name, Validation.DnsLabelMessage);
            else if (!names.Add(name)) yield return FieldError.Duplicate($"{path}.containers[{i}].name", name);
            // Only an empty image is missing: " " is oc new-app's placeholder that a trigger replaces.
            if (string.IsNullOrEmpty(ObjectMeta.Str(container, "image")))
                yield return FieldError.Required($"{path}.containers[{i}].image");
        }
    }
}
