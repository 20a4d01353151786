using System.Management.Automation;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Model;

/// <summary>
/// A stream or tag as users type it: <c>citas</c>, <c>citas:v1</c>, <c>ns/citas:v1</c>,
/// <c>citas@sha256:…</c>, with wildcards in the stream and tag parts where a Get cmdlet allows them.
/// </summary>
public sealed class ImageTagName
{
    private ImageTagName(string text, string? ns, string stream, string? tag, string? id)
    {
        Text = text;
        Namespace = ns;
        Stream = stream;
        Tag = tag;
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
    public bool StreamHasWildcards => WildcardPattern.ContainsWildcardCharacters(Stream);

    /// <summary>True when the tag part has wildcards.</summary>
    public bool TagHasWildcards => Tag is not null && WildcardPattern.ContainsWildcardCharacters(Tag);

    /// <summary>Whether a stream name matches the stream part (wildcards allowed).</summary>
    public bool MatchesStream(string name) => new WildcardPattern(Stream, WildcardOptions.None).IsMatch(name);

    /// <summary>Whether a tag matches the tag part (wildcards allowed; no tag part matches every tag).</summary>
    public bool MatchesTag(string tag) => Tag is null || new WildcardPattern(Tag, WildcardOptions.None).IsMatch(tag);

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
                var tagWildcards = allowWildcards && WildcardPattern.ContainsWildcardCharacters(tag);
                if (!tagWildcards) ValidateTag(tag);
            }
        }

        var streamWildcards = allowWildcards && WildcardPattern.ContainsWildcardCharacters(rest);
        if (!streamWildcards) ValidateStream(rest, ns);
        return new ImageTagName(text, ns, rest, tag, id);
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
