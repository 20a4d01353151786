using System.Management.Automation.Language;

namespace ImageStreamPS.Completers;

/// <summary>Quotes completion values that PowerShell would otherwise split or interpret.</summary>
public static class CompletionText
{
    /// <summary>The value as typed on the command line: bare when safe, else single-quoted.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@')
            ? value
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
}
