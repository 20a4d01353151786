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
    /// library-go <c>ResolveLatestTaggedImage</c>: the pull spec consumers (image triggers, ImageStreamTag
    /// reads) get for the tag's current image under its reference policy. Null when the tag has no image.
    /// An empty tag means <c>latest</c>.
    /// </summary>
    public string? ResolvePullSpec(string tag)
    {
        if (string.IsNullOrEmpty(tag)) tag = DockerImageReference.DefaultTag;
        return LatestTaggedImage(tag) is { } latest ? ResolveReferenceForTagEvent(tag, latest) : null;
    }

    /// <summary>
    /// library-go <c>resolveReferenceForTagEvent</c>: the pull spec of <paramref name="latest"/> read through
    /// the tag's reference policy (<see cref="ResolveReference"/>); a tag without a spec uses Source.
    /// </summary>
    public string ResolveReferenceForTagEvent(string tag, TagEvent latest) =>
        ResolveReference(latest, FindSpecTag(tag)?.ReferencePolicy?.Type, Status.DockerImageRepository);

    /// <summary>
    /// The reference policy applied to one event: <c>Source</c> gives its <c>dockerImageReference</c>;
    /// <c>Local</c> gives <paramref name="localRepository"/> (the stream's <c>status.dockerImageRepository</c>)
    /// with the image id as digest, falling back to Source when either is missing or the repository does not parse.
    /// </summary>
    public static string ResolveReference(TagEvent latest, string? referencePolicy, string? localRepository)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (referencePolicy != TagReferencePolicyType.Local || string.IsNullOrEmpty(localRepository) || string.IsNullOrEmpty(latest.Image))
            return latest.DockerImageReference;
        return DockerImageReference.TryParse(localRepository, out var reference)
            ? (reference with { Tag = "", ID = latest.Image }).Exact()
            : latest.DockerImageReference;
    }

    /// <summary>
    /// The newest spec-tag generation the server has acted on for the tag: the larger of
    /// <c>items[0].generation</c> and the generation of the first <c>ImportSuccess</c> condition (0 when none).
    /// </summary>
    public long LatestObservedTagGeneration(string tag) => LatestObservedGeneration(FindStatusTag(tag));

    /// <summary><see cref="LatestObservedTagGeneration"/> of a status tag already found.</summary>
    public static long LatestObservedGeneration(NamedTagEventList? status)
    {
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
    public bool IsImportPending(string tag) => IsImportPending(FindSpecTag(tag), FindStatusTag(tag));

    /// <summary><see cref="IsImportPending(string)"/> of a tag whose spec and status tags are already found.</summary>
    public static bool IsImportPending(TagReference? spec, NamedTagEventList? status) =>
        spec is { From: not null, Reference: false, Generation: { } generation } && generation > LatestObservedGeneration(status);

    /// <summary>The failed-import condition of the tag (<c>ImportSuccess</c> = <c>False</c>), or null.</summary>
    public TagEventCondition? FindImportFailure(string tag) =>
        FindStatusTag(tag)?.Conditions?.FirstOrDefault(IsImportFailure);

    /// <summary>Whether a tag condition says its last import failed (<c>ImportSuccess</c> = <c>False</c>).</summary>
    public static bool IsImportFailure(TagEventCondition condition) =>
        condition.Type == TagEventCondition.ImportSuccess && condition.Status == "False";

    /// <summary>Names of spec tags that have no status entry yet (never imported, import pending or failed without history).</summary>
    public IReadOnlyList<string> SpecOnlyTags()
    {
        // FindStatusTag for each spec tag, with the status tags' names in a set (a stream may have a thousand tags).
        var statusNames = new HashSet<string>(StringComparer.Ordinal);
        var statusWithoutName = false;
        foreach (var status in Status.Tags ?? [])
        {
            if (status.Tag is null) statusWithoutName = true;
            else statusNames.Add(status.Tag);
        }
        return (Spec.Tags ?? []).Where(t => t.Name is null ? !statusWithoutName : !statusNames.Contains(t.Name)).Select(t => t.Name).ToList();
    }

    /// <summary>
    /// Every tag of the stream (status tags, then spec-only tags) in OpenShift's display order
    /// (<see cref="TagOrder.Prioritize"/>): what describe counts as <c>Tags:</c>.
    /// </summary>
    public IReadOnlyList<string> TagNames() =>
        TagOrder.Prioritize((Status.Tags ?? []).Select(t => t.Tag).Concat(SpecOnlyTags()));

    /// <summary>How many <see cref="TagNames"/> there are, without putting them in order.</summary>
    public int TagCount() => (Status.Tags?.Count ?? 0) + SpecOnlyTags().Count;

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
