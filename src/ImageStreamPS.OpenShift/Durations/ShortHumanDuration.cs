namespace ImageStreamPS.OpenShift.Durations;

/// <summary>The AGE column of <c>kubectl get</c> / <c>oc get</c> (apimachinery <c>duration.HumanDuration</c>): 33s, 4m14s, 3h, 2d4h.</summary>
public static class ShortHumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        // Up to a second in the future is clock skew, shown as now.
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
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }
        return $"{hours / 24 / 365}y";
    }

    /// <summary>The age of something created at <paramref name="created"/> (UTC or local), or <c>&lt;unknown&gt;</c>.</summary>
    public static string Since(DateTime? created) =>
        created is DateTime t ? Format(DateTime.UtcNow - t.ToUniversalTime()) : "<unknown>";
}
