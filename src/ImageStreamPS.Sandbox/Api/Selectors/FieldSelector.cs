using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c>: comma = AND of <c>field=value</c>, <c>field==value</c>,
/// <c>field!=value</c> over the labels the kind's strategy supports (others: 400
/// <c>field label not supported: x</c>).
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Negate)> _terms = [];

    public static FieldSelector Everything { get; } = new();
    public bool IsEmpty => _terms.Count == 0;

    public static FieldSelector Parse(string? text, IReadOnlyCollection<string> supported)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Length == 0) continue;
            int at;
            string op;
            if ((at = term.IndexOf("!=", StringComparison.Ordinal)) > 0) op = "!=";
            else if ((at = term.IndexOf("==", StringComparison.Ordinal)) > 0) op = "==";
            else if ((at = term.IndexOf('=')) > 0) op = "=";
            else throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            var field = term[..at].Trim();
            var value = term[(at + op.Length)..].Trim();
            if (!supported.Contains(field)) throw ApiErrors.BadRequest($"field label not supported: {field}");
            selector._terms.Add((field, value, op == "!="));
        }
        return selector;
    }

    public bool Matches(JsonObject obj, IResourceStrategy strategy) =>
        _terms.All(t => (strategy.FieldValue(obj, t.Field) == t.Value) != t.Negate);
}
