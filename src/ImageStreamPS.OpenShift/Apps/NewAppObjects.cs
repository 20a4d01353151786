using System.Text.RegularExpressions;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Triggers;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The objects <c>oc new-app &lt;stream&gt;:&lt;tag&gt;</c> creates (openshift-image-api.md §7.3): a Deployment
/// that follows the tag through the <c>image.openshift.io/triggers</c> annotation, and a Service
/// for its ports. One deliberate difference: the container gets the resolved image at once instead of
/// the <c>" "</c> placeholder, so there is no never-ready placeholder revision.
/// </summary>
public sealed partial record NewAppObjects(V1Deployment Deployment, V1Service? Service, IReadOnlyList<string> Warnings)
{
    public const string TriggersAnnotation = ImageTriggerAnnotation.Key;
    public const string GeneratedByAnnotation = "openshift.io/generated-by";
    public const string GeneratedBy = "OpenShiftNewApp";
    private static readonly string[] ImplicitLabelKeys = ["app", "app.kubernetes.io/component", "app.kubernetes.io/instance"];

    public static NewAppObjects For(NewAppImage image, NewAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        var name = string.IsNullOrEmpty(options.Name) ? image.Stream : options.Name;
        var ns = string.IsNullOrEmpty(options.Namespace) ? image.Namespace : options.Namespace;
        if (!IsDns1035Label(name))
        {
            throw new ArgumentException(
                $"invalid name \"{name}\": a name must consist of lower case alphanumeric characters or '-', start with a letter, end with an alphanumeric character, and be at most 63 characters", nameof(options));
        }
        if (options.Replicas < 0) throw new ArgumentOutOfRangeException(nameof(options), "replicas must not be negative");

        var containerName = ContainerNameFor(image.Stream);
        var warnings = new List<string>();
        var ports = ContainerPorts(image, options, warnings);

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options.Labels) labels[key] = value;
        // oc adds the implicit app labels only when the user did not set one of those keys.
        if (!ImplicitLabelKeys.Any(labels.ContainsKey))
        {
            foreach (var key in ImplicitLabelKeys) labels[key] = name;
        }

        var selector = new Dictionary<string, string>(StringComparer.Ordinal) { ["deployment"] = name };
        foreach (var (key, value) in options.Labels) selector[key] = value;

        var volumes = image.Volumes.Select((path, i) => (name: $"{containerName}-volume-{i + 1}", path)).ToList();
        var container = new V1Container
        {
            Name = containerName,
            Image = image.PullSpec,
            Ports = ports.Count == 0 ? null : ports.Select(p => new V1ContainerPort { ContainerPort = p.port, Protocol = p.protocol }).ToList(),
            Env = options.Environment.Count == 0 ? null : options.Environment.Select(e => new V1EnvVar { Name = e.Key, Value = e.Value }).ToList(),
            VolumeMounts = volumes.Count == 0 ? null : volumes.Select(v => new V1VolumeMount { MountPath = v.path, Name = v.name }).ToList(),
            Resources = new V1ResourceRequirements(),
        };

        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = labels,
                Annotations = new Dictionary<string, string>
                {
                    [TriggersAnnotation] = TriggerAnnotationFor(image, containerName),
                    [GeneratedByAnnotation] = GeneratedBy,
                },
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = options.Replicas,
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = new Dictionary<string, string>(selector),
                        Annotations = new Dictionary<string, string> { [GeneratedByAnnotation] = GeneratedBy },
                    },
                    Spec = new V1PodSpec
                    {
                        Containers = [container],
                        Volumes = volumes.Count == 0 ? null : volumes.Select(v => new V1Volume { Name = v.name, EmptyDir = new V1EmptyDirVolumeSource() }).ToList(),
                    },
                },
                Strategy = new V1DeploymentStrategy(),
            },
        };

        V1Service? service = null;
        if (ports.Count > 0)
        {
            service = new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string>(labels),
                    Annotations = new Dictionary<string, string> { [GeneratedByAnnotation] = GeneratedBy },
                },
                Spec = new V1ServiceSpec
                {
                    Ports = ports
                        .Select(p => new V1ServicePort { Name = $"{p.port}-{p.protocol.ToLowerInvariant()}", Protocol = p.protocol, Port = p.port, TargetPort = p.port })
                        .ToList(),
                    Selector = new Dictionary<string, string> { ["deployment"] = name },
                },
            };
        }
        else
        {
            warnings.Add($"The image {image.ImageStreamTag} exposes no ports, so no Service was created for \"{name}\"; give -Port to create one.");
        }

        return new NewAppObjects(deployment, service, warnings);
    }

    /// <summary>The trigger annotation as <c>oc new-app</c> writes it: the namespace explicit, <c>paused</c> omitted.</summary>
    public static string TriggerAnnotationFor(NewAppImage image, string containerName) =>
        ImageTriggerAnnotation.Serialize([ImageTrigger.ForDeploymentContainer(containerName, image.ImageStreamTag, image.Namespace)]);

    private static List<(int port, string protocol)> ContainerPorts(NewAppImage image, NewAppOptions options, List<string> warnings)
    {
        if (options.Ports is { Count: > 0 } requested)
        {
            foreach (var port in requested)
            {
                if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), $"port {port} is not between 1 and 65535");
            }
            return requested.Distinct().Order().Select(p => (p, "TCP")).ToList();
        }

        var ports = new List<(int port, string protocol)>();
        foreach (var exposed in image.ExposedPorts)
        {
            // Docker's ExposedPorts keys: "10000/tcp", "53/udp", or a bare "8080" meaning TCP.
            var parts = exposed.Split('/', 2);
            if (!int.TryParse(parts[0], out var port) || port is < 1 or > 65535)
            {
                warnings.Add($"The image {image.ImageStreamTag} exposes \"{exposed}\", which is not a port; it was skipped.");
                continue;
            }
            var protocol = parts.Length > 1 ? parts[1].ToUpperInvariant() : "TCP";
            if (protocol is not ("TCP" or "UDP" or "SCTP"))
            {
                warnings.Add($"The image {image.ImageStreamTag} exposes \"{exposed}\" with an unknown protocol; it was skipped.");
                continue;
            }
            if (!ports.Contains((port, protocol))) ports.Add((port, protocol));
        }
        return ports.OrderBy(p => p.port).ThenBy(p => p.protocol, StringComparer.Ordinal).ToList();
    }

    /// <summary>Container names are DNS-1123 labels; stream names may also hold dots.</summary>
    internal static string ContainerNameFor(string stream)
    {
        var name = InvalidLabelCharacters().Replace(stream.ToLowerInvariant(), "-").Trim('-');
        if (name.Length > 63) name = name[..63].TrimEnd('-');
        return name.Length == 0 ? "app" : name;
    }

    /// <summary>What <c>oc new-app</c> accepts as a name (<see cref="NameValidation.IsDns1035Label"/>).</summary>
    public static bool IsDns1035Label(string name) => NameValidation.IsDns1035Label(name);

    /// <summary>What a route name and host must be (<see cref="NameValidation.IsDns1123Subdomain"/>).</summary>
    public static bool IsDns1123Subdomain(string name) => NameValidation.IsDns1123Subdomain(name);

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex InvalidLabelCharacters();
}
