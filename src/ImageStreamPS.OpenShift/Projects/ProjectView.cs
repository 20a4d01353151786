using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Projects;

/// <summary>
/// A project as <c>oc projects</c> and <c>oc describe project</c> show it: its name, display name,
/// description, phase and requester. Read from a Project, or from a Namespace on plain Kubernetes
/// (oc <c>convertNamespaceList</c>: same metadata, finalizers and phase).
/// </summary>
public sealed record ProjectView(
    string Name, string DisplayName, string Description, string Phase, string Requester, DateTime? Created,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, JsonObject Manifest)
{
    /// <summary>The annotation <c>oc new-project --display-name</c> sets.</summary>
    public const string DisplayNameAnnotation = "openshift.io/display-name";
    /// <summary>The annotation <c>oc new-project --description</c> sets.</summary>
    public const string DescriptionAnnotation = "openshift.io/description";
    /// <summary>The annotation the server sets to the user who requested the project.</summary>
    public const string RequesterAnnotation = "openshift.io/requester";
    // Older projects carry the display name under this key (oc DisplayNameForProject falls back to it).
    private const string LegacyDisplayNameAnnotation = "displayName";

    /// <summary>A project.openshift.io Project.</summary>
    public static ProjectView Of(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return From(project.Metadata, project.Status?.Phase, WireShape.Of(project, Project.KubeGroup + "/" + Project.KubeApiVersion, Project.KubeKind));
    }

    /// <summary>A Namespace read as a project, where the cluster has no project API.</summary>
    public static ProjectView Of(V1Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return From(ns.Metadata, ns.Status?.Phase, WireShape.Of(ns, "v1", "Namespace"));
    }

    /// <summary>
    /// <c>Display Name (name)</c> when the project has a display name other than its name, else the
    /// name: how <c>oc project</c> lists projects (oc <c>DisplayNameForProject</c>).
    /// </summary>
    public string DisplayText => DisplayName.Length > 0 && DisplayName != Name ? $"{DisplayName} ({Name})" : Name;

    private static ProjectView From(V1ObjectMeta? metadata, string? phase, JsonObject manifest)
    {
        var annotations = metadata?.Annotations ?? new Dictionary<string, string>();
        var display = annotations.TryGetValue(DisplayNameAnnotation, out var shown) && shown.Length > 0 ? shown
            : annotations.TryGetValue(LegacyDisplayNameAnnotation, out var legacy) ? legacy : "";
        return new ProjectView(
            metadata?.Name ?? "",
            display,
            annotations.TryGetValue(DescriptionAnnotation, out var description) ? description : "",
            phase ?? "",
            annotations.TryGetValue(RequesterAnnotation, out var requester) ? requester : "",
            metadata?.CreationTimestamp,
            new SortedDictionary<string, string>(metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            new SortedDictionary<string, string>(annotations, StringComparer.Ordinal),
            manifest);
    }
}
