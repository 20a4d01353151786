using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// Applies a <see cref="WorkloadPlan"/> through the in-process API: writes in order (a failure
/// stops the rest; the controller retries the key), carrying each write's new resourceVersion
/// onto the planned object so a status write can follow a metadata write; then the events.
/// </summary>
internal sealed class PlanWriter(ApiService api, string component)
{
    public static string GroupOf(string resource) => resource switch
    {
        "deployments" or "replicasets" or "statefulsets" or "daemonsets" => "apps",
        "cronjobs" or "jobs" => "batch",
        "routes" => "route.openshift.io",
        _ => "",
    };

    public void Apply(WorkloadPlan plan)
    {
        foreach (var write in plan.Writes)
        {
            var obj = write.Object;
            var group = GroupOf(write.Resource);
            switch (write.Verb)
            {
                case WriteVerb.Create:
                    Carry(obj, api.Create(group, write.Resource, obj.Namespace(), obj));
                    break;
                case WriteVerb.Update:
                    Carry(obj, api.Update(group, write.Resource, obj.Namespace(), obj.Name(), obj));
                    break;
                case WriteVerb.UpdateStatus:
                    Carry(obj, api.UpdateStatus(group, write.Resource, obj.Namespace(), obj.Name(), obj));
                    break;
                case WriteVerb.Delete:
                    // An object already marked for deletion is being finished off (the kubelet): no grace left.
                    var options = new DeleteOptions { PreconditionUid = obj.Uid(), GracePeriodSeconds = obj.IsDeleting() ? 0 : null };
                    try { api.Delete(group, write.Resource, obj.Namespace(), obj.Name(), options); }
                    catch (StatusException e) when (e.Code == 404) { }
                    break;
            }
        }
        foreach (var e in plan.Events) Record(e);
    }

    /// <summary>Later writes of the same object use the version (and uid) the server just gave it.</summary>
    private static void Carry(JsonObject planned, JsonObject stored)
    {
        foreach (var field in new[] { "resourceVersion", "uid", "creationTimestamp", "generation" })
            if (stored["metadata"]?[field] is { } value) planned.Metadata()[field] = value.DeepClone();
    }

    /// <summary>A core/v1 Event (best effort: an event that cannot be written is dropped, as upstream).</summary>
    private void Record(PlannedEvent e)
    {
        var regarding = e.Regarding;
        if (regarding.Name() == "" || regarding.Namespace() == "") return;
        var now = api.Now;
        var timestamp = ObjectFields.FormatTime(now);
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{regarding.Name()}.{now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000):x}",
                ["namespace"] = regarding.Namespace(),
            },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = (string?)regarding["kind"],
                ["namespace"] = regarding.Namespace(),
                ["name"] = regarding.Name(),
                ["uid"] = regarding.Uid(),
                ["apiVersion"] = (string?)regarding["apiVersion"],
                ["resourceVersion"] = (string?)regarding["metadata"]?["resourceVersion"],
            },
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = timestamp,
            ["lastTimestamp"] = timestamp,
            ["count"] = 1,
            ["type"] = e.Type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        try { api.Create("", "events", regarding.Namespace(), ev); }
        catch (StatusException) { }
    }
}
