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
    /// Status tags, most recently updated first (ties by name), joined with commas; once 40 characters are used
    /// (a comma counted per tag) the rest is summarised as <c> + N more...</c>.
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
        // takeUpTo in oc's printer: each tag costs its length plus a comma.
        var width = 0;
        var shown = 0;
        while (shown < tags.Count && (width += tags[shown].Length + 1) <= TagsWidth) shown++;
        var text = string.Join(",", tags.Take(shown));
        return shown == tags.Count ? text : $"{text} + {tags.Count - shown} more...";
    }
}
