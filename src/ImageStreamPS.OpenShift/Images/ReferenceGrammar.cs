using System.Text.RegularExpressions;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// The Docker reference grammar as library-go's internal reference package spells it:
/// <c>[host[:port]/]component(/component)*[:tag][@digest]</c>.
/// </summary>
internal static class ReferenceGrammar
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
    public static readonly Regex Reference = new(
        "^(" + Name + ")(?::(" + TagPattern + "))?(?:@(" + DigestPattern + "))?\\z",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public static readonly Regex Tag = new("^" + TagPattern + "\\z", RegexOptions.CultureInvariant);

    public static readonly Regex Digest = new("^" + DigestPattern + "\\z", RegexOptions.CultureInvariant);

    /// <summary>Validates a digest as distribution's <c>digest.ParseDigest</c> does; null when valid.</summary>
    public static string? ValidateDigest(string digest)
    {
        if (!Regex.IsMatch(digest, "^[a-zA-Z0-9_+.-]+:[a-fA-F0-9]+\\z", RegexOptions.CultureInvariant))
            return "invalid checksum digest format";
        var colon = digest.IndexOf(':');
        var hexLength = digest.Length - colon - 1;
        return digest[..colon] switch
        {
            "sha256" => hexLength == 64 ? null : "invalid checksum digest length",
            "sha384" => hexLength == 96 ? null : "invalid checksum digest length",
            "sha512" => hexLength == 128 ? null : "invalid checksum digest length",
            _ => "unsupported digest algorithm",
        };
    }
}
