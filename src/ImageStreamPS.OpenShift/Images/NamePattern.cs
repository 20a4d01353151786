using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// A name with PowerShell's wildcards (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-c]</c>, <c>`</c> escapes;
/// case-sensitive, as cluster names are), as <c>Get-ImageStream app-*</c> and <c>Get-ImageTag citas:v*</c>
/// take it. Written here because the engine has no PowerShell: the same grammar as
/// System.Management.Automation.WildcardPattern, but a malformed pattern (<c>citas:[</c>) is refused
/// with a message when parsed instead of failing when matched.
/// </summary>
public sealed class NamePattern
{
    private readonly Regex? regex;

    private NamePattern(string text, Regex? regex, string literal)
    {
        Text = text;
        this.regex = regex;
        Literal = literal;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>True when the text has a wildcard (an unescaped <c>*</c>, <c>?</c> or <c>[</c>).</summary>
    public bool HasWildcards => regex is not null;

    /// <summary>The literal name (escapes removed) when there are no wildcards.</summary>
    public string Literal { get; }

    /// <summary>Whether <paramref name="name"/> matches.</summary>
    public bool IsMatch(string name) => regex?.IsMatch(name) ?? string.Equals(Literal, name, StringComparison.Ordinal);

    /// <summary>A pattern that matches <paramref name="name"/> only, whatever characters it has.</summary>
    public static NamePattern Exactly(string name) => new(name, null, name);

    /// <summary>Whether <paramref name="text"/> has an unescaped <c>*</c>, <c>?</c> or <c>[</c>.</summary>
    public static bool ContainsWildcards(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '`') i++;
            else if (text[i] is '*' or '?' or '[') return true;
        }
        return false;
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out NamePattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = null;
        if (!ContainsWildcards(text))
        {
            error = null;
            pattern = new NamePattern(text, null, Unescape(text));
            return true;
        }

        var builder = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '`' when i + 1 < text.Length:
                    builder.Append(Regex.Escape(text[++i].ToString()));
                    break;
                case '*':
                    builder.Append(".*");
                    break;
                case '?':
                    builder.Append('.');
                    break;
                case '[':
                    var close = ClosingBracket(text, i + 1);
                    if (close < 0)
                    {
                        error = $"the wildcard pattern \"{text}\" is not valid: '[' at position {i + 1} has no closing ']'";
                        return false;
                    }
                    var set = text[(i + 1)..close];
                    if (set.Length == 0)
                    {
                        error = $"the wildcard pattern \"{text}\" is not valid: '[]' names no character";
                        return false;
                    }
                    builder.Append('[').Append(CharacterSet(set)).Append(']');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        error = null;
        pattern = new NamePattern(text, new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline), text);
        return true;
    }

    private static int ClosingBracket(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '`') i++;
            else if (text[i] == ']') return i;
        }
        return -1;
    }

    // Inside [...]: ranges a-z stay ranges, every other character is itself.
    private static string CharacterSet(string set)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < set.Length; i++)
        {
            var c = set[i];
            if (c == '`' && i + 1 < set.Length) c = set[++i];
            else if (c == '-' && builder.Length > 0 && i + 1 < set.Length)
            {
                builder.Append('-');
                continue;
            }
            builder.Append(c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString());
        }
        return builder.ToString();
    }

    private static string Unescape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '`' && i + 1 < text.Length) i++;
            builder.Append(text[i]);
        }
        return builder.ToString();
    }

    /// <summary>The pattern as written.</summary>
    public override string ToString() => Text;
}
