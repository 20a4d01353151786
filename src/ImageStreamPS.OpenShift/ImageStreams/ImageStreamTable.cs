using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// The columns of <c>oc get is</c> that need more than a field (openshift-apiserver
/// <c>printers/internalversion/printer.go</c>): the TAGS list.
/// </summary>
public static class ImageStreamTable
{
    private const int TagsWidth = 40;

    /// <summary>
    /// Status tags, most recently updated first (ties by name), joined with commas up to the width oc prints (<see cref="TagsUpToWidth"/>).
    /// </summary>
    public static string TagsColumn(ImageStream stream)
    {
        var tags = (stream.Status?.Tags ?? [])
            .Where(t => !string.IsNullOrEmpty(t.Tag))
            .Select(t => (t.Tag, Created: t.Items?.FirstOrDefault()?.Created ?? DateTime.MinValue))
            .OrderByDescending(t => t.Created)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Select(t => t.Tag)
            .ToList();
        return TagsUpToWidth(tags);
    }

    /// <summary>
    /// <c>printTagsUpToWidth</c>: as many tags as fit in about 40 characters (a comma counted per tag; a
    /// little more when that evens the edge), then <c> + N more...</c>.
    /// </summary>
    public static string TagsUpToWidth(IReadOnlyList<string> tags)
    {
        var shown = tags.Count;
        var remaining = TagsWidth;
        for (var i = 0; i < tags.Count; i++)
        {
            remaining -= tags[i].Length + 1;
            if (remaining >= 0) continue;
            if (i == 0) { shown = 1; break; }
            const int margin = TagsWidth / 4;
            if (margin < remaining + tags[i].Length && margin >= -remaining) continue;
            shown = i;
            break;
        }
        var hidden = tags.Count - shown;
        var text = string.Join(",", tags.Take(shown));
        return hidden > 0 ? $"{text} + {hidden} more..." : text;
    }
}
