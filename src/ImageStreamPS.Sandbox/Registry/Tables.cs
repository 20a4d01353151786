using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Registry;

/// <summary>Cell formatting shared by the Table printers of the strategies.</summary>
public static class Tables
{
    /// <summary>Kubernetes' short age (<c>duration.HumanDuration</c>): 45s, 5m10s, 3h, 2d4h, 1y30d.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now) => since is { } t ? ShortDuration(now - t) : "<unknown>";

    public static string ShortDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10) return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        if (minutes < 60 * 3) return $"{minutes}m";
        var hours = (long)d.TotalHours;
        if (hours < 8) return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8) return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8) return (hours / 24) % 365 == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{(hours / 24) % 365}d";
        return $"{hours / 24 / 365}y";
    }

    /// <summary>go-units' <c>HumanDuration</c> (OpenShift's "Updated" columns add " ago"): "5 minutes", "About an hour".</summary>
    public static string LongDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)Math.Round(d.TotalHours);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{hours / 24 / 365} years";
    }

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
