using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Api;

// Writing a stream's tags and history, as openshift-apiserver's imageutil does on the server
// (AddTagEventToImageStream, UpdateTrackingTags, ResolveImageID) and library-go's SplitImageStreamTag.
public sealed partial class ImageStream
{
    /// <summary>
    /// library-go <c>SplitImageStreamTag</c>: <c>stream:tag</c> into its parts, an empty tag meaning
    /// <c>latest</c>; false (with the whole text as the name) when there is no <c>:</c>.
    /// </summary>
    public static bool SplitImageStreamTag(string nameAndTag, out string name, out string tag)
    {
        var colon = nameAndTag.IndexOf(':');
        name = colon < 0 ? nameAndTag : nameAndTag[..colon];
        tag = colon < 0 ? "" : nameAndTag[(colon + 1)..];
        if (tag.Length == 0) tag = DockerImageReference.DefaultTag;
        return colon >= 0;
    }

    /// <summary>Adds the spec tag, or replaces the one of the same name.</summary>
    public void SetSpecTag(TagReference tag)
    {
        var tags = Spec.Tags ??= new List<TagReference>();
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Name != tag.Name) continue;
            tags[i] = tag;
            return;
        }
        tags.Add(tag);
    }

    /// <summary>Removes the spec tag; false when there was none.</summary>
    public bool RemoveSpecTag(string tag) => Spec.Tags is { } tags && Remove(tags, t => t.Name == tag);

    /// <summary>Removes the status tag (history and conditions); false when there was none.</summary>
    public bool RemoveStatusTag(string tag) => Status.Tags is { } tags && Remove(tags, t => t.Tag == tag);

    /// <summary>The status tag named <paramref name="tag"/>, created (empty) when missing.</summary>
    public NamedTagEventList EnsureStatusTag(string tag)
    {
        if (FindStatusTag(tag) is { } existing) return existing;
        var created = new NamedTagEventList { Tag = tag };
        (Status.Tags ??= new List<NamedTagEventList>()).Add(created);
        return created;
    }

    /// <summary>
    /// <c>AddTagEventToImageStream</c>: makes <paramref name="next"/> the tag's current image. The same
    /// reference and image with another generation only updates the generation; the same reference (or the
    /// same image) updates the other field of <c>items[0]</c>; anything else is prepended. Any change clears
    /// the tag's conditions. False when nothing changed.
    /// </summary>
    public bool AddTagEvent(string tag, TagEvent next)
    {
        var list = FindStatusTag(tag);
        if (list?.Items is not { Count: > 0 } items)
        {
            list ??= EnsureStatusTag(tag);
            list.Items = [next];
            list.Conditions = null;
            return true;
        }
        var previous = items[0];
        var sameRef = previous.DockerImageReference == next.DockerImageReference;
        var sameImage = previous.Image == next.Image;
        var sameGeneration = previous.Generation == next.Generation;
        if (sameRef && sameImage && sameGeneration) return false;
        if (sameRef && !sameImage) previous.Image = next.Image;
        else if (sameImage && !sameRef) previous.DockerImageReference = next.DockerImageReference;
        else if (!sameRef && !sameImage)
        {
            items.Insert(0, next);
            list.Conditions = null;
            return true;
        }
        previous.Generation = next.Generation;
        list.Conditions = null;
        return true;
    }

    /// <summary>
    /// <c>UpdateTrackingTags</c>: copies the current image of <paramref name="updatedTag"/> to every spec tag
    /// of this stream that follows it (<c>from.kind: ImageStreamTag</c>, <c>from.name</c> <c>tag</c> or
    /// <c>thisstream:tag</c>, same namespace), with the follower's spec generation. Returns how many changed.
    /// </summary>
    public int UpdateTrackingTags(string updatedTag)
    {
        if (LatestTaggedImage(updatedTag) is not { } updated) return 0;
        var changed = 0;
        foreach (var spec in (Spec.Tags ?? []).ToList())
        {
            if (spec.From is not { Kind: TagSourceKind.ImageStreamTag } from) continue;
            var ns = string.IsNullOrEmpty(from.Namespace) ? Metadata.NamespaceProperty : from.Namespace;
            if (ns != Metadata.NamespaceProperty) continue;
            var fromName = from.Name ?? "";
            string streamName, tag;
            if (fromName.Contains(':')) SplitImageStreamTag(fromName, out streamName, out tag);
            else (streamName, tag) = (Metadata.Name, fromName);
            if (streamName != Metadata.Name || tag != updatedTag) continue;
            var copy = new TagEvent
            {
                Created = updated.Created,
                DockerImageReference = updated.DockerImageReference,
                Image = updated.Image,
                Generation = spec.Generation ?? updated.Generation,
            };
            if (AddTagEvent(spec.Name, copy)) changed++;
        }
        return changed;
    }

    /// <summary>
    /// <c>ResolveImageID</c>: the one image of the stream's history whose id (or its hex) starts with
    /// <paramref name="id"/>, as a new event created at <paramref name="now"/>. Otherwise the error Status:
    /// NotFound for no match, Conflict (<c>multiple images match the prefix</c>) for several.
    /// </summary>
    public bool TryResolveImageId(string id, DateTime now, out TagEvent? tagEvent, out ApiStatus? error)
    {
        TagEvent? found = null;
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in (Status.Tags ?? []).SelectMany(t => t.Items ?? []))
        {
            var image = item.Image ?? "";
            var colon = image.IndexOf(':');
            var hex = colon >= 0 ? image[(colon + 1)..] : image;
            if ((colon >= 0 && hex.StartsWith(id, StringComparison.Ordinal)) || image.StartsWith(id, StringComparison.Ordinal))
            {
                found = item;
                matches.Add(image);
            }
        }
        tagEvent = null;
        error = null;
        switch (matches.Count)
        {
            case 1:
                tagEvent = new TagEvent { Created = now, DockerImageReference = found!.DockerImageReference, Image = matches.Min! };
                return true;
            case 0:
                error = StatusErrors.NotFound(KubeGroup, "imagestreamimage", id);
                return false;
            default:
                error = StatusErrors.Conflict(KubeGroup, "imagestreamimage", id, $"multiple images match the prefix \"{id}\": {string.Join(", ", matches)}");
                return false;
        }
    }

    private static bool Remove<T>(IList<T> list, Func<T, bool> match)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (!match(list[i])) continue;
            list.RemoveAt(i);
            return true;
        }
        return false;
    }
}
