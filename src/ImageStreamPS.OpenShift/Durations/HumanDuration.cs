namespace ImageStreamPS.OpenShift.Durations;

/// <summary>
/// Relative durations worded as oc words them (docker/go-units <c>HumanDuration</c>):
/// "Less than a second", "17 seconds", "About a minute", "2 hours", "3 weeks"... Describe appends " ago".
/// </summary>
public static class HumanDuration
{
    /// <summary>Words a duration; negative durations are "Less than a second".</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)duration.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)(duration.TotalHours + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(long)duration.TotalHours / 24 / 365} years";
    }

    /// <summary>Words the time since <paramref name="time"/> as seen at <paramref name="now"/>, with " ago".</summary>
    public static string Ago(DateTime time, DateTime now) =>
        Format(now.ToUniversalTime() - time.ToUniversalTime()) + " ago";
}
