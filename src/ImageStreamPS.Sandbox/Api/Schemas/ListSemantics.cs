using ImageStreamPS.OpenShift.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// How a field merges, as upstream's Go struct tags say (<c>patchStrategy</c>/<c>patchMergeKey</c>, and the
/// <c>+listType</c>/<c>+listMapKey</c> markers) and kube-apiserver publishes as
/// <c>x-kubernetes-patch-strategy</c>, <c>x-kubernetes-patch-merge-key</c>, <c>x-kubernetes-list-type</c> and
/// <c>x-kubernetes-list-map-keys</c>. The typed models do not carry these, so they are listed here once,
/// by model and JSON field: k8s.io/api core/v1 and apps/v1 types.go, apimachinery meta/v1 types.go and
/// openshift/api image/v1 types.go.
/// </summary>
public sealed record ListSemantics(string? PatchStrategy, string? MergeKey, string? ListType, IReadOnlyList<string>? MapKeys = null)
{
    private static ListSemantics Map(string strategy, params string[] keys) => new(strategy, keys[0], "map", keys);
    private static readonly ListSemantics Atomic = new(null, null, "atomic");

    private static readonly Dictionary<(Type, string), ListSemantics> Fields = new()
    {
        // apimachinery meta/v1
        [(typeof(V1ObjectMeta), "finalizers")] = new("merge", null, "set"),
        [(typeof(V1ObjectMeta), "ownerReferences")] = Map("merge", "uid"),
        [(typeof(V1ObjectMeta), "managedFields")] = Atomic,
        [(typeof(V1LabelSelector), "matchExpressions")] = Atomic,
        // core/v1
        [(typeof(V1PodSpec), "volumes")] = Map("merge,retainKeys", "name"),
        [(typeof(V1PodSpec), "initContainers")] = Map("merge", "name"),
        [(typeof(V1PodSpec), "containers")] = Map("merge", "name"),
        [(typeof(V1PodSpec), "ephemeralContainers")] = Map("merge", "name"),
        [(typeof(V1PodSpec), "imagePullSecrets")] = Map("merge", "name"),
        [(typeof(V1PodSpec), "hostAliases")] = Map("merge", "ip"),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new("merge", "topologyKey", "map", ["topologyKey", "whenUnsatisfiable"]),
        [(typeof(V1PodSpec), "schedulingGates")] = Map("merge", "name"),
        [(typeof(V1PodSpec), "resourceClaims")] = Map("merge,retainKeys", "name"),
        [(typeof(V1PodSpec), "tolerations")] = Atomic,
        [(typeof(V1PodSpec), "readinessGates")] = Atomic,
        [(typeof(V1Container), "ports")] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        [(typeof(V1Container), "env")] = Map("merge", "name"),
        [(typeof(V1Container), "volumeMounts")] = Map("merge", "mountPath"),
        [(typeof(V1Container), "volumeDevices")] = Map("merge", "devicePath"),
        [(typeof(V1Container), "command")] = Atomic,
        [(typeof(V1Container), "args")] = Atomic,
        [(typeof(V1Container), "envFrom")] = Atomic,
        [(typeof(V1Container), "resizePolicy")] = Atomic,
        [(typeof(V1EphemeralContainer), "ports")] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        [(typeof(V1EphemeralContainer), "env")] = Map("merge", "name"),
        [(typeof(V1EphemeralContainer), "volumeMounts")] = Map("merge", "mountPath"),
        [(typeof(V1EphemeralContainer), "volumeDevices")] = Map("merge", "devicePath"),
        [(typeof(V1PodStatus), "conditions")] = Map("merge", "type"),
        [(typeof(V1PodStatus), "podIPs")] = Map("merge", "ip"),
        [(typeof(V1PodStatus), "hostIPs")] = new("merge", "ip", "atomic"),
        [(typeof(V1PodStatus), "containerStatuses")] = Atomic,
        [(typeof(V1PodStatus), "initContainerStatuses")] = Atomic,
        [(typeof(V1ServiceSpec), "ports")] = new("merge", "port", "map", ["port", "protocol"]),
        [(typeof(V1ServiceSpec), "clusterIPs")] = Atomic,
        [(typeof(V1ServiceSpec), "externalIPs")] = Atomic,
        [(typeof(V1ServiceSpec), "ipFamilies")] = Atomic,
        [(typeof(V1ServiceSpec), "loadBalancerSourceRanges")] = Atomic,
        [(typeof(V1ServiceStatus), "conditions")] = Map("merge", "type"),
        [(typeof(V1NamespaceStatus), "conditions")] = Map("merge", "type"),
        [(typeof(V1NamespaceSpec), "finalizers")] = Atomic,
        [(typeof(V1Endpoints), "subsets")] = Atomic,
        // apps/v1
        [(typeof(V1DeploymentSpec), "strategy")] = new("retainKeys", null, null),
        [(typeof(V1DeploymentStatus), "conditions")] = Map("merge", "type"),
        [(typeof(V1ReplicaSetStatus), "conditions")] = Map("merge", "type"),
        // openshift/api image/v1
        [(typeof(ImageStreamSpec), "tags")] = new("merge", "name", null),
        [(typeof(ImageStreamStatus), "tags")] = new("merge", "tag", null),
        [(typeof(Image), "signatures")] = new("merge", "name", null),
        [(typeof(Image), "dockerImageMetadata")] = new("replace", null, null),
        [(typeof(ImageSignature), "conditions")] = new("merge", "type", null),
    };

    /// <summary>The semantics of <paramref name="field"/> of <paramref name="model"/>; null for a plain field.</summary>
    public static ListSemantics? Of(Type model, string field) => Fields.GetValueOrDefault((model, field));
}
