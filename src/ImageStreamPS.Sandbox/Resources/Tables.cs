using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>Cell formatting shared by the Table printers of the strategies.</summary>
public static class Tables
{
    /// <summary>Kubernetes' short age (<c>duration.HumanDuration</c>, the engine's copy): 45s, 5m10s, 3h, 2d4h, 1y30d.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now) => since is { } t ? ShortHumanDuration.Format(now - t) : "<unknown>";

    /// <summary>Comma-joined label selector text of a <c>LabelSelector</c> object (matchLabels only), "&lt;none&gt;" when empty.</summary>
    public static string Selector(JsonNode? selector)
    {
        if (selector?["matchLabels"] is not JsonObject labels || labels.Count == 0) return "<none>";
        return string.Join(",", labels.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>Container names and images (the wide columns of workloads).</summary>
    public static (string Names, string Images) Containers(JsonNode? podSpec)
    {
        var containers = (podSpec?["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        return (string.Join(",", containers.Select(c => ObjectMeta.Str(c, "name"))),
                string.Join(",", containers.Select(c => ObjectMeta.Str(c, "image"))));
    }
}
