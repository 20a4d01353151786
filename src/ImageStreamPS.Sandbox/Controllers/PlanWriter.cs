using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using k8s;
using k8s.Models;

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
            var (ns, name) = (obj.Metadata.NamespaceProperty, obj.Metadata.Name);
            switch (write.Verb)
            {
                case WriteVerb.Create:
                    Carry(obj, api.Create(group, write.Resource, ns, Wire.Encode(obj)));
                    break;
                case WriteVerb.Update:
                    Carry(obj, api.Update(group, write.Resource, ns, name, Wire.Encode(obj)));
                    break;
                case WriteVerb.UpdateStatus:
                    Carry(obj, api.UpdateStatus(group, write.Resource, ns, name, Wire.Encode(obj)));
                    break;
                case WriteVerb.Delete:
                    // An object already marked for deletion is being finished off (the kubelet): no grace left.
                    var options = new DeleteOptions { PreconditionUid = obj.Metadata.Uid, GracePeriodSeconds = obj.IsDeleting() ? 0 : null };
                    try { api.Delete(group, write.Resource, ns, name, options); }
                    catch (StatusException e) when (e.Code == 404) { }
                    break;
            }
        }
        foreach (var e in plan.Events) Record(e);
    }

    /// <summary>Later writes of the same object use the version (and uid) the server just gave it.</summary>
    private static void Carry(IKubernetesObject<V1ObjectMeta> planned, JsonObject stored)
    {
        var metadata = ControllerRefs.Meta(stored);
        planned.Metadata.ResourceVersion = metadata.ResourceVersion;
        planned.Metadata.Uid = metadata.Uid;
        planned.Metadata.CreationTimestamp = metadata.CreationTimestamp;
        planned.Metadata.Generation = metadata.Generation;
        planned.Metadata.Name = metadata.Name;
    }

    /// <summary>A core/v1 Event (best effort: an event that cannot be written is dropped, as upstream).</summary>
    private void Record(PlannedEvent e)
    {
        var regarding = e.Regarding;
        if (string.IsNullOrEmpty(regarding.Metadata?.Name) || string.IsNullOrEmpty(regarding.Metadata.NamespaceProperty)) return;
        var now = api.Now;
        var timestamp = Wire.Time(now);
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{regarding.Metadata.Name}.{now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000):x}",
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
            },
            InvolvedObject = new V1ObjectReference
            {
                Kind = regarding.Kind,
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
                Name = regarding.Metadata.Name,
                Uid = regarding.Metadata.Uid,
                ApiVersion = regarding.ApiVersion,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
            Reason = e.Reason,
            Message = e.Message,
            Source = new V1EventSource { Component = component },
            FirstTimestamp = timestamp,
            LastTimestamp = timestamp,
            Count = 1,
            Type = e.Type,
            ReportingComponent = component,
            ReportingInstance = "",
        };
        try { api.Create("", "events", regarding.Metadata.NamespaceProperty, Wire.Encode(ev)); }
        catch (StatusException) { }
    }
}
