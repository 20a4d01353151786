namespace ImageStreamPS.OpenShift.Apps;

/// <summary>A rollout did not finish in the time allowed; carries the last state seen.</summary>
public sealed class RolloutTimeoutException(string message, Rollout lastSeen) : TimeoutException(message)
{
    public Rollout LastSeen { get; } = lastSeen;
}
