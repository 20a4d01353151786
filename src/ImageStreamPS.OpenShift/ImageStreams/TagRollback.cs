using System.Globalization;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Tagging;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// Undo-ImageTag's rule: which image of a tag's history (status items, newest first) it goes back to,
/// and the <c>oc tag</c> source that points the tag there. Going back is tagging again: the tag's spec
/// is set to <c>stream@id</c> of that earlier image, the server records it as the newest history item,
/// and image triggers roll the apps that follow the tag back to it. (A rollback of the Deployment alone,
/// <c>oc rollout undo</c>, is reverted by the trigger, which writes the tag's image again.)
/// </summary>
public static class TagRollback
{
    /// <summary>
    /// The history item to go back to: <paramref name="to"/> is an index into the history (1, the default,
    /// is the image before the current one) or an image id (<c>sha256:…</c>, or a hex prefix of it).
    /// Returns the index and the item.
    /// </summary>
    /// <exception cref="TagRollbackException">The tag has no earlier image, the index or image is not in its
    /// history, or the tag already points at that image.</exception>
    public static (int Index, TagEvent Item) Target(ImageTagView tag, string? to)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var history = tag.History;
        var name = $"{tag.Stream.Namespace}/{tag.Name}";
        if (history.Count == 0) throw new TagRollbackException(TagRollbackError.NoImage, $"image stream tag {name} does not point to an image");
        var current = history[0];

