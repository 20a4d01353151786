using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources.Core;

namespace ImageStreamPS.Sandbox.Resources.Apps;

/// <summary>Validation shared by apps/v1 workloads with a selector and a pod template.</summary>
internal static class WorkloadRules
{
    public static IEnumerable<FieldError> Validate(JsonObject obj)
    {
        foreach (var error in Validation.DnsSubdomainName(ObjectMeta.Name(obj))) yield return error;
        var spec = obj["spec"] as JsonObject;
        if (ObjectMeta.Int(spec, "replicas") is < 0 and var replicas)
            yield return FieldError.Invalid("spec.replicas", replicas, "must be greater than or equal to 0");
        var selector = spec?["selector"] as JsonObject;
        var matchLabels = selector?["matchLabels"] as JsonObject;
        if (selector is null || (matchLabels is null or { Count: 0 } && selector["matchExpressions"] is not JsonArray { Count: > 0 }))
            yield return FieldError.Required("spec.selector");
        else if (selector is not null)
        {
            var templateLabels = ObjectMeta.Labels(spec?["template"] as JsonObject ?? new JsonObject());
            var mismatch = matchLabels?.Any(p => !templateLabels.TryGetValue(p.Key, out var v) || v != p.Value?.ToString()) ?? false;
            if (mismatch)
                yield return FieldError.InvalidLiteral("spec.template.metadata.labels",
                    "map[string]string{" + string.Join(", ", templateLabels.Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}",
                    "`selector` does not match template `labels`");
        }
        foreach (var error in PodSpecDefaults.Validate(spec?["template"]?["spec"], "spec.template.spec")) yield return error;
    }

    public static IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old)
    {
        foreach (var error in Validate(obj)) yield return error;
        var selector = obj["spec"]?["selector"];
        if (!JsonNode.DeepEquals(selector, old["spec"]?["selector"]))
            yield return FieldError.InvalidLiteral("spec.selector", selector?.ToJsonString() ?? "null", "field is immutable");
    }

    public static void DefaultTemplate(JsonObject obj)
    {
        var spec = ObjectMeta.Ensure(obj, "spec");
        ObjectMeta.Default(spec, "replicas", 1);
        if (spec["template"] is JsonObject template) PodSpecDefaults.Apply(ObjectMeta.Ensure(template, "spec"));
    }

    public static string Count(JsonObject obj, string section, string field) => (ObjectMeta.Int(obj, section, field) ?? 0).ToString();
}
