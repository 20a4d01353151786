using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>intstr.IntOrString scaled against a total (maxSurge rounds up, maxUnavailable down).</summary>
internal static class IntOrPercent
{
    public static int Scale(JsonNode? value, int total, bool roundUp, int fallbackPercent)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return (int)ObjectFields.Long(v);
        var text = value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : fallbackPercent + "%";
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
        var scaled = percent * (double)total / 100;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
