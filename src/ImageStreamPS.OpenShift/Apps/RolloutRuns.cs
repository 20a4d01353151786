namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// What a rollout runs, in the words a user checks it by (the RUNS column): an image is named by the
/// image-stream tags that point at it now, a version tag such as <c>citas:v1</c> before the tag the
/// trigger follows (<c>citas:prod</c>), else by its short digest. A rollout runs what its ready pods
/// run; while that is not yet its target, the target follows an arrow (<c>citas:v1 -> citas:v2</c>).
/// </summary>
public static class RolloutRuns
{
    /// <summary>The tags of <paramref name="rollout"/>'s triggering streams that point at <paramref name="digest"/>, version tags first.</summary>
    public static IReadOnlyList<string> TagsOf(string? digest, Rollout rollout) => Names(rollout).TagsOf(digest);

    /// <summary>
    /// How an image reads in a RUNS column: the tags pointing at it (without the followed tag when a
    /// version tag also does), else its short digest, else the image reference as written.
    /// </summary>
    public static string NameOf(string? image, Rollout rollout) => Names(rollout).NameOf(image);

    /// <summary>What the pod runs, as <see cref="NameOf(string?, Rollout)"/> words it (by the digest the runtime reports when the spec has none).</summary>
    public static string NameOf(RolloutPod pod, Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Names(rollout).NameOf(pod.Digest, pod.Image);
    }

    /// <summary>The RUNS column of a rollout: what its ready pods run, then <c>-> target</c> until they all run the target.</summary>
    public static string Column(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var target = rollout.Digest ?? rollout.Image;
        var ready = rollout.Pods.Where(p => p.IsReady && (p.Digest ?? p.Image) is not null).ToList();
        var others = ready.Where(p => (p.Digest ?? p.Image) != target).Select(p => NameOf(p, rollout))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (target is null) return string.Join(",", others);
        var targetName = NameOf(rollout.Image, rollout);
        if (others.Count > 0) return string.Join(",", others) + " -> " + targetName;
        if (ready.Count > 0) return targetName;
        return rollout.Replicas == 0 ? "" : "-> " + targetName;
    }

    /// <summary>The distinct digests (or images, when not by digest) the rollout's ready pods run.</summary>
    public static IReadOnlyList<string> ReadyImages(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Pods.Where(p => p.IsReady).Select(p => p.Digest ?? p.Image).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    // Names by the triggering streams' tags, the tags the rollout's unpaused triggers follow last.
    private static ImageNames Names(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return new ImageNames(rollout.TagsByDigest, rollout.Triggers.Where(t => !t.Paused).Select(t => t.DisplayName(rollout.Namespace)));
    }
}
