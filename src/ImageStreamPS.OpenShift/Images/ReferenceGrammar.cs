using System.Text.RegularExpressions;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// The Docker reference grammar as library-go's internal reference package spells it:
/// <c>[host[:port]/]component(/component)*[:tag][@digest]</c>.
/// </summary>
internal static partial class ReferenceGrammar
{
    public const int NameTotalLengthMax = 255;

    private const string AlphaNumeric = "[a-z0-9]+";
    // library-go writes the separator as (?:[._]|__|[-]*); its empty choice only joins two alphanumeric
    // runs, which [a-z0-9]+ already does, so -+ is the same language without exponential backtracking.
    private const string Separator = "(?:[._]|__|-+)";
    private const string NameComponent = AlphaNumeric + "(?:" + Separator + AlphaNumeric + ")*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = DomainComponent + "(?:\\." + DomainComponent + ")*(?::[0-9]+)?";
    public const string TagPattern = "[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}"; // Go's \w is ASCII-only
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private const string Name = "(?:" + Domain + "/)?" + NameComponent + "(?:/" + NameComponent + ")*";

    // \z, not $: Go's $ does not match before a trailing newline. .NET backtracking prefers the same alternatives as Go's leftmost-first submatch rules here.
    // Built on first use: a NonBacktracking regex costs ~100 ms of CPU to build cold, which a
    // command that only checks a tag name (the first Get-ImageTag of a session) should not pay.
    public static Regex Reference => ReferenceHolder.Regex;

    public static Regex Tag => TagRegex();

    public static Regex Digest => DigestRegex();

    private static class ReferenceHolder
    {
        public static readonly Regex Regex = new(
            "^(" + Name + ")(?::(" + TagPattern + "))?(?:@(" + DigestPattern + "))?\\z",
            RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    [GeneratedRegex("^" + TagPattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();

    [GeneratedRegex("^" + DigestPattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestRegex();

    [GeneratedRegex("^[a-zA-Z0-9_+.-]+:[a-fA-F0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestFormat();

    /// <summary>Validates a digest as distribution's <c>digest.ParseDigest</c> does; null when valid.</summary>
    public static string? ValidateDigest(string digest)
    {
        if (!DigestFormat().IsMatch(digest))
            return "invalid checksum digest format";
        var colon = digest.IndexOf(':');
        var hexLength = digest.Length - colon - 1;
        return digest.AsSpan(0, colon) switch
        {
            "sha256" => hexLength == 64 ? null : "invalid checksum digest length",
            "sha384" => hexLength == 96 ? null : "invalid checksum digest length",
            "sha512" => hexLength == 128 ? null : "invalid checksum digest length",
            _ => "unsupported digest algorithm",
        };
    }
}
