using System.Text.RegularExpressions;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// library-go's <c>PrioritizeTags</c>: <c>latest</c> first, then minor versions (<c>X.Y</c>, <c>vX.Y</c>,
/// <c>X.Y-suffix</c>) newest first, then full versions newest first, then everything else by byte order.
/// </summary>
internal static partial class TagPriority
{
    public static List<string> Order(IEnumerable<string> tags) =>
        tags.Select(t => (Tag: t, Key: Key(t)))
            .OrderBy(t => t.Key.Group)
            .ThenByDescending(t => t.Key.Version)
            .ThenBy(t => t.Key.Prefixed)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Select(t => t.Tag)
            .ToList();

    private static (int Group, Version Version, bool Prefixed) Key(string tag)
    {
        if (tag == "latest") return (0, new Version(), false);
        var prefixed = tag.StartsWith('v');
        var bare = prefixed ? tag[1..] : tag;
        if (Minor().Match(bare) is { Success: true } minor)
            return (1, new Version(int.Parse(minor.Groups[1].Value), int.Parse(minor.Groups[2].Value)), prefixed);
        if (Full().Match(bare) is { Success: true } full)
            return (2, new Version(int.Parse(full.Groups[1].Value), int.Parse(full.Groups[2].Value), int.Parse(full.Groups[3].Value)), prefixed);
        return (3, new Version(), false);
    }

    [GeneratedRegex(@"^(\d{1,9})\.(\d{1,9})(?:-[\w.-]+)?$")]
    private static partial Regex Minor();

    [GeneratedRegex(@"^(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:-[\w.-]+)?$")]
    private static partial Regex Full();
}
