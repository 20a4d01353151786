using System.Management.Automation;
using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Projects;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>A project (a namespace as users see it): what <c>oc projects</c> and <c>oc describe project</c> show.</summary>
public sealed class OpenShiftProject : IOpenShiftManifest
{
    internal OpenShiftProject(ProjectView view, OpenShiftSession? session)
    {
        Name = view.Name;
        DisplayName = view.DisplayName;
        Description = view.Description;
        Status = view.Phase;
        Requester = view.Requester;
        Created = view.Created?.ToLocalTime();
        Labels = view.Labels;
        Annotations = view.Annotations;
        Session = session;
        IsCurrent = session is not null && session.Namespace == view.Name;
        DisplayText = view.DisplayText;
        Manifest = view.Manifest;
    }

    /// <summary>The project's name (the namespace).</summary>
    public string Name { get; }

    /// <summary>The display name (<c>openshift.io/display-name</c>), or empty.</summary>
    public string DisplayName { get; }

    /// <summary>The description (<c>openshift.io/description</c>), or empty.</summary>
    public string Description { get; }

    /// <summary><c>Active</c>, or <c>Terminating</c> while it is being deleted.</summary>
    public string Status { get; }

    /// <summary>Who requested it (<c>openshift.io/requester</c>), or empty.</summary>
    public string Requester { get; }

    /// <summary>When it was created (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>How long ago it was created: a TimeSpan (it sorts as a duration) that reads as the AGE column of <c>oc get project</c> (<c>4m13s</c>).</summary>
    public PSObject? Age => AgeValue.Since(Created);

    /// <summary>The AGE column of <c>oc get project</c> (<c>4m13s</c>).</summary>
    [System.Management.Automation.Hidden]
    public string AgeText => ShortHumanDuration.Since(Created);

    /// <summary>True when it is the namespace its session works in (the one <c>oc projects</c> marks with <c>*</c>).</summary>
    public bool IsCurrent { get; }

    /// <summary>The project's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The project's annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The cluster session it was read from.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary><c>Display Name (name)</c>, or the name when there is no other display name (how <c>oc project</c> names it).</summary>
    [System.Management.Automation.Hidden]
    public string DisplayText { get; }

    /// <summary>The <c>*</c> that marks the session's current project in the default view.</summary>
    [System.Management.Automation.Hidden]
    public string CurrentMark => IsCurrent ? "*" : "";

    /// <summary>The Project (or, on plain Kubernetes, the Namespace) as the server returned it.</summary>
    [System.Management.Automation.Hidden]
    public JsonObject Manifest { get; }

    /// <summary>The Project as OpenShift returns it (<c>ConvertTo-OpenShiftYaml</c>).</summary>
    public JsonObject ToManifest() => (JsonObject)Manifest.DeepClone();

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
