using System.Globalization;
using System.Text;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>Go's text rules the API's messages follow: <c>unicode.IsPrint</c> and <c>%q</c> (<c>strconv.Quote</c>).</summary>
public static class GoText
{
    /// <summary>
    /// <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space; not other spaces,
    /// controls, format characters, private use or unassigned code points.
    /// </summary>
    public static bool IsPrint(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    /// <summary><c>%q</c>: double-quoted, with Go's escapes for quotes, backslashes and what is not printable.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\a': quoted.Append("\\a"); break;
                case '\b': quoted.Append("\\b"); break;
                case '\f': quoted.Append("\\f"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\v': quoted.Append("\\v"); break;
                default:
                    if (IsPrint(rune)) quoted.Append(rune.ToString());
                    else if (rune.Value < 0x80) quoted.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    else if (rune.Value < 0x10000) quoted.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    else quoted.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
