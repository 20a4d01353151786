using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Triggers;

/// <summary>
/// The container a trigger's <c>fieldPath</c> names, relative to the pod spec of a workload kind:
/// <c>&lt;pod spec path&gt;.containers[SEL].image</c> or <c>initContainers[SEL].image</c>, where SEL is an
/// index or exactly <c>?(@.name=="citas")</c> (no whitespace tolerated, as in OpenShift).
/// </summary>
public sealed record ContainerFieldPath
{
    /// <summary>Whether the path names an init container list.</summary>
    public bool InitContainers { get; init; }
    /// <summary>The index, when the selector is a number.</summary>
    public int? Index { get; init; }
    /// <summary>The container name, when the selector is <c>?(@.name=="…")</c>.</summary>
    public string? Name { get; init; }
    /// <summary>What follows the container (<c>image</c> for a valid trigger).</summary>
    public string Remainder { get; init; } = "";

    /// <summary>The pod spec path of a workload kind (<c>spec.template.spec</c> for Deployments), or null for kinds triggers do not handle.</summary>
    public static string? PodSpecPath(string kind) => kind switch
    {
        "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet" or "Job" or "ReplicationController" or "DeploymentConfig" => "spec.template.spec",
        "CronJob" => "spec.jobTemplate.spec.template.spec",
        "Pod" => "spec",
        "PodTemplate" => "template.spec",
        _ => null,
    };

    /// <summary>
    /// Parses <paramref name="fieldPath"/> for an object of <paramref name="kind"/>. False when the path is not
    /// under the kind's pod spec or is malformed; <paramref name="error"/> then says which, in OpenShift's words.
    /// </summary>
    public static bool TryParse(string kind, string fieldPath, [NotNullWhen(true)] out ContainerFieldPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        var specPath = PodSpecPath(kind);
        if (specPath is null)
        {
            error = $"unrecognized object - no pod spec in {kind}";
            return false;
        }
        if (!fieldPath.StartsWith(specPath + ".", StringComparison.Ordinal))
        {
            error = $"field path is not valid: {fieldPath}";
            return false;
        }
        var rest = fieldPath[(specPath.Length + 1)..];
        bool init;
        if (rest.StartsWith("containers[", StringComparison.Ordinal)) (init, rest) = (false, rest["containers[".Length..]);
        else if (rest.StartsWith("initContainers[", StringComparison.Ordinal)) (init, rest) = (true, rest["initContainers[".Length..]);
        else
        {
            error = $"field path is not valid: {fieldPath}";
            return false;
        }
        var end = rest.IndexOf(']');
        if (end == -1)
        {
            error = $"field path is not valid: {fieldPath}";
            return false;
        }
        var selector = rest[..end];
        var remainder = rest[(end + 1)..];
        if (remainder.StartsWith('.')) remainder = remainder[1..];

        if (int.TryParse(selector, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            path = new ContainerFieldPath { InitContainers = init, Index = index, Remainder = remainder };
        else if (TrimSelector(selector) is var name && name != selector)
            path = new ContainerFieldPath { InitContainers = init, Name = name, Remainder = remainder };
        else
        {
            error = $"no such container: {selector}";
            return false;
        }
        error = null;
        return true;
    }

    // As Go's TrimSuffix(TrimPrefix(selector, prefix), suffix): either end alone is enough to mean "by name".
    private static string TrimSelector(string selector)
    {
        const string prefix = "?(@.name==\"", suffix = "\")";
        var name = selector.StartsWith(prefix, StringComparison.Ordinal) ? selector[prefix.Length..] : selector;
        return name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
    }

    /// <summary>
    /// The container this path names in <paramref name="podSpec"/>, or null. A name is looked up in the
    /// init containers first, then the containers (as OpenShift does); an index in the list the path names.
    /// </summary>
    public V1Container? FindContainer(V1PodSpec podSpec)
    {
        if (Index is { } index)
        {
            var list = InitContainers ? podSpec.InitContainers : podSpec.Containers;
            return list is not null && index >= 0 && index < list.Count ? list[index] : null;
        }
        return podSpec.InitContainers?.FirstOrDefault(c => c.Name == Name)
            ?? podSpec.Containers?.FirstOrDefault(c => c.Name == Name);
    }
}
