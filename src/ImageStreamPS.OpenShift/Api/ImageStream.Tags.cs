using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Api;

// Tag semantics over a stream's spec and status, as library-go's imageutil and oc's describer read them.
public sealed partial class ImageStream
{
    /// <summary>The spec tag named <paramref name="tag"/>, or null.</summary>
    public TagReference? FindSpecTag(string tag) =>
        Spec.Tags?.FirstOrDefault(t => string.Equals(t.Name, tag, StringComparison.Ordinal));

    /// <summary>The status tag (history and conditions) named <paramref name="tag"/>, or null.</summary>
    public NamedTagEventList? FindStatusTag(string tag) =>
        Status.Tags?.FirstOrDefault(t => string.Equals(t.Tag, tag, StringComparison.Ordinal));

    /// <summary>
    /// The tag's current image: <c>status.tags[tag].items[0]</c>, or null when the tag has no history
    /// (never imported, import failed, spec only). An empty tag means <c>latest</c>.
    /// </summary>
    public TagEvent? LatestTaggedImage(string tag)
    {
        var history = FindStatusTag(string.IsNullOrEmpty(tag) ? DockerImageReference.DefaultTag : tag)?.Items;
        return history is { Count: > 0 } ? history[0] : null;
    }

    /// <summary>
    /// The pull spec consumers get for the tag's current image, honouring the tag's reference policy:
    /// <c>Source</c> gives <c>items[0].dockerImageReference</c>; <c>Local</c> gives
    /// <c>status.dockerImageRepository@items[0].image</c> (falling back to Source when either is missing).
    /// Null when the tag has no image.
    /// </summary>
    public string? ResolvePullSpec(string tag)
    {
        if (string.IsNullOrEmpty(tag)) tag = DockerImageReference.DefaultTag;
        var latest = LatestTaggedImage(tag);
        if (latest is null) return null;
        var spec = FindSpecTag(tag);
        if (spec is null || spec.ReferencePolicy.Type != TagReferencePolicyType.Local)
            return latest.DockerImageReference;
        var local = Status.DockerImageRepository;
        if (string.IsNullOrEmpty(local) || string.IsNullOrEmpty(latest.Image))
            return latest.DockerImageReference;
        return DockerImageReference.TryParse(local, out var reference)
            ? (reference with { Tag = "", ID = latest.Image }).Exact()
            : latest.DockerImageReference;
    }

    /// <summary>
    /// The newest spec-tag generation the server has acted on for the tag: the larger of
    /// <c>items[0].generation</c> and the generation of the first <c>ImportSuccess</c> condition (0 when none).
    /// </summary>
    public long LatestObservedTagGeneration(string tag)
    {
        var status = FindStatusTag(tag);
        if (status is null) return 0;
        long last = 0;
        if (status.Items is { Count: > 0 } items && items[0].Generation > last)
            last = items[0].Generation;
        var condition = status.Conditions?.FirstOrDefault(c => c.Type == TagEventCondition.ImportSuccess);
        if (condition is not null && condition.Generation > last)
            last = condition.Generation;
        return last;
    }

    /// <summary>
    /// Whether the tag waits for an import (describe's <c>~ importing latest image ...</c>): it has a
    /// source, is not a reference, and its spec generation is newer than what the server observed.
    /// </summary>
    public bool IsImportPending(string tag)
    {
        var spec = FindSpecTag(tag);
        return spec is { From: not null, Reference: false, Generation: { } generation } && generation > LatestObservedTagGeneration(tag);
    }

    /// <summary>The failed-import condition of the tag (<c>ImportSuccess</c> = <c>False</c>), or null.</summary>
    public TagEventCondition? FindImportFailure(string tag) =>
        FindStatusTag(tag)?.Conditions?.FirstOrDefault(c => c.Type == TagEventCondition.ImportSuccess && c.Status == "False");

    /// <summary>Names of spec tags that have no status entry yet (never imported, import pending or failed without history).</summary>
    public IReadOnlyList<string> SpecOnlyTags() =>
        (Spec.Tags ?? []).Where(t => FindStatusTag(t.Name) is null).Select(t => t.Name).ToList();

    /// <summary>
    /// Every tag of the stream (status tags, then spec-only tags) in OpenShift's display order
    /// (<see cref="TagOrder.Prioritize"/>): what describe counts as <c>Tags:</c>.
    /// </summary>
    public IReadOnlyList<string> TagNames() =>
        TagOrder.Prioritize((Status.Tags ?? []).Select(t => t.Tag).Concat(SpecOnlyTags()));

    /// <summary>
    /// Describe's <c>Unique Images:</c>: distinct image ids across every history item of every tag. As in
    /// oc, history items without an image id (reference tags) add one extra, shared, empty entry.
    /// </summary>
    public int UniqueImageCount()
    {
        var images = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (Status.Tags ?? []).SelectMany(t => t.Items ?? []))
        {
            if (!string.IsNullOrEmpty(item.Image)) images.Add(item.Image);
            else if (!string.IsNullOrEmpty(item.DockerImageReference) && !images.Contains(item.DockerImageReference)) images.Add("");
        }
        return images.Count;
    }

    /// <summary>
    /// Follows same-stream <c>ImageStreamTag</c> spec references from <paramref name="tag"/> (as
    /// <c>oc import-image</c> and describe do). Returns the final tag, its spec, and whether at least one
    /// reference was followed; null when the chain is circular, leaves the stream, or ends at a missing spec tag.
    /// </summary>
    public (string Tag, TagReference Spec, bool Followed)? FollowTagReference(string tag)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var followed = false;
        while (true)
        {
            if (!seen.Add(tag)) return null;
            var spec = FindSpecTag(tag);
            if (spec is null) return null;
            if (spec.From is null || spec.From.Kind != TagSourceKind.ImageStreamTag) return (tag, spec, followed);
            if (!string.IsNullOrEmpty(spec.From.Namespace) && spec.From.Namespace != Metadata.NamespaceProperty) return null;
            var name = spec.From.Name ?? "";
            var colon = name.IndexOf(':');
            if (colon >= 0)
            {
                if (name[..colon] != Metadata.Name) return null;
                var next = name[(colon + 1)..];
                tag = next.Length == 0 ? DockerImageReference.DefaultTag : next;
            }
            else
            {
                tag = name;
            }
            followed = true;
        }
    }
}
