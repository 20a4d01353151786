using System.Diagnostics.CodeAnalysis;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// A strict semantic version as blang/semver (used by OpenShift's tag ordering) parses and compares it:
/// <c>MAJOR.MINOR.PATCH[-pre.release][+build]</c>, no leading zeros, build metadata ignored in comparisons.
/// </summary>
internal sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private SemanticVersion(ulong major, ulong minor, ulong patch, string[] pre)
    {
        (Major, Minor, Patch, Pre) = (major, minor, patch, pre);
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }
    public string[] Pre { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        var parts = text.Split('.', 3);
        if (parts.Length != 3) return false;
        if (!TryNumber(parts[0], out var major) || !TryNumber(parts[1], out var minor)) return false;

        var patchText = parts[2];
        string[] build = [], pre = [];
        var plus = patchText.IndexOf('+');
        if (plus != -1)
        {
            build = patchText[(plus + 1)..].Split('.');
            patchText = patchText[..plus];
        }
        var dash = patchText.IndexOf('-');
        if (dash != -1)
        {
            pre = patchText[(dash + 1)..].Split('.');
            patchText = patchText[..dash];
        }
        if (!TryNumber(patchText, out var patch)) return false;
        foreach (var p in pre)
        {
            if (p.Length == 0 || !p.All(IsIdentifierChar)) return false;
            if (p.All(char.IsAsciiDigit) && p.Length > 1 && p[0] == '0') return false;
        }
        if (build.Any(b => b.Length == 0 || !b.All(IsIdentifierChar))) return false;

        version = new SemanticVersion(major, minor, patch, pre);
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        if (Pre.Length == 0 && other.Pre.Length == 0) return 0;
        if (Pre.Length == 0) return 1;
        if (other.Pre.Length == 0) return -1;
        for (var i = 0; i < Math.Min(Pre.Length, other.Pre.Length); i++)
        {
            c = ComparePre(Pre[i], other.Pre[i]);
            if (c != 0) return c;
        }
        return Pre.Length.CompareTo(other.Pre.Length);
    }

    private static int ComparePre(string a, string b)
    {
        var aNum = a.All(char.IsAsciiDigit) && ulong.TryParse(a, out var an);
        var bNum = b.All(char.IsAsciiDigit) && ulong.TryParse(b, out var bn);
        if (aNum && bNum) return ulong.Parse(a).CompareTo(ulong.Parse(b));
        if (aNum) return -1;
        if (bNum) return 1;
        return string.CompareOrdinal(a, b);
    }

    private static bool TryNumber(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || !s.All(char.IsAsciiDigit)) return false;
        if (s.Length > 1 && s[0] == '0') return false;
        return ulong.TryParse(s, out value);
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
}
