using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>Content digests (<c>sha256:&lt;hex&gt;</c>) as the distribution API uses them.</summary>
internal static partial class Digest
{
    public static string Sha256(ReadOnlySpan<byte> content) =>
        "sha256:" + Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    public static async Task<string> Sha256Async(Stream content, CancellationToken cancellationToken)
    {
        var hash = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        return "sha256:" + Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>True for <c>algorithm:hex</c> with a sha256/sha512 hex of the right length.</summary>
    public static bool IsValid(string? digest) => digest is not null && DigestPattern().IsMatch(digest);

    /// <summary>The hex part of a sha256 digest, or null for anything else (so it is safe in a file path).</summary>
    public static string? Sha256Hex(string? digest) =>
        digest is not null && Sha256Pattern().IsMatch(digest) ? digest[7..] : null;

    [GeneratedRegex("^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256Pattern();
}
