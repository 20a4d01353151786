using ImageStreamPS.OpenShift.Durations;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>A Service of an app: a row of <c>oc get svc</c>.</summary>
public sealed class AppService : IOpenShiftManifest
{
    internal AppService(ServiceView view, OpenShiftSession? session)
    {
        Name = view.Name;
        Namespace = view.Namespace;
        Type = view.Type;
        ClusterIp = view.ClusterIp;
        ExternalIp = view.ExternalIp;
        Ports = view.Ports;
        Selector = view.Selector;
        Created = view.Created?.ToLocalTime();
        Session = session;
        Manifest = view.Manifest;
    }

    /// <summary>The Service's name.</summary>
    public string Name { get; }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary><c>ClusterIP</c>, <c>NodePort</c>, <c>LoadBalancer</c> or <c>ExternalName</c>.</summary>
    public string Type { get; }

    /// <summary>The cluster IP (CLUSTER-IP).</summary>
    public string ClusterIp { get; }

    /// <summary>The EXTERNAL-IP column: <c>&lt;none&gt;</c> for a ClusterIP service.</summary>
    public string ExternalIp { get; }

    /// <summary>The PORT(S) column: <c>10000/TCP</c>.</summary>
    public string Ports { get; }

    /// <summary>The labels of the Pods it sends traffic to.</summary>
    public IReadOnlyDictionary<string, string> Selector { get; }

    /// <summary>When it was created (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>How long ago it was created: a TimeSpan (it sorts as a duration) that reads as the AGE column of <c>oc get svc</c> (<c>4m13s</c>).</summary>
    public System.Management.Automation.PSObject? Age => AgeValue.Since(Created);

    /// <summary>The AGE column of <c>oc get svc</c> (<c>4m13s</c>).</summary>
    [System.Management.Automation.Hidden]
    public string AgeText => ShortHumanDuration.Since(Created);

    /// <summary>The cluster session it was read from.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary>The Service in wire shape.</summary>
    [System.Management.Automation.Hidden]
    public JsonObject Manifest { get; }

    /// <summary>The Service as Kubernetes returns it (<c>ConvertTo-OpenShiftYaml</c>).</summary>
    public JsonObject ToManifest() => (JsonObject)Manifest.DeepClone();

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
