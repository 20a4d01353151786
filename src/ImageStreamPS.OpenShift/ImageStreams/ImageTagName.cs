using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// A stream or tag as users type it: <c>citas</c>, <c>citas:v1</c>, <c>ns/citas:v1</c>,
/// <c>citas@sha256:…</c>, with wildcards in the stream and tag parts where a Get cmdlet allows them.
/// </summary>
public sealed class ImageTagName
{
    private readonly NamePattern streamPattern;
    private readonly NamePattern? tagPattern;

    private ImageTagName(string text, string? ns, NamePattern stream, NamePattern? tag, string? id)
    {
        Text = text;
        Namespace = ns;
        streamPattern = stream;
        tagPattern = tag;
        Stream = stream.HasWildcards ? stream.Text : stream.Literal;
        Tag = tag is null ? null : tag.HasWildcards ? tag.Text : tag.Literal;
        Id = id;
    }

    /// <summary>What the user typed.</summary>
    public string Text { get; }

    /// <summary>The namespace part (<c>ns/</c>), or null.</summary>
    public string? Namespace { get; }

    /// <summary>The stream part.</summary>
    public string Stream { get; }

    /// <summary>The tag part, or null.</summary>
    public string? Tag { get; }

    /// <summary>The image id after <c>@</c>, or null.</summary>
    public string? Id { get; }

    /// <summary>True when the stream part has wildcards.</summary>
    public bool StreamHasWildcards => streamPattern.HasWildcards;

    /// <summary>True when the tag part has wildcards.</summary>
    public bool TagHasWildcards => tagPattern?.HasWildcards ?? false;

    /// <summary>Whether a stream name matches the stream part (wildcards allowed).</summary>
    public bool MatchesStream(string name) => streamPattern.IsMatch(name);

    /// <summary>Whether a tag matches the tag part (wildcards allowed; no tag part matches every tag).</summary>
    public bool MatchesTag(string tag) => tagPattern?.IsMatch(tag) ?? true;

    /// <summary>
    /// Whether <paramref name="tag"/> is named: by its tag (wildcards allowed), or, for <c>stream@id</c>, by
    /// its current image (a digest or a hex prefix of one).
    /// </summary>
    public bool Matches(ImageTagView tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (Id is null) return MatchesTag(tag.Tag);
        var wanted = Id.Contains(':') ? Id : "sha256:" + Id;
        return tag.Image.Length > 0 && tag.Image.StartsWith(wanted, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="allowWildcards"/> lets <c>*</c>, <c>?</c> and
    /// <c>[]</c> through in the stream and tag parts. Throws <see cref="ArgumentException"/> with
    /// OpenShift's wording when a part is invalid.
    /// </summary>
    public static ImageTagName Parse(string text, bool allowWildcards)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The name is empty.");
        var rest = text.Trim();
        string? ns = null;
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
            if (ImageStreamValidation.ValidateNamespace(ns) is { } problem)
                throw new ArgumentException($"invalid namespace \"{ns}\" in \"{text}\": {problem}");
            if (rest.Contains('/')) throw new ArgumentException($"invalid name \"{text}\": expected [namespace/]stream[:tag], or [namespace/]stream@id");
        }

        string? id = null;
        string? tag = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            id = rest[(at + 1)..];
            rest = rest[..at];
            if (!ImageStreamValidation.IsValidImageId(id)) throw new ArgumentException($"invalid image id \"{id}\" in \"{text}\": expected sha256:<hex> or a hex prefix");
        }
        else
        {
            var colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                tag = rest[(colon + 1)..];
                rest = rest[..colon];
            }
        }

        var tagPattern = tag is null ? null : Pattern(tag, text, allowWildcards);
        if (tagPattern is { HasWildcards: false }) ValidateTag(tagPattern.Literal);
        var streamPattern = Pattern(rest, text, allowWildcards);
        if (!streamPattern.HasWildcards) ValidateStream(streamPattern.Literal, ns);
        return new ImageTagName(text, ns, streamPattern, tagPattern, id);
    }

    // Without wildcards allowed the part is taken literally (and then validated as a name).
    private static NamePattern Pattern(string part, string text, bool allowWildcards)
    {
        if (!allowWildcards) return NamePattern.Exactly(part);
        return NamePattern.TryParse(part, out var pattern, out var error) ? pattern : throw new ArgumentException($"invalid name \"{text}\": {error}");
    }

    /// <summary>Throws when <paramref name="name"/> is not a valid image stream name (OpenShift's rule and message).</summary>
    public static void ValidateStream(string name, string? ns = null)
    {
        if (ImageStreamValidation.ValidateStreamName(name, ns).FirstOrDefault() is { } problem)
            throw new ArgumentException($"invalid image stream name \"{name}\": {problem.Detail}");
    }

    /// <summary>Throws when <paramref name="tag"/> is not a valid tag name.</summary>
    public static void ValidateTag(string tag)
    {
        if (ImageStreamValidation.ValidateTag(tag) is { } problem) throw new ArgumentException(problem);
    }

    /// <summary>What the user typed.</summary>
    public override string ToString() => Text;
}
