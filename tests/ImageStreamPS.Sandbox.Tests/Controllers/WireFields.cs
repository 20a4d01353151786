using System.Globalization;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Controllers;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Tests.Controllers;

/// <summary>
/// How the controller tests read and build the wire JSON a client sees (objects as stored), and how they
/// drive the typed controller syncs from it: decode in, encode the planned writes out.
/// </summary>
internal static class WireFields
{
    public static JsonObject Metadata(this JsonObject obj) => obj.Child("metadata");
    public static string Name(this JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";
    public static string Namespace(this JsonObject obj) => (string?)obj["metadata"]?["namespace"] ?? "";
    public static string Uid(this JsonObject obj) => (string?)obj["metadata"]?["uid"] ?? "";
    public static long Generation(this JsonObject obj) => Long(obj["metadata"]?["generation"]);
    public static bool IsDeleting(this JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;
    public static DateTimeOffset CreationTimestamp(this JsonObject obj) => ParseTime((string?)obj["metadata"]?["creationTimestamp"]) ?? DateTimeOffset.MinValue;
    public static string? Annotation(this JsonObject obj, string key) => (string?)obj["metadata"]?["annotations"]?[key];
    public static void SetAnnotation(this JsonObject obj, string key, string value) => obj.Metadata().Child("annotations")[key] = value;
    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) =>
        (obj["metadata"]?["labels"] as JsonObject ?? []).Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString());
    public static JsonObject Child(this JsonObject obj, string key) => obj[key] as JsonObject ?? (JsonObject)(obj[key] = new JsonObject());
    public static JsonObject Copy(this JsonObject obj) => (JsonObject)obj.DeepClone();
    public static JsonObject? ControllerRef(this JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(r => Bool(r["controller"]));
    public static bool IsControlledBy(this JsonObject obj, JsonObject owner) => obj.ControllerRef() is { } r && (string?)r["uid"] == owner.Uid();
    public static int SpecReplicas(this JsonObject obj) => (int)Long(obj["spec"]?["replicas"], 1);
    public static void SetSpecReplicas(this JsonObject obj, int replicas) => obj.Child("spec")["replicas"] = replicas;
    public static int StatusCount(this JsonObject obj, string field) => (int)Long(obj["status"]?[field]);

    public static long Long(JsonNode? node, long fallback = 0) =>
        node is JsonValue v && (v.TryGetValue<long>(out var l) || (v.TryGetValue<int>(out var i) && (l = i) == i)) ? l : fallback;
    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    public static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary>A deployment condition of a status, as JSON.</summary>
    public static JsonObject? Condition(JsonObject status, string type) =>
        (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    // ---- the typed syncs, driven from wire JSON ------------------------------------------------

    public static WorkloadPlan DeploymentPlan(JsonObject deployment, IEnumerable<JsonObject> sets, IEnumerable<JsonObject> pods, DateTimeOffset now) =>
        new DeploymentSync(Wire.Decode<V1Deployment>(deployment), sets.Select(s => Wire.Decode<V1ReplicaSet>(s)),
            pods.Select(p => Wire.Decode<V1Pod>(p)).ToList(), now).Plan();

    public static WorkloadPlan ReplicaSetPlan(JsonObject rs, IEnumerable<JsonObject> pods, DateTimeOffset now, string? createError = null) =>
        new ReplicaSetSync(Wire.Decode<V1ReplicaSet>(rs), pods.Select(p => Wire.Decode<V1Pod>(p)).ToList(), now, createError).Plan();

    public static WorkloadPlan PodPlan(this PodRuntime runtime, JsonObject pod, IReadOnlySet<string> used, DateTimeOffset now) =>
        runtime.Plan(Wire.Decode<V1Pod>(pod), used, now);

    public static JsonObject? Endpoints(JsonObject service, IEnumerable<JsonObject> pods, JsonObject? current) =>
        EndpointsSync.Desired(Wire.Decode<V1Service>(service), pods.Select(p => Wire.Decode<V1Pod>(p)),
            current is null ? null : Wire.Decode<V1Endpoints>(current)) is { } desired ? Wire.Encode(desired) : null;

    /// <summary>The image trigger controller's update of a workload, or null when it writes nothing.</summary>
    public static JsonObject? Trigger(JsonObject workload, string kind, Func<string, string, JsonObject?> getStream)
    {
        string? Resolve(string ns, string stream, string tag) =>
            getStream(ns, stream) is { } json ? Wire.Decode<ImageStream>(json).ResolvePullSpec(tag) : null;
        if (kind == "CronJob")
        {
            var cronJob = Wire.Decode<V1CronJob>(workload);
            var podSpec = cronJob.Spec?.JobTemplate?.Spec?.Template?.Spec ?? new V1PodSpec();
            return ImageTriggerController.UpdateObjectFromImages(kind, cronJob.Metadata, podSpec, Resolve, out _) ? Wire.Encode(cronJob) : null;
        }
        var deployment = Wire.Decode<V1Deployment>(workload);
        var spec = deployment.Spec?.Template?.Spec ?? new V1PodSpec();
        return ImageTriggerController.UpdateObjectFromImages(kind, deployment.Metadata, spec, Resolve, out _) ? Wire.Encode(deployment) : null;
    }

    public static IEnumerable<(string Namespace, string Stream)> TriggerStreams(JsonObject workload) =>
        ImageTriggerController.StreamsOf(ControllerRefs.Meta(workload));

    /// <summary>The kubelet's readiness of a Pod read from its JSON.</summary>
    public static bool IsReady(JsonObject pod) => PodRuntime.IsReady(Wire.Decode<V1Pod>(pod));

    /// <summary>The wire JSON of a planned write.</summary>
    public static JsonObject Json(this PlannedWrite write) => Wire.Encode(write.Object);
}
