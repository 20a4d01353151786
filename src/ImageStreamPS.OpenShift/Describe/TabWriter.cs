using System.Text;

namespace ImageStreamPS.OpenShift.Describe;

/// <summary>
/// Go's <c>text/tabwriter</c> as oc's describers configure it (minwidth 0, tabwidth 8, padding 1,
/// pad character TAB, no flags): a tab ends a cell; cells of consecutive lines form a column whose
/// width is the widest cell plus padding, rounded up to a multiple of 8, and is filled with tabs.
/// </summary>
internal static class TabWriter
{
    private const int TabWidth = 8;
    private const int Padding = 1;

    public static string Format(string text)
    {
        var lines = text.Split('\n').Select(line => line.Split('\t')).ToArray();
        var output = new StringBuilder(text.Length + 64);
        var widths = new List<int>();
        FormatBlock(lines, widths, 0, lines.Length, output);
        return output.ToString();
    }

    // Go's tabwriter.format: find runs of lines that have a cell in the next column, size it, recurse.
    private static void FormatBlock(string[][] lines, List<int> widths, int line0, int line1, StringBuilder output)
    {
        var column = widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= lines[current].Length - 1) continue;
            WriteLines(lines, widths, line0, current, output);
            line0 = current;
            var width = 0;
            for (; current < line1; current++)
            {
                var cells = lines[current];
                if (column >= cells.Length - 1) break;
                width = Math.Max(width, Width(cells[column]) + Padding);
            }
            widths.Add(width);
            FormatBlock(lines, widths, line0, current, output);
            widths.RemoveAt(widths.Count - 1);
            line0 = current; // the line that ended the block has no cell in this column: skipping it is right
        }
        WriteLines(lines, widths, line0, line1, output);
    }

    private static void WriteLines(string[][] lines, List<int> widths, int line0, int line1, StringBuilder output)
    {
        for (var i = line0; i < line1; i++)
        {
            var cells = lines[i];
            for (var j = 0; j < cells.Length; j++)
            {
                output.Append(cells[j]);
                if (j < widths.Count && j < cells.Length - 1)
                {
                    var cellWidth = (widths[j] + TabWidth - 1) / TabWidth * TabWidth;
                    var n = cellWidth - Width(cells[j]);
                    output.Append('\t', (n + TabWidth - 1) / TabWidth);
                }
            }
            if (i + 1 < lines.Length) output.Append('\n');
        }
    }

    private static int Width(string cell) => cell.EnumerateRunes().Count();
}
