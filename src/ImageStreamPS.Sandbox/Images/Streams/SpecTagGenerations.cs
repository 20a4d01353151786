using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// The generation rules of openshift-apiserver's imagestream strategy: clients cannot choose a spec
/// tag's generation (only reset it with 0); new, changed, null or zeroed tags take the stream's generation.
/// </summary>
internal static class SpecTagGenerations
{
    public static void SetAllForCreate(ImageStream stream, long generation)
    {
        foreach (var tag in stream.Spec.Tags ?? []) tag.Generation = generation;
    }

    /// <summary><c>updateSpecTagGenerationsForUpdate</c>: keep the stored generation unless the client sent 0.</summary>
    public static void KeepStored(ImageStream stream, ImageStream old)
    {
        foreach (var tag in stream.Spec.Tags ?? [])
        {
            if (tag.Generation == 0) continue;
            if (old.FindSpecTag(tag.Name) is { } oldTag) tag.Generation = oldTag.Generation;
        }
    }

    /// <summary><c>ensureSpecTagGenerationsAreSet</c>: new/changed/null/zero tags get the stream generation.</summary>
    public static void EnsureSet(ImageStream stream, ImageStream? old, string ns, long generation)
    {
        foreach (var tag in stream.Spec.Tags ?? [])
        {
            var oldTag = old?.FindSpecTag(tag.Name);
            if (oldTag is null || Changed(oldTag, tag, ns)) tag.Generation = null;
            if (tag.Generation is { } value && value != 0) continue;
            tag.Generation = generation;
        }
    }

    /// <summary><c>tagRefChanged</c>: another source namespace/name, reference flag, import mode, or a generation reset to 0.</summary>
    public static bool Changed(TagReference old, TagReference next, string ns)
    {
        if (next.From is not { } nextFrom) return false;
        if (string.IsNullOrEmpty(nextFrom.Kind) && string.IsNullOrEmpty(nextFrom.Name)) return false;
        var oldFrom = old.From ?? new ObjectReference();
        var oldNamespace = string.IsNullOrEmpty(oldFrom.Namespace) ? ns : oldFrom.Namespace;
        var nextNamespace = string.IsNullOrEmpty(nextFrom.Namespace) ? ns : nextFrom.Namespace;
        if (oldNamespace != nextNamespace) return true;
        if ((oldFrom.Name ?? "") != (nextFrom.Name ?? "")) return true;
        if (old.Reference != next.Reference) return true;
        if (ImportModeOf(old) != ImportModeOf(next)) return true;
        return old.Generation is not null && next.Generation is not null && old.Generation != next.Generation && next.Generation == 0;
    }

    private static string ImportModeOf(TagReference tag) =>
        string.IsNullOrEmpty(tag.ImportPolicy?.ImportMode) ? ImportMode.Legacy : tag.ImportPolicy.ImportMode;
}
