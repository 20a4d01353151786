namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// The order OpenShift lists tags in (library-go <c>PrioritizeTags</c>): <c>latest</c> first, then
/// minor versions (<c>5.1</c>, <c>v5.1</c>, <c>5.1-rc1</c>) newest first, then full semantic versions
/// newest first, then everything else in byte order. For equal versions the un-prefixed one comes first.
/// </summary>
public static class TagOrder
{
    private enum Priority { Latest, Minor, Full, Other }

    private sealed record Prioritized(string Tag, Priority Priority, SemanticVersion? Version, string Prefix);

    /// <summary>Returns the tags in OpenShift's display order.</summary>
    public static IReadOnlyList<string> Prioritize(IEnumerable<string> tags)
    {
        var list = tags.Select(Classify).ToList();
        list.Sort(Compare);
        return list.Select(p => p.Tag).ToList();
    }

    private static int Compare(Prioritized a, Prioritized b)
    {
        if (a.Priority != b.Priority) return a.Priority.CompareTo(b.Priority);
        if (a.Priority == Priority.Other) return string.CompareOrdinal(a.Tag, b.Tag);
        if (a.Priority == Priority.Latest) return 0;
        var cmp = b.Version!.CompareTo(a.Version!); // newer first
        if (cmp != 0) return cmp;
        cmp = string.CompareOrdinal(a.Prefix, b.Prefix);
        return cmp != 0 ? cmp : string.CompareOrdinal(a.Tag, b.Tag); // Go's sort is unstable here; make it total
    }

    private static Prioritized Classify(string tag)
    {
        if (tag == "latest") return new(tag, Priority.Latest, null, "");
        var (prefix, shortTag) = tag.StartsWith('v') ? ("v", tag[1..]) : ("", tag);

        if (SemanticVersion.TryParse(shortTag, out var full))
            return new(tag, Priority.Full, full, prefix);

        if (IsMinor(shortTag) && SemanticVersion.TryParse(shortTag + ".0", out var minor))
            return new(tag, Priority.Minor, minor, prefix);

        // 5.1-rc1: ^(\d+\.\d+)-\w+$
        var dash = shortTag.IndexOf('-');
        if (dash > 0 && IsMinor(shortTag[..dash]) && dash + 1 < shortTag.Length && shortTag[(dash + 1)..].All(IsWordChar)
            && SemanticVersion.TryParse(shortTag[..dash] + ".0" + shortTag[dash..], out var withPatch))
            return new(tag, Priority.Minor, withPatch, prefix);

        return new(tag, Priority.Other, null, prefix);
    }

    private static bool IsMinor(string s)
    {
        var dot = s.IndexOf('.');
        return dot > 0 && dot < s.Length - 1 && s.Remove(dot, 1).All(char.IsAsciiDigit) && s.IndexOf('.', dot + 1) < 0;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
