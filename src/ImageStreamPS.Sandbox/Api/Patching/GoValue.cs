using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Api.Patching;

/// <summary>
/// A decoded JSON value printed as Go's <c>%v</c> prints the <c>interface{}</c> it decodes to
/// (<c>map[a:1 b:[x y]]</c>, keys sorted, <c>&lt;nil&gt;</c> for null), so patch errors read word for word
/// as apimachinery's do.
/// </summary>
internal static class GoValue
{
    public static string Format(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("<nil>");
                break;
            case JsonObject map:
                text.Append("map[");
                var first = true;
                foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(' ');
                    first = false;
                    text.Append(key).Append(':');
                    Append(text, value);
                }
                text.Append(']');
                break;
            case JsonArray list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) text.Append(' ');
                    Append(text, list[i]);
                }
                text.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String: text.Append(value.GetValue<string>()); break;
                    case JsonValueKind.True: text.Append("true"); break;
                    case JsonValueKind.False: text.Append("false"); break;
                    case JsonValueKind.Number:
                        var number = value.GetValue<double>();
                        // Go's %v of a float64: shortest form, exponent from 1e21 up.
                        text.Append(Math.Abs(number) >= 1e21
                            ? number.ToString("0.################e+00", CultureInfo.InvariantCulture)
                            : number.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    default: text.Append(value.ToJsonString()); break;
                }
                break;
        }
    }
}
