using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// Puts an ImageStream in the form openshift-apiserver emits: server defaults (<c>importMode: Legacy</c>,
/// <c>referencePolicy.type: Source</c>), Go's omitempty (empty strings, lists and maps left out),
/// <c>spec.tags</c>/<c>status.tags</c> sorted by name (the internal type keeps them in maps), empty
/// status tags dropped. The member order is the engine type's, which is Go's.
/// </summary>
internal static class ImageStreamShape
{
    public static void Normalize(ImageStream stream)
    {
        var spec = stream.Spec ??= new ImageStreamSpec();
        spec.LookupPolicy ??= new ImageLookupPolicy();
        spec.DockerImageRepository = NullIfEmpty(spec.DockerImageRepository);
        spec.Tags = NullIfEmpty((spec.Tags ?? []).Select(Normalize).OrderBy(t => t.Name, StringComparer.Ordinal).ToList());

        var status = stream.Status ??= new ImageStreamStatus();
        status.DockerImageRepository ??= "";
        status.PublicDockerImageRepository = NullIfEmpty(status.PublicDockerImageRepository);
        status.Tags = NullIfEmpty((status.Tags ?? [])
            .Select(Normalize)
            .Where(t => t.Items is { Count: > 0 } || t.Conditions is { Count: > 0 })
            .OrderBy(t => t.Tag, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>A spec tag with the server's defaults: Legacy import mode, Source reference policy.</summary>
    public static TagReference Normalize(TagReference tag)
    {
        tag.Name ??= "";
        tag.Annotations = tag.Annotations is { Count: > 0 } ? tag.Annotations : null;
        if (tag.From is { } from) tag.From = Normalize(from);
        tag.ImportPolicy = Normalize(tag.ImportPolicy);
        tag.ReferencePolicy = Normalize(tag.ReferencePolicy);
        return tag;
    }

    public static TagImportPolicy Normalize(TagImportPolicy? policy)
    {
        policy ??= new TagImportPolicy();
        if (string.IsNullOrEmpty(policy.ImportMode)) policy.ImportMode = ImportMode.Legacy;
        return policy;
    }

    public static TagReferencePolicy Normalize(TagReferencePolicy? policy)
    {
        policy ??= new TagReferencePolicy();
        if (string.IsNullOrEmpty(policy.Type)) policy.Type = TagReferencePolicyType.Source;
        return policy;
    }

    /// <summary>An ObjectReference without empty members (all omitempty in Go).</summary>
    public static ObjectReference Normalize(ObjectReference from) => new()
    {
        Kind = NullIfEmpty(from.Kind),
        Namespace = NullIfEmpty(from.Namespace),
        Name = NullIfEmpty(from.Name),
        Uid = NullIfEmpty(from.Uid),
        ApiVersion = NullIfEmpty(from.ApiVersion),
        ResourceVersion = NullIfEmpty(from.ResourceVersion),
        FieldPath = NullIfEmpty(from.FieldPath),
    };

    public static NamedTagEventList Normalize(NamedTagEventList list)
    {
        list.Tag ??= "";
        foreach (var item in list.Items ?? [])
        {
            item.DockerImageReference ??= "";
            item.Image ??= "";
        }
        list.Items = NullIfEmpty(list.Items);
        foreach (var condition in list.Conditions ?? [])
        {
            condition.Reason = NullIfEmpty(condition.Reason);
            condition.Message = NullIfEmpty(condition.Message);
        }
        list.Conditions = NullIfEmpty(list.Conditions);
        return list;
    }

    /// <summary>Whether two events are the same in every field.</summary>
    public static bool Same(TagEvent a, TagEvent b) =>
        a.Created == b.Created && a.DockerImageReference == b.DockerImageReference && a.Image == b.Image && a.Generation == b.Generation &&
        (a.Platforms ?? []).SequenceEqual(b.Platforms ?? []);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static IList<T>? NullIfEmpty<T>(IList<T>? list) => list is { Count: > 0 } ? list : null;
}
