using System.Globalization;

namespace ImageStreamPS.OpenShift.Describe;

/// <summary>
/// Byte sizes worded as oc words them in <c>oc describe istag</c> (docker/go-units <c>HumanSize</c>:
/// decimal units, 4 significant digits, no space): <c>237.1MB</c>, <c>72.29MB</c>, <c>545B</c>.
/// </summary>
public static class HumanSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    public static string Format(double size)
    {
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }
        return size.ToString("G4", CultureInfo.InvariantCulture) + Units[unit];
    }
}
