using System.Text.RegularExpressions;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// distribution/reference's <c>ParseNormalizedNamed</c>, what a kubelet applies to a container's image before it
/// pulls (kubernetes <c>parsers.ParseImageName</c> in <c>images.applyDefaultImageTag</c>): a short name gets
/// Docker Hub's domain and <c>library/</c>, the repository must be lowercase, then the reference grammar applies.
/// It differs from OpenShift's <see cref="DockerImageReference.TryParse(string?, out DockerImageReference?, out string?)"/>
/// in that normalization (an upper-case first component is a domain) and in its messages.
/// </summary>
public static partial class NormalizedImageName
{
    private const string DefaultDomain = "docker.io";
    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepositoryName = "library";

    /// <summary>Why <paramref name="image"/> does not parse (distribution's error text), or null when it does.</summary>
    public static string? ParseError(string image)
    {
        if (AnchoredIdentifier().IsMatch(image))
            return $"invalid repository name ({image}), cannot specify 64-byte hexadecimal strings";
        var (domain, remainder) = SplitDockerDomain(image);
        var tagSeparator = remainder.IndexOf(':');
        var remote = tagSeparator > -1 ? remainder[..tagSeparator] : remainder;
        if (!string.Equals(remote.ToLowerInvariant(), remote, StringComparison.Ordinal))
            return $"invalid reference format: repository name ({remote}) must be lowercase";
        return DockerImageReference.TryParse(domain + "/" + remainder, out _, out var error) ? null : error;
    }

    // splitDockerDomain: the first component is a domain when it has '.' or ':', is localhost, or is not lowercase.
    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        var slash = name.IndexOf('/');
        string domain, remainder;
        if (slash == -1 || (name[..slash].IndexOfAny(['.', ':']) < 0 && name[..slash] != "localhost" &&
                            string.Equals(name[..slash].ToLowerInvariant(), name[..slash], StringComparison.Ordinal)))
            (domain, remainder) = (DefaultDomain, name);
        else
            (domain, remainder) = (name[..slash], name[(slash + 1)..]);
        if (domain == LegacyDefaultDomain) domain = DefaultDomain;
        if (domain == DefaultDomain && !remainder.Contains('/')) remainder = OfficialRepositoryName + "/" + remainder;
        return (domain, remainder);
    }

    [GeneratedRegex("^[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredIdentifier();
}
