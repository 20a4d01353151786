using System.Globalization;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>intstr.GetScaledValueFromIntOrPercent against a total (maxSurge rounds up, maxUnavailable down).</summary>
internal static class IntOrPercent
{
    public static int Scale(IntOrString? value, int total, bool roundUp, int fallbackPercent)
    {
        var text = value?.Value ?? fallbackPercent + "%";
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
        var scaled = percent * (double)total / 100;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
