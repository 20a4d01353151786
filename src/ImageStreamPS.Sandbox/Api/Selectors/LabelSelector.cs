using System.Text.RegularExpressions;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.Sandbox.Api.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c>: comma = AND of <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a)</c>, <c>k</c> (exists), <c>!k</c> (absent). Bad syntax is 400.
/// </summary>
public sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    public static LabelSelector Everything { get; } = new();
    public bool IsEmpty => _requirements.Count == 0;

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var term in SplitTerms(text))
        {
            var t = term.Trim();
            Match m;
            if ((m = SetTerm().Match(t)).Success)
            {
                var key = Key(m.Groups[1].Value, text);
                var values = m.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => Value(v, text)).ToHashSet();
                if (values.Count == 0) throw Bad(text, "for 'in', 'notin' operators, values set can't be empty");
                var notIn = m.Groups[2].Value == "notin";
                selector._requirements.Add(l => notIn
                    ? !l.TryGetValue(key, out var v) || !values.Contains(v)
                    : l.TryGetValue(key, out var v2) && values.Contains(v2));
            }
            else if ((m = EqualityTerm().Match(t)).Success)
            {
                var key = Key(m.Groups[1].Value, text);
                var value = Value(m.Groups[3].Value.Trim(), text);
                var negate = m.Groups[2].Value == "!=";
                selector._requirements.Add(l => negate
                    ? !l.TryGetValue(key, out var v) || v != value
                    : l.TryGetValue(key, out var v2) && v2 == value);
            }
            else if (t.StartsWith('!'))
            {
                var key = Key(t[1..].Trim(), text);
                selector._requirements.Add(l => !l.ContainsKey(key));
            }
            else
            {
                var key = Key(t, text);
                selector._requirements.Add(l => l.ContainsKey(key));
            }
        }
        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static string Key(string key, string text)
    {
        key = key.Trim();
        if (NameValidation.QualifiedName(key).Count > 0) throw Bad(text, $"invalid label key \"{key}\"");
        return key;
    }

    private static string Value(string value, string text)
    {
        if (NameValidation.LabelValue(value).Count > 0) throw Bad(text, $"invalid label value: \"{value}\"");
        return value;
    }

    private static StatusException Bad(string text, string why) =>
        ApiErrors.BadRequest($"unable to parse requirement: {why} (in selector \"{text}\")");

    [GeneratedRegex(@"^([^\s!=()]+)\s+(in|notin)\s*\((.*)\)$")]
    private static partial Regex SetTerm();
    [GeneratedRegex(@"^([^\s!=()]+)\s*(==|!=|=)\s*([^=!()]*)$")]
    private static partial Regex EqualityTerm();
}
