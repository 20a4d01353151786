using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Durations;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// The row of <c>oc get is</c> (openshift-apiserver <c>printers/internalversion/printer.go</c>
/// <c>printImageStream</c>): NAME, IMAGE REPOSITORY, TAGS, UPDATED. The sandbox serves it as its Table
/// and the module shows the same columns.
/// </summary>
public static class ImageStreamTable
{
    private const int TagsWidth = 40;

    /// <summary>The four cells, with UPDATED worded as seen at <paramref name="now"/>.</summary>
    public static IReadOnlyList<string> Row(ImageStream stream, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return [stream.Metadata?.Name ?? "", ImageRepository(stream), TagsColumn(stream), UpdatedColumn(stream, now)];
    }

    /// <summary>IMAGE REPOSITORY: the public repository when exposed, else <c>spec.dockerImageRepository</c>, else the in-cluster one.</summary>
    public static string ImageRepository(ImageStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!string.IsNullOrEmpty(stream.Status?.PublicDockerImageRepository)) return stream.Status.PublicDockerImageRepository;
        return !string.IsNullOrEmpty(stream.Spec?.DockerImageRepository) ? stream.Spec.DockerImageRepository : stream.Status?.DockerImageRepository ?? "";
    }

    /// <summary>When a tag last moved: the newest <c>items[0].created</c> over the status tags, or null.</summary>
    public static DateTime? Updated(ImageStream stream) =>
        (stream.Status?.Tags ?? []).Select(t => t.Items is { Count: > 0 } items ? items[0].Created : null).Where(c => c is not null).Max();

    /// <summary>UPDATED: <see cref="Updated"/> as <c>5 minutes ago</c>, empty when no tag has an image.</summary>
    public static string UpdatedColumn(ImageStream stream, DateTime now) =>
        Updated(stream) is DateTime updated ? HumanDuration.Ago(updated, now) : "";

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
