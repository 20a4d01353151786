namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// What <c>oc new-app</c> and <c>oc expose</c> made for one app, found as <c>oc get all -l app=NAME</c>
/// finds it: the workloads, Services and Routes carrying the <c>app</c> label with that value.
/// </summary>
public sealed record AppView(
    string Name, string Namespace, IReadOnlyList<Rollout> Rollouts, IReadOnlyList<ServiceView> Services, IReadOnlyList<RouteView> Routes)
{
    /// <summary>The label <c>oc new-app</c> puts on everything it creates, and <c>oc get all -l app=NAME</c> selects by.</summary>
    public const string AppLabel = "app";

    /// <summary>
    /// The app's objects in the order they are deleted (routes, services, then the workloads, so nothing
    /// is left routing to pods that are going), named as <c>oc get all</c> names them.
    /// </summary>
    public IReadOnlyList<AppObject> Objects =>
        Routes.Select(r => new AppObject(AppObjectKind.Route, r.Name, Namespace))
            .Concat(Services.Select(s => new AppObject(AppObjectKind.Service, s.Name, Namespace)))
            .Concat(Rollouts.Select(r => new AppObject(r.Kind == "DeploymentConfig" ? AppObjectKind.DeploymentConfig : AppObjectKind.Deployment, r.Name, Namespace)))
            .ToList();

    /// <summary>The image-stream tags whose moves roll the app out (its unpaused image triggers).</summary>
    public IReadOnlyList<string> Triggers =>
        Rollouts.SelectMany(r => r.Triggers.Where(t => !t.Paused).Select(t => t.DisplayName(Namespace))).Distinct().ToList();

    /// <summary>The tags that point at the image the app runs now (<c>citas:prod</c>, <c>citas:v1</c>).</summary>
    public IReadOnlyList<string> ImageTags => Rollouts.SelectMany(r => r.ImageTags).Distinct().ToList();

    /// <summary>
    /// Where the app stands: Failed if a rollout failed, else Progressing if one is still rolling out, else
    /// Paused if one is paused, else Complete; null when the app has no workload (only a Service or Route left).
    /// </summary>
    public RolloutStatus? Status =>
        Rollouts.Count == 0 ? null
        : Rollouts.Any(r => r.State.Status == RolloutStatus.Failed) ? RolloutStatus.Failed
        : Rollouts.Any(r => r.State.Status == RolloutStatus.Progressing) ? RolloutStatus.Progressing
        : Rollouts.Any(r => r.State.Status == RolloutStatus.Paused) ? RolloutStatus.Paused
        : RolloutStatus.Complete;

    /// <summary>Ready pods over desired replicas across the app's workloads (<c>1/1</c>).</summary>
    public string Ready => $"{Rollouts.Sum(r => r.ReadyReplicas)}/{Rollouts.Sum(r => r.Replicas)}";
}

/// <summary>The kinds of object an app is made of.</summary>
public enum AppObjectKind
{
    Route,
    Service,
    Deployment,
    DeploymentConfig,
}

/// <summary>One object of an app.</summary>
public sealed record AppObject(AppObjectKind Kind, string Name, string Namespace)
{
    /// <summary>The resource as <c>oc get all</c> names it: <c>deployment.apps</c>, <c>service</c>, <c>route.route.openshift.io</c>.</summary>
    public string Resource => Kind switch
    {
        AppObjectKind.Route => "route.route.openshift.io",
        AppObjectKind.Service => "service",
        AppObjectKind.Deployment => "deployment.apps",
        AppObjectKind.DeploymentConfig => "deploymentconfig.apps.openshift.io",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary><c>deployment.apps/app-citas</c>.</summary>
    public override string ToString() => Resource + "/" + Name;

    /// <summary>The line <c>oc delete</c> prints for it: <c>deployment.apps "app-citas" deleted</c>.</summary>
    public string DeletedMessage => $"{Resource} \"{Name}\" deleted";
}
