using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources.Core;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources.Apps;

/// <summary>Defaulting and validation shared by apps/v1 workloads with a selector and a pod template.</summary>
internal static class WorkloadRules
{
    public static IEnumerable<FieldError> Validate(V1ObjectMeta metadata, int? replicas, V1LabelSelector? selector, V1PodTemplateSpec? template)
    {
        foreach (var error in NameValidation.Name(metadata?.Name ?? "", NameValidation.Dns1123Subdomain)) yield return error;
        if (replicas is < 0) yield return FieldError.Invalid("spec.replicas", replicas.Value, "must be greater than or equal to 0");
        if (selector is null || (selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 }))
            yield return FieldError.Required("spec.selector");
        else
        {
            var templateLabels = template?.Metadata?.Labels ?? new Dictionary<string, string>();
            var mismatch = selector.MatchLabels?.Any(p => !templateLabels.TryGetValue(p.Key, out var v) || v != p.Value) ?? false;
            if (mismatch)
                yield return FieldError.InvalidLiteral("spec.template.metadata.labels",
                    "map[string]string{" + string.Join(", ", templateLabels.Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}",
                    "`selector` does not match template `labels`");
        }
        foreach (var error in PodSpecDefaults.Validate(template?.Spec, "spec.template.spec")) yield return error;
    }

    /// <summary>The selector may not change.</summary>
    public static IEnumerable<FieldError> ValidateSelectorUpdate(V1LabelSelector? selector, V1LabelSelector? old)
    {
        var next = selector is null ? null : Wire.Encode(selector);
        if (!JsonNode.DeepEquals(next, old is null ? null : Wire.Encode(old)))
            yield return FieldError.InvalidLiteral("spec.selector", next?.ToJsonString() ?? "null", "field is immutable");
    }

    /// <summary>replicas 1 and the pod template's defaults.</summary>
    public static int DefaultTemplate(int? replicas, V1PodTemplateSpec? template)
    {
        if (template is not null) PodSpecDefaults.Apply(template.Spec ??= new V1PodSpec());
        return replicas ?? 1;
    }
}
