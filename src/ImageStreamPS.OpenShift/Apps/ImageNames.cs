using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// Names images the way a user checks them: by the image-stream tags that point at them now
/// (<c>citas:v1</c>), a version tag before the tag a trigger follows (<c>citas:prod</c>), else by a
/// short digest (<c>sha256:24ffc068a860</c>). Used by the RUNS columns and the -WhatIf/-Confirm texts.
/// </summary>
public sealed class ImageNames
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> tagsByDigest;
    private readonly HashSet<string> followed;

    /// <param name="tagsByDigest">For each image (<c>sha256:…</c>), the tags pointing at it.</param>
    /// <param name="followed">Tags named last, because they say less than a version tag (the ones a trigger follows).</param>
    public ImageNames(IReadOnlyDictionary<string, IReadOnlyList<string>> tagsByDigest, IEnumerable<string>? followed = null)
    {
        this.tagsByDigest = tagsByDigest ?? throw new ArgumentNullException(nameof(tagsByDigest));
        this.followed = (followed ?? []).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// For each image the streams' tags point at now, those tags, as <c>stream:tag</c> for streams in
    /// <paramref name="relativeTo"/> and <c>ns/stream:tag</c> for others, in ordinal order.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TagsByDigest(IEnumerable<ImageStream> streams, string relativeTo)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var byDigest = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            var ns = stream.Metadata?.NamespaceProperty ?? relativeTo;
            var name = stream.Metadata?.Name ?? "";
            foreach (var tag in stream.Status?.Tags ?? [])
            {
                if (tag.Items?.FirstOrDefault()?.Image is not { Length: > 0 } image) continue;
                if (!byDigest.TryGetValue(image, out var names)) byDigest[image] = names = [];
                names.Add(ns == relativeTo ? $"{name}:{tag.Tag}" : $"{ns}/{name}:{tag.Tag}");
            }
        }
        return byDigest.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The tags pointing at <paramref name="digest"/>, version tags before followed ones.</summary>
    public IReadOnlyList<string> TagsOf(string? digest)
    {
        if (digest is null || !tagsByDigest.TryGetValue(digest, out var tags) || tags.Count == 0) return [];
        return tags.Where(t => !followed.Contains(t)).Concat(tags.Where(followed.Contains)).ToList();
    }

    /// <summary>
    /// How <paramref name="image"/> (a pull spec, or a bare <c>sha256:…</c>) reads: the tags pointing at
    /// it (only the version tags when there are any), else its short digest, else the reference as written.
    /// </summary>
    public string NameOf(string? image) => NameOf(DigestOf(image), image);

    /// <summary>As <see cref="NameOf(string?)"/>, with the digest known separately (the one a runtime reports).</summary>
    public string NameOf(string? digest, string? image)
    {
        var tags = TagsOf(digest);
        if (tags.Count > 0)
        {
            var versions = tags.Where(t => !followed.Contains(t)).ToList();
            return string.Join(",", versions.Count > 0 ? versions : tags);
        }
        return digest is not null ? ImageDigest.Short(digest) : image ?? "";
    }

    /// <summary>
    /// For texts that also prove which image: the tag names with the short digest
    /// (<c>citas:v1 (sha256:24ffc068a860)</c>), or the image as written when no tag points at it.
    /// </summary>
    public string Describe(string? image)
    {
        var digest = DigestOf(image);
        return digest is not null && TagsOf(digest).Count > 0 ? $"{NameOf(digest, image)} ({ImageDigest.Short(digest)})" : image ?? "";
    }

    private static string? DigestOf(string? image) =>
        image is not null && image.StartsWith("sha256:", StringComparison.Ordinal) ? image : ImageDigest.Of(image);
}
