using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>route.openshift.io/v1 Route: exposes a service at a host name.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class Route : IKubernetesObject<V1ObjectMeta>, IMetadata<V1ObjectMeta>
{
    /// <summary>The API version without the group.</summary>
    public const string KubeApiVersion = "v1";
    /// <summary>The kind.</summary>
    public const string KubeKind = "Route";
    /// <summary>The API group.</summary>
    public const string KubeGroup = "route.openshift.io";
    /// <summary>The resource name.</summary>
    public const string KubePluralName = "routes";

    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = KubeGroup + "/" + KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    /// <summary>The desired route.</summary>
    [JsonPropertyName("spec")] public RouteSpec Spec { get; set; } = new();
    /// <summary>What the routers admitted.</summary>
    [JsonPropertyName("status")] public RouteStatus? Status { get; set; }
}

/// <summary>route.openshift.io/v1 RouteList.</summary>
[KubernetesEntity(Group = Route.KubeGroup, Kind = KubeKind, ApiVersion = Route.KubeApiVersion, PluralName = Route.KubePluralName)]
public sealed class RouteList : IKubernetesObject<V1ListMeta>, IItems<Route>
{
    /// <summary>The kind.</summary>
    public const string KubeKind = "RouteList";
    /// <inheritdoc/>
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = Route.KubeGroup + "/" + Route.KubeApiVersion;
    /// <inheritdoc/>
    [JsonPropertyName("metadata")] public V1ListMeta Metadata { get; set; } = new();
    /// <inheritdoc/>
    [JsonPropertyName("items")] public IList<Route> Items { get; set; } = new List<Route>();
}

/// <summary>The desired state of a route.</summary>
public sealed class RouteSpec
{
    /// <summary>The host name; generated as <c>name-namespace.appsdomain</c> when empty.</summary>
    [JsonPropertyName("host")] public string? Host { get; set; }
    /// <summary>A subdomain under the router's domain.</summary>
    [JsonPropertyName("subdomain")] public string? Subdomain { get; set; }
    /// <summary>The path the router matches.</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }
    /// <summary>The service the route points to.</summary>
    [JsonPropertyName("to")] public RouteTargetReference To { get; set; } = new();
    /// <summary>Extra weighted backends.</summary>
    [JsonPropertyName("alternateBackends")] public IList<RouteTargetReference>? AlternateBackends { get; set; }
    /// <summary>The target port of the service.</summary>
    [JsonPropertyName("port")] public RoutePort? Port { get; set; }
    /// <summary>TLS termination.</summary>
    [JsonPropertyName("tls")] public TlsConfig? Tls { get; set; }
    /// <summary><c>None</c> (default) or <c>Subdomain</c>.</summary>
    [JsonPropertyName("wildcardPolicy")] public string? WildcardPolicy { get; set; }
}

/// <summary>A backend of a route.</summary>
public sealed class RouteTargetReference
{
    /// <summary><c>Service</c> (the server's default).</summary>
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    /// <summary>The service name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>The relative weight (server default 100).</summary>
    [JsonPropertyName("weight")] public int? Weight { get; set; }
}

/// <summary>The port of a route's service.</summary>
public sealed class RoutePort
{
    /// <summary>A port number or a port name.</summary>
    [JsonPropertyName("targetPort")] public IntOrString TargetPort { get; set; } = default!;
}

/// <summary>TLS configuration of a route.</summary>
public sealed class TlsConfig
{
    /// <summary><c>edge</c>, <c>passthrough</c> or <c>reencrypt</c>.</summary>
    [JsonPropertyName("termination")] public string Termination { get; set; } = "";
    /// <summary>The certificate (PEM).</summary>
    [JsonPropertyName("certificate")] public string? Certificate { get; set; }
    /// <summary>The key (PEM).</summary>
    [JsonPropertyName("key")] public string? Key { get; set; }
    /// <summary>The CA certificate (PEM).</summary>
    [JsonPropertyName("caCertificate")] public string? CaCertificate { get; set; }
    /// <summary>The destination CA certificate for reencrypt (PEM).</summary>
    [JsonPropertyName("destinationCACertificate")] [YamlDotNet.Serialization.YamlMember(Alias = "destinationCACertificate", ApplyNamingConventions = false)]
    public string? DestinationCACertificate { get; set; }
    /// <summary><c>Allow</c>, <c>None</c> or <c>Redirect</c>.</summary>
    [JsonPropertyName("insecureEdgeTerminationPolicy")] public string? InsecureEdgeTerminationPolicy { get; set; }
    /// <summary>A secret holding the certificate.</summary>
    [JsonPropertyName("externalCertificate")] public LocalObjectReference? ExternalCertificate { get; set; }
}

/// <summary>The observed state of a route.</summary>
public sealed class RouteStatus
{
    /// <summary>One entry per router that considered the route.</summary>
    [JsonPropertyName("ingress")] public IList<RouteIngress>? Ingress { get; set; }
}

/// <summary>What one router did with the route.</summary>
public sealed class RouteIngress
{
    /// <summary>The host the router serves.</summary>
    [JsonPropertyName("host")] public string? Host { get; set; }
    /// <summary>The router's name (<c>default</c>).</summary>
    [JsonPropertyName("routerName")] public string? RouterName { get; set; }
    /// <summary>Conditions such as <c>Admitted</c>.</summary>
    [JsonPropertyName("conditions")] public IList<RouteIngressCondition>? Conditions { get; set; }
    /// <summary>The wildcard policy the router applied.</summary>
    [JsonPropertyName("wildcardPolicy")] public string? WildcardPolicy { get; set; }
    /// <summary>The router's canonical host name.</summary>
    [JsonPropertyName("routerCanonicalHostname")] public string? RouterCanonicalHostname { get; set; }
}

/// <summary>A condition of a route ingress (<c>Admitted</c>).</summary>
public sealed class RouteIngressCondition
{
    /// <summary>The type (<c>Admitted</c>).</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    /// <summary>A machine-readable reason.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    /// <summary>A human-readable message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    /// <summary>When the condition last changed.</summary>
    [JsonPropertyName("lastTransitionTime")] public DateTime? LastTransitionTime { get; set; }
}
