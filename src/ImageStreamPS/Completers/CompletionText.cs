using System.Management.Automation.Language;

namespace ImageStreamPS.Completers;

/// <summary>Quotes completion values that PowerShell would otherwise split or interpret.</summary>
internal static class CompletionText
{
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@')
            ? value
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
}
