using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>
/// An app: what <c>New-App</c> and <c>New-AppRoute</c> made for it, found by its <c>app</c> label as
/// <c>oc get all -l app=NAME</c> finds it (the Deployment with its rollout, the Service, the Routes),
/// with the image-stream tags that drive it.
/// </summary>
public sealed class App : IOpenShiftManifest
{
    internal App(AppView view, OpenShiftSession? session)
    {
        View = view;
        Name = view.Name;
        Namespace = view.Namespace;
        Rollouts = view.Rollouts.Select(r => new AppRollout(r, session)).ToArray();
        Services = view.Services.Select(s => new AppService(s, session)).ToArray();
        Routes = view.Routes.Select(r => new AppRoute(r, session)).ToArray();
        Status = view.Status is { } status ? (AppRolloutStatus)(int)status : null;
        Ready = view.Ready;
        Triggers = view.Triggers.ToArray();
        ImageTags = view.ImageTags.ToArray();
        Image = Rollouts.Length == 1 ? Rollouts[0].Image : null;
        Digest = Rollouts.Length == 1 ? Rollouts[0].Digest : null;
        Url = Routes.Select(r => r.Url).FirstOrDefault(u => !string.IsNullOrEmpty(u));
        Objects = view.Objects.Select(o => o.ToString()).ToArray();
        Session = session;
    }

    /// <summary>The app's name: the value of its <c>app</c> label.</summary>
    public string Name { get; }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>Where its rollouts stand (Complete, Progressing, Failed, Paused); null when it has no Deployment.</summary>
    public AppRolloutStatus? Status { get; }

    /// <summary>Ready pods over desired replicas (<c>1/1</c>).</summary>
    public string Ready { get; }

    /// <summary>The image-stream tags whose moves roll it out (<c>citas:prod</c>).</summary>
    public string[] Triggers { get; }

    /// <summary>The tags that point at the image it runs now (<c>citas:prod</c>, <c>citas:v1</c>).</summary>
    public string[] ImageTags { get; }

    /// <summary>The image its Deployment runs (when it has one Deployment).</summary>
    public string? Image { get; }

    /// <summary>The image with its digest as a short id (<c>docker.io/josedom24/citas-backend@sha256:24ffc068a860</c>), so a list line stays whole at 80 columns.</summary>
    [System.Management.Automation.Hidden]
    public string ShortImage => Image is null ? "" : ImageDigest.ShortIn(Image);

    /// <summary>The digest it runs (<c>sha256:…</c>), when it has one Deployment.</summary>
    public string? Digest { get; }

    /// <summary>The URL of its first Route, if it is exposed.</summary>
    public string? Url { get; }

    /// <summary>Its Deployments (DeploymentConfigs on clusters that have them), with ReplicaSets and Pods.</summary>
    public AppRollout[] Rollouts { get; }

    /// <summary>Its Services.</summary>
    public AppService[] Services { get; }

    /// <summary>Its Routes.</summary>
    public AppRoute[] Routes { get; }

    /// <summary>Every object, as <c>oc get all</c> names it (<c>deployment.apps/app-citas</c>), in the order Remove-App deletes them.</summary>
    public string[] Objects { get; }

    /// <summary>The cluster session it was read from.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary>The engine's view of the app.</summary>
    [System.Management.Automation.Hidden]
    public AppView View { get; }

    /// <summary>The app's objects as a <c>List</c> (what <c>oc get all -l app=NAME -o yaml</c> prints).</summary>
    public JsonObject ToManifest()
    {
        var items = new JsonArray();
        foreach (var manifest in Rollouts.Select(r => r.Manifest).Concat(Services.Select(s => s.Manifest)).Concat(Routes.Select(r => r.Manifest)))
        {
            if (manifest is not null) items.Add(manifest.DeepClone());
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["metadata"] = new JsonObject { ["resourceVersion"] = "" }, ["items"] = items };
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
