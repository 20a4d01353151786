using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>Deployment condition types, reasons and the SetDeploymentCondition rules.</summary>
internal static class DeploymentConditions
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string DeploymentPaused = "DeploymentPaused";
    public const string DeploymentResumed = "DeploymentResumed";
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    public static JsonObject? Get(JsonObject status, string type) =>
        (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    public static JsonObject New(string type, string status, string reason, string message, DateTimeOffset now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = ObjectFields.FormatTime(now),
        ["lastTransitionTime"] = ObjectFields.FormatTime(now),
        ["reason"] = reason,
        ["message"] = message,
    };

    /// <summary>
    /// Same status and reason: nothing changes (not even lastUpdateTime). Same status: keep the
    /// transition time. The written condition moves to the end of the list, as upstream.
    /// </summary>
    public static void Set(JsonObject status, JsonObject condition)
    {
        var type = (string?)condition["type"] ?? "";
        var current = Get(status, type);
        if (current is not null && (string?)current["status"] == (string?)condition["status"]
            && (string?)current["reason"] == (string?)condition["reason"])
            return;
        if (current is not null && (string?)current["status"] == (string?)condition["status"])
            condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
        Remove(status, type);
        (status["conditions"] as JsonArray ?? (JsonArray)(status["conditions"] = new JsonArray())).Add(condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray conditions) return;
        foreach (var c in conditions.OfType<JsonObject>().Where(c => (string?)c["type"] == type).ToList())
            conditions.Remove(c);
    }
}
