using System.Management.Automation;
using System.Reflection;
using ImageStreamPS.OpenShift.Durations;

namespace ImageStreamPS.Model;

/// <summary>
/// The value of an object's Age: a <see cref="TimeSpan"/> (Sort-Object, -lt and .TotalMinutes treat it
/// as one) that reads as oc's AGE column (<c>4m13s</c>, apimachinery HumanDuration) wherever PowerShell
/// turns it into text: the list PowerShell falls back to for mixed output, Format-List, Format-Table *.
/// </summary>
public static class AgeValue
{
    private static readonly MethodInfo FormatMethod = typeof(AgeValue).GetMethod(nameof(Format))!;

    /// <summary>The age of something created at <paramref name="created"/>, or null when that is unknown.</summary>
    internal static PSObject? Since(DateTime? created)
    {
        if (created is not DateTime time) return null;
        var age = new PSObject(DateTime.UtcNow - time.ToUniversalTime());
        // An instance ToString is what PowerShell's formatting calls; the value stays a TimeSpan.
        age.Methods.Add(new PSCodeMethod("ToString", FormatMethod));
        return age;
    }

    /// <summary>How an age reads: <c>4m13s</c>, as oc get's AGE column.</summary>
    public static string Format(PSObject instance) =>
        instance?.BaseObject is TimeSpan age ? ShortHumanDuration.Format(age) : instance?.BaseObject?.ToString() ?? "";
}
