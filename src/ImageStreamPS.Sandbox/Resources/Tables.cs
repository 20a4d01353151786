using ImageStreamPS.OpenShift.Durations;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>Cell formatting shared by the Table printers of the strategies.</summary>
public static class Tables
{
    /// <summary>Kubernetes' short age (<c>duration.HumanDuration</c>, the engine's): 45s, 5m10s, 3h, 2d4h, 1y30d.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now) => since is { } t ? ShortHumanDuration.Format(now - t) : "<unknown>";

    /// <summary>The age of a metav1.Time read from a typed object.</summary>
    public static string Age(DateTime? since, DateTimeOffset now) =>
        Age(since is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : null, now);

    /// <summary>Comma-joined label selector text (matchLabels only), "&lt;none&gt;" when empty.</summary>
    public static string Selector(V1LabelSelector? selector) =>
        selector?.MatchLabels is { Count: > 0 } labels ? string.Join(",", labels.Select(p => $"{p.Key}={p.Value}")) : "<none>";

    /// <summary>Container names and images (the wide columns of workloads).</summary>
    public static (string Names, string Images) Containers(V1PodSpec? podSpec)
    {
        var containers = podSpec?.Containers ?? [];
        return (string.Join(",", containers.Select(c => c.Name)), string.Join(",", containers.Select(c => c.Image)));
    }
}
