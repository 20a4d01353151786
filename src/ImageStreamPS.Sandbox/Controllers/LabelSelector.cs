using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>A metav1.LabelSelector (matchLabels and matchExpressions) evaluated against labels.</summary>
internal sealed class LabelSelector
{
    private readonly JsonObject? _selector;

    public LabelSelector(JsonNode? selector) => _selector = selector as JsonObject;

    /// <summary>An empty or missing selector matches nothing, as for workload controllers.</summary>
    public bool IsEmpty => _selector is null || (ObjectFields.StringMap(_selector["matchLabels"]).Count == 0
        && (_selector["matchExpressions"] as JsonArray ?? []).Count == 0);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (IsEmpty) return false;
        foreach (var (k, v) in ObjectFields.StringMap(_selector!["matchLabels"]))
            if (!labels.TryGetValue(k, out var actual) || actual != v) return false;
        foreach (var expr in (_selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)expr["key"] ?? "";
            var values = (expr["values"] as JsonArray ?? []).Select(n => n?.ToString()).ToHashSet();
            var has = labels.TryGetValue(key, out var value);
            var ok = ((string?)expr["operator"]) switch
            {
                "In" => has && values.Contains(value),
                "NotIn" => !has || !values.Contains(value),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
