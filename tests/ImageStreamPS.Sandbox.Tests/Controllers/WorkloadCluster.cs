using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Controllers;
using ImageStreamPS.Sandbox.Resources.Core;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>
/// An in-memory stand-in for the API the controllers write through, with the server-owned
/// metadata rules (uid, generation bump on spec change, status subresource) so the pure sync
/// logic can be driven to convergence deterministically on a fake clock.
/// </summary>
internal sealed class WorkloadCluster
{
    private static readonly PodStrategy Pods = new();
    private readonly Dictionary<(string Resource, string Name), JsonObject> _objects = [];
    private long _version;

    public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);
    public List<PlannedEvent> Events { get; } = [];
    public PodRuntime Runtime { get; set; } = new(TimeSpan.Zero, NormalizedImageName.ParseError);

    public IEnumerable<JsonObject> List(string resource) =>
        _objects.Where(p => p.Key.Resource == resource).Select(p => p.Value).OrderBy(o => o.CreationTimestamp()).ThenBy(o => o.Name());

    public JsonObject? Get(string resource, string name) => _objects.GetValueOrDefault((resource, name));

    public JsonObject Create(string resource, JsonObject obj)
    {
        obj = obj.Copy();
        var meta = obj.Metadata();
        meta["namespace"] ??= "myproject";
        meta["uid"] = Guid.NewGuid().ToString();
        meta["generation"] = 1;
        meta["creationTimestamp"] = WireFields.FormatTime(Now);
        meta["resourceVersion"] = (++_version).ToString();
        if (resource is "deployments" or "replicasets" or "pods") obj.Remove("status");
        // The API's own Pod validation, so a template no Pod may have is refused as the apiserver refuses it.
        if (resource == "pods" && PodStrategy.ValidatePod(Wire.Decode<V1Pod>(obj)).ToList() is { Count: > 0 } errors)
            throw ApiErrors.Invalid(Pods.Type, obj.Name(), errors);
        if (!_objects.TryAdd((resource, obj.Name()), obj)) throw new InvalidOperationException($"{resource} {obj.Name()} already exists");
        return obj;
    }

    public JsonObject Update(string resource, JsonObject obj, bool status = false)
    {
        var old = _objects[(resource, obj.Name())];
        var updated = obj.Copy();
        if (status)
        {
            var s = updated["status"]?.DeepClone();
            updated = old.Copy();
            updated["status"] = s;
        }
        else
        {
            updated["status"] = old["status"]?.DeepClone();
            var specChanged = PodTemplateHash.Canonical(updated["spec"]) != PodTemplateHash.Canonical(old["spec"]);
            updated.Metadata()["generation"] = old.Generation() + (specChanged ? 1 : 0);
        }
        updated.Metadata()["uid"] = old.Uid();
        updated.Metadata()["creationTimestamp"] = old["metadata"]!["creationTimestamp"]!.DeepClone();
        updated.Metadata()["resourceVersion"] = (++_version).ToString();
        _objects[(resource, obj.Name())] = updated;
        return updated;
    }

    public void Delete(string resource, string name) => _objects.Remove((resource, name));

    /// <summary>Applies a plan's writes in order; returns whether anything was written.</summary>
    public bool Apply(WorkloadPlan plan)
    {
        foreach (var write in plan.Writes)
        {
            switch (write.Verb)
            {
                case WriteVerb.Create: Create(write.Resource, write.Json()); break;
                case WriteVerb.Update: Update(write.Resource, write.Json()); break;
                case WriteVerb.UpdateStatus: Update(write.Resource, write.Json(), status: true); break;
                case WriteVerb.Delete: Delete(write.Resource, write.Object.Metadata.Name); break;
            }
        }
        // As PlanWriter: the events once every write went through.
        Events.AddRange(plan.Events);
        return plan.Writes.Count > 0;
    }

    /// <summary>One sync of the ReplicaSet controller; a refused Pod is reported on the ReplicaSet, as ReplicaSetController does.</summary>
    public bool SyncReplicaSet(JsonObject rs)
    {
        var pods = List("pods").Where(p => p.IsControlledBy(rs)).ToList();
        try
        {
            return Apply(WireFields.ReplicaSetPlan(rs, pods, Now));
        }
        catch (StatusException e) when (e.Code == 422)
        {
            return Apply(WireFields.ReplicaSetPlan(Get("replicasets", rs.Name())!, pods, Now, e.Message));
        }
    }

    /// <summary>Runs every controller until nothing writes (bounded, so a livelock fails the test).</summary>
    public void Converge(Func<string, string, JsonObject?>? streams = null)
    {
        for (var round = 0; round < 100; round++)
        {
            var wrote = false;
            foreach (var d in List("deployments").ToList())
            {
                if (streams is not null && WireFields.Trigger(d, "Deployment", streams) is { } triggered)
                {
                    Update("deployments", triggered);
                    wrote = true;
                    continue;
                }
                var sets = List("replicasets").Where(rs => rs.IsControlledBy(d)).ToList();
                var pods = List("pods").Where(p => sets.Any(p.IsControlledBy)).ToList();
                wrote |= Apply(WireFields.DeploymentPlan(d, sets, pods, Now));
            }
            foreach (var rs in List("replicasets").ToList())
                wrote |= SyncReplicaSet(rs);
            foreach (var pod in List("pods").ToList())
            {
                var used = List("pods").Select(p => (string?)p["status"]?["podIP"]).OfType<string>().ToHashSet();
                wrote |= Apply(Runtime.PodPlan(Get("pods", pod.Name())!, used, Now));
            }
            if (!wrote) return;
        }
        throw new InvalidOperationException("The controllers did not converge in 100 rounds.");
    }

    /// <summary>kubectl's DeploymentStatusViewer (rollout_status.go): (message, done) or an error.</summary>
    public static (string Message, bool Done) RolloutStatus(JsonObject d)
    {
        var name = d.Name();
        var status = d["status"] as JsonObject ?? [];
        long N(string f) => WireFields.Long(status[f]);
        if (d.Generation() > N("observedGeneration")) return ("Waiting for deployment spec update to be observed...", false);
        if (WireFields.Condition(status, "Progressing") is { } c && (string?)c["reason"] == "ProgressDeadlineExceeded")
            throw new InvalidOperationException($"deployment \"{name}\" exceeded its progress deadline");
        var replicas = d.SpecReplicas();
        if (N("updatedReplicas") < replicas)
            return ($"Waiting for deployment \"{name}\" rollout to finish: {N("updatedReplicas")} out of {replicas} new replicas have been updated...", false);
        if (N("replicas") > N("updatedReplicas"))
            return ($"Waiting for deployment \"{name}\" rollout to finish: {N("replicas") - N("updatedReplicas")} old replicas are pending termination...", false);
        if (N("availableReplicas") < N("updatedReplicas"))
            return ($"Waiting for deployment \"{name}\" rollout to finish: {N("availableReplicas")} of {N("updatedReplicas")} updated replicas are available...", false);
        return ($"deployment \"{name}\" successfully rolled out", true);
    }
}
