using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Core;

/// <summary>
/// Kubernetes' defaulting and validation of a PodSpec (k8s.io/kubernetes pkg/apis/core/v1/defaults.go),
/// shared by pods and the templates of deployments and replicasets, so clients round-trip the same
/// fields a real cluster returns.
/// </summary>
public static class PodSpecDefaults
{
    public static void Apply(V1PodSpec spec)
    {
        spec.RestartPolicy ??= "Always";
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SecurityContext ??= new V1PodSecurityContext();
        spec.SchedulerName ??= "default-scheduler";
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? [])) Container(container);
    }

    /// <summary>The extra defaults a Pod (not a template) gets from defaulting and admission.</summary>
    public static void ApplyPodOnly(V1PodSpec spec)
    {
        spec.ServiceAccountName ??= "default";
        spec.ServiceAccount ??= spec.ServiceAccountName;
        spec.EnableServiceLinks ??= true;
        spec.PreemptionPolicy ??= "PreemptLowerPriority";
        spec.Priority ??= 0;
    }

    private static void Container(V1Container container)
    {
        container.ImagePullPolicy ??= PullPolicy(container.Image ?? "");
        container.TerminationMessagePath ??= "/dev/termination-log";
        container.TerminationMessagePolicy ??= "File";
        container.Resources ??= new V1ResourceRequirements();
        foreach (var port in container.Ports ?? []) port.Protocol ??= "TCP";
        foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
        {
            if (probe is null) continue;
            probe.TimeoutSeconds ??= 1;
            probe.PeriodSeconds ??= 10;
            probe.SuccessThreshold ??= 1;
            probe.FailureThreshold ??= 3;
            if (probe.HttpGet is { } http) http.Scheme ??= "HTTP";
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

    public static IEnumerable<FieldError> Validate(V1PodSpec? spec, string path)
    {
        if (spec?.Containers is not { Count: > 0 } containers)
        {
            yield return FieldError.Required(path + ".containers");
            yield break;
        }
        var names = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var name = containers[i].Name;
            if (string.IsNullOrEmpty(name)) yield return FieldError.Required($"{path}.containers[{i}].name");
            else if (NameValidation.Dns1123Label(name) is { Count: > 0 } problems)
                foreach (var problem in problems) yield return FieldError.Invalid($"{path}.containers[{i}].name", name, problem);
            else if (!names.Add(name)) yield return FieldError.Duplicate($"{path}.containers[{i}].name", name);
            // Only an empty image is missing: " " is oc new-app's placeholder that a trigger replaces.
            if (string.IsNullOrEmpty(containers[i].Image))
                yield return FieldError.Required($"{path}.containers[{i}].image");
        }
    }

    /// <summary>
    /// kubernetes <c>validateContainersOnlyForPod</c>: what a Pod, unlike a pod template, may not have. An image
    /// with leading or trailing whitespace (<c>oc new-app</c>'s placeholder <c>" "</c>) is refused.
    /// </summary>
    public static IEnumerable<FieldError> ValidatePodOnly(V1PodSpec? spec, string path)
    {
        foreach (var (containers, field) in new[] { (spec?.Containers, "containers"), (spec?.InitContainers, "initContainers") })
            for (var i = 0; i < (containers?.Count ?? 0); i++)
                if (containers![i].Image is { } image && image.Trim().Length != image.Length)
                    yield return FieldError.Invalid($"{path}.{field}[{i}].image", image, "must not have leading or trailing whitespace");
    }
}