        int index;
        if (string.IsNullOrWhiteSpace(to))
        {
            if (history.Count < 2)
            {
                throw new TagRollbackException(TagRollbackError.NoEarlierImage,
                    $"image stream tag {name} has pointed only to {current.Image}: there is no earlier image to go back to");
            }
            index = 1;
        }
        else if (int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number == 0) throw new TagRollbackException(TagRollbackError.AlreadyThere, $"history item 0 of {name} is its current image, {current.Image}");
            if (number >= history.Count)
            {
                throw new TagRollbackException(TagRollbackError.NotInHistory,
                    $"image stream tag {name} has {history.Count} history item(s), 0 to {history.Count - 1}: there is no item {number}");
            }
            index = number;
        }
        else
        {
            CheckTarget(to);
            var hex = HexOf(to.Trim());
            index = -1;
            for (var i = 0; i < history.Count; i++)
            {
                if (HexOf(history[i].Image ?? "").StartsWith(hex, StringComparison.OrdinalIgnoreCase)) { index = i; break; }
            }
            if (index < 0) throw new TagRollbackException(TagRollbackError.NotInHistory, $"image {to} is not in the history of image stream tag {name}");
        }

        var target = history[index];
        if (index == 0 || (!string.IsNullOrEmpty(target.Image) && target.Image == current.Image) ||
            (string.IsNullOrEmpty(target.Image) && target.DockerImageReference == current.DockerImageReference))
        {
            throw new TagRollbackException(TagRollbackError.AlreadyThere, $"image stream tag {name} already points to {Describe(current)}");
        }
        return (index, target);
    }

    /// <summary>
    /// The image before the current one when the tag's own history starts at its current image because the tag
    /// was deleted and set again (<c>oc tag -d</c> drops the history with the tag; the tutorial does just that
    /// before it promotes v2): the image the rollouts whose triggers follow the tag ran in their last revision
    /// before the current one with another image (<paramref name="followers"/>: each one's revisions), when they
    /// agree on one and it is an image of the tag's stream. Returns that stream item and which revision ran it,
    /// or null (then there is nothing to go back to).
    /// </summary>
    public static (TagEvent Item, RolloutRevision RanIt)? FromFollowers(ImageTagView tag, IEnumerable<IReadOnlyList<RolloutRevision>> followers)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(followers);
        var current = tag.Image;
        var earlier = new List<RolloutRevision>();
        foreach (var revisions in followers)
        {
            if (revisions.FirstOrDefault(r => r.IsCurrent) is not { } now) continue;
            if (revisions.Where(r => r.Revision < now.Revision && r.Digest is { Length: > 0 } d && d != current).MaxBy(r => r.Revision) is { } before) earlier.Add(before);
        }
        if (earlier.Count == 0 || earlier.Select(r => r.Digest).Distinct().Count() != 1) return null;
        var item = tag.Stream.Tags.SelectMany(t => t.History).FirstOrDefault(i => i.Image == earlier[0].Digest);
        return item is null ? null : (item, earlier[0]);
    }

    /// <summary>
    /// Checks the form of <paramref name="to"/> (a history index, or an image id <c>sha256:…</c>, <c>stream@sha256:…</c>
    /// or a hex prefix) before anything is read; null or empty means the image before the current one.
    /// </summary>
    /// <exception cref="TagRollbackException">InvalidTarget.</exception>
    public static void CheckTarget(string? to)
    {
        if (string.IsNullOrWhiteSpace(to) || int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return;
        var hex = HexOf(to.Trim());
        if (hex.Length == 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new TagRollbackException(TagRollbackError.InvalidTarget,
                $"\"{to}\" is neither a history index nor an image id (sha256:… or a hex prefix of one)");
        }
    }

    /// <summary>
    /// The source that points the tag at <paramref name="item"/>, as <c>oc tag</c> would be given it in the
    /// tag's namespace (the move's current namespace must be the tag's): <c>stream@id</c> (ImageStreamImage)
    /// for an imported or pushed image, or the pull spec (DockerImage) for a reference tag's item, which has
    /// no image id.
    /// </summary>
    public static TagSource SourceFor(ImageTagView tag, TagEvent item)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(item);
        var ns = tag.Stream.Namespace;
        return string.IsNullOrEmpty(item.Image)
            ? TagSource.Classify(item.DockerImageReference, TagSourceKind.DockerImage, ns)
            : TagSource.Classify($"{tag.Stream.Name}@{item.Image}", TagSourceKind.ImageStreamImage, ns);
    }

    /// <summary>
    /// The tag options of the move: the tag keeps its reference policy (and a reference tag's item, which
    /// has no image id, stays a reference); it no longer follows a source tag or a scheduled import
    /// (<see cref="StopsFollowing"/>).
    /// </summary>
    public static TagOptions OptionsFor(ImageTagView tag, TagEvent item)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(item);
        return new TagOptions
        {
            ReferencePolicy = tag.ReferencePolicy,
            Reference = tag.Spec?.Reference == true && string.IsNullOrEmpty(item.Image),
            ImportMode = tag.Spec?.ImportPolicy?.ImportMode is { Length: > 0 } mode ? mode : ImportMode.Legacy,
        };
    }

    /// <summary>What the tag followed before and will not follow after the move (a tag it aliased, a registry it re-imported), or null.</summary>
    public static string? StopsFollowing(ImageTagView tag) => tag?.Mode switch
    {
        "Alias" => $"the tag {tag.Source}",
        "Scheduled" => $"scheduled imports of {tag.Source}",
        _ => null,
    };

    private static string HexOf(string id) => id.Contains(':') ? id[(id.LastIndexOf(':') + 1)..] : id.Contains('@') ? id[(id.IndexOf('@') + 1)..] : id;

    private static string Describe(TagEvent item) => string.IsNullOrEmpty(item.Image) ? item.DockerImageReference : item.Image;
}

/// <summary>Why a tag cannot be moved back.</summary>
public enum TagRollbackError
{
    /// <summary>The tag has no image at all.</summary>
    NoImage,
    /// <summary>The tag has pointed at one image only.</summary>
    NoEarlierImage,
    /// <summary>The index or image is not in the tag's history.</summary>
    NotInHistory,
    /// <summary>-To is neither an index nor an image id.</summary>
    InvalidTarget,
    /// <summary>The tag points at that image already.</summary>
    AlreadyThere,
}

/// <summary>A tag that cannot be moved back as asked.</summary>
public sealed class TagRollbackException(TagRollbackError error, string message) : Exception(message)
{
    public TagRollbackError Error { get; } = error;
}
