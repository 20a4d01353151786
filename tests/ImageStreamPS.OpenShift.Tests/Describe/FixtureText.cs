namespace ImageStreamPS.OpenShift.Tests.Describe;

/// <summary>Cuts one command's output out of a captured text fixture.</summary>
internal static class FixtureText
{
    /// <summary>
    /// The text that starts at the <paramref name="occurrence"/>-th line equal to <paramref name="startLine"/>
    /// and ends before the next line starting with <paramref name="nextCommandPrefix"/> (the next typed
    /// command), without the blank line that separates them.
    /// </summary>
    public static string Section(string file, string startLine, string nextCommandPrefix, int occurrence = 1)
    {
        var lines = Fixture.Read(file).Split('\n');
        var start = -1;
        for (int i = 0, seen = 0; i < lines.Length; i++)
            if (lines[i] == startLine && ++seen == occurrence) { start = i; break; }
        Assert.True(start >= 0, $"'{startLine}' #{occurrence} not in {file}");
        var end = start + 1;
        while (end < lines.Length && !lines[end].StartsWith(nextCommandPrefix, StringComparison.Ordinal)) end++;
        while (end > start && lines[end - 1].Length == 0) end--;
        return string.Join('\n', lines[start..end]) + "\n";
    }

    /// <summary>The describe text from its <c>Unique Images:</c> line on (for captures whose header was elided).</summary>
    public static string FromUniqueImages(string describe) => describe[describe.IndexOf("Unique Images:", StringComparison.Ordinal)..];
}
