using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The reads and writes of <c>oc new-app</c> and <c>oc expose service</c>: the image behind an
/// image stream tag, the Deployment and Service for it, and the Route for a Service; and what they
/// made, found and deleted by the app label as <c>oc get all -l app=NAME</c> and
/// <c>oc delete all -l app=NAME</c> do.
/// </summary>
public sealed class AppClient(IKubernetes kubernetes)
{
    /// <summary>A client over the session's connection (the module hands connections, never KubernetesClient types).</summary>
    public AppClient(OpenShiftConnection connection) : this(connection.Client)
    {
    }

    /// <summary>
    /// What new-app needs about <c>ns/stream:tag</c>: <c>GET imagestreams/stream</c> (current image and
    /// reference policy), then <c>GET imagestreamimages/stream@id</c> (exposed ports, volumes), as oc does.
    /// Throws <see cref="ImageStreamTagNotResolvedException"/> when the tag has no image yet.
    /// </summary>
    public async Task<NewAppImage> ReadImageAsync(string @namespace, string stream, string tag, CancellationToken cancellationToken)
    {
        var imageStream = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStream>(
            ImageStream.KubeGroup, ImageStream.KubeApiVersion, ApiPath.Namespace(@namespace), ImageStream.KubePluralName, ApiPath.Name(stream), cancellationToken).ConfigureAwait(false);
        var current = imageStream.LatestTaggedImage(tag);
        if (current is null || string.IsNullOrEmpty(current.Image))
        {
            throw new ImageStreamTagNotResolvedException(@namespace, stream, tag);
        }

        var image = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStreamImage>(
            ImageStream.KubeGroup, ImageStream.KubeApiVersion, ApiPath.Namespace(@namespace), ImageStreamImage.KubePluralName, ApiPath.Name(stream + "@" + current.Image), cancellationToken).ConfigureAwait(false);
        return NewAppImage.From(imageStream, tag, image)!;
    }

    /// <summary>
    /// Reads the tag's image and works out what new-app would create for it, without creating anything
    /// (what -WhatIf shows, and what <see cref="CreateAsync"/> creates).
    /// </summary>
    public async Task<NewAppPlan> PlanAsync(string streamNamespace, string stream, string tag, NewAppOptions options, CancellationToken cancellationToken)
    {
        var image = await ReadImageAsync(streamNamespace, stream, tag, cancellationToken).ConfigureAwait(false);
        return new NewAppPlan(image, NewAppObjects.For(image, options));
    }

    /// <summary>Creates the Deployment, then its Service; returns the rollout as it stands right after.</summary>
    public async Task<Rollout> CreateAsync(NewAppPlan plan, CancellationToken cancellationToken)
    {
        var app = plan.Objects;
        var ns = app.Deployment.Metadata.NamespaceProperty;
        var deployment = await kubernetes.AppsV1.CreateNamespacedDeploymentAsync(app.Deployment, ApiPath.Namespace(ns), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (app.Service is not null)
        {
            await kubernetes.CoreV1.CreateNamespacedServiceAsync(app.Service, ApiPath.Namespace(ns), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return DeploymentRollout.Read(deployment, [], [], RolloutTriggers.Of(deployment));
    }

    /// <summary><c>oc expose service</c>: reads the Service (404 if missing), then creates the Route; returns it as the server filled it.</summary>
    public async Task<RouteView> ExposeServiceAsync(
        string @namespace, string service, string? port, string? hostname, string? name, CancellationToken cancellationToken)
    {
        var target = await kubernetes.CoreV1.ReadNamespacedServiceAsync(ApiPath.Name(service), ApiPath.Namespace(@namespace), cancellationToken: cancellationToken).ConfigureAwait(false);
        var route = ServiceRoute.For(target, port, hostname, name);
        var created = await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync<Route>(
            route, Route.KubeGroup, Route.KubeApiVersion, @namespace, Route.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return RouteView.Of(await WaitForRouterAsync(@namespace, created, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The apps of a namespace (<paramref name="name"/> null) or the app <paramref name="name"/>, as
    /// <c>oc get all -l app[=NAME]</c> finds them: the workloads (with ReplicaSets, Pods and the tags they
    /// run), Services and Routes labelled <c>app</c>, grouped by the label's value and sorted by it.
    /// </summary>
    public async Task<IReadOnlyList<AppView>> ListAppsAsync(string @namespace, string? name, CancellationToken cancellationToken)
    {
        var selector = name is null ? AppView.AppLabel : AppView.AppLabel + "=" + name;
        try
        {
            var rollouts = await new RolloutClient(kubernetes).ListAsync(@namespace, cancellationToken, selector).ConfigureAwait(false);
            var services = (await kubernetes.CoreV1.ListNamespacedServiceAsync(@namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false))
                .Items.Select(ServiceView.Of).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var routes = await new RouteClient(kubernetes).ListAsync(@namespace, selector, cancellationToken).ConfigureAwait(false);

            static string? AppOf(IReadOnlyDictionary<string, string> labels) => labels.TryGetValue(AppView.AppLabel, out var app) ? app : null;
            var names = rollouts.Select(r => AppOf(r.Labels)).Concat(services.Select(s => AppOf(s.Labels)))
                .Concat(routes.Select(r => AppOf(r.Labels))).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            return names.Select(app => new AppView(app, @namespace,
                    rollouts.Where(r => AppOf(r.Labels) == app).ToList(),
                    services.Where(s => AppOf(s.Labels) == app).ToList(),
                    routes.Where(r => AppOf(r.Labels) == app).ToList()))
                .ToList();
        }
        catch (Exception exception) when (exception is not OperationCanceledException && OpenShiftApiException.From(exception) is { } translated && !ReferenceEquals(translated, exception))
        {
            throw translated;
        }
    }

    /// <summary>The app names of a namespace (values of the app label on Deployments, Services and Routes), for completion.</summary>
    public async Task<IReadOnlyList<string>> ListAppNamesAsync(string @namespace, CancellationToken cancellationToken)
    {
        var deployments = await kubernetes.AppsV1.ListNamespacedDeploymentAsync(@namespace, labelSelector: AppView.AppLabel, cancellationToken: cancellationToken).ConfigureAwait(false);
        var services = await kubernetes.CoreV1.ListNamespacedServiceAsync(@namespace, labelSelector: AppView.AppLabel, cancellationToken: cancellationToken).ConfigureAwait(false);
        var routes = await new RouteClient(kubernetes).ListAsync(@namespace, AppView.AppLabel, cancellationToken).ConfigureAwait(false);
        return deployments.Items.Select(d => d.Metadata?.Labels)
            .Concat(services.Items.Select(s => s.Metadata?.Labels))
            .Select(labels => labels is not null && labels.TryGetValue(AppView.AppLabel, out var app) ? app : null)
            .Concat(routes.Select(r => r.Labels.TryGetValue(AppView.AppLabel, out var app) ? app : null))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Deletes one object of an app, as <c>oc delete</c> does: workloads with background propagation, so
    /// the garbage collector removes their ReplicaSets and Pods.
    /// </summary>
    public async Task DeleteAsync(AppObject target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var background = new V1DeleteOptions { PropagationPolicy = "Background" };
        try
        {
            switch (target.Kind)
            {
                case AppObjectKind.Route:
                    await new RouteClient(kubernetes).DeleteAsync(target.Namespace, target.Name, cancellationToken).ConfigureAwait(false);
                    break;
                case AppObjectKind.Service:
                    await kubernetes.CoreV1.DeleteNamespacedServiceAsync(target.Name, target.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case AppObjectKind.Deployment:
                    await kubernetes.AppsV1.DeleteNamespacedDeploymentAsync(target.Name, target.Namespace, background, cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case AppObjectKind.DeploymentConfig:
                    using (await kubernetes.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
                        DeploymentConfig.Group, DeploymentConfig.Version, target.Namespace, DeploymentConfig.Plural, target.Name, background,
                        cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                    }
                    break;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException && OpenShiftApiException.From(exception) is { } translated && !ReferenceEquals(translated, exception))
        {
            throw translated;
        }
    }

    /// <summary>How long <see cref="ExposeServiceAsync"/> waits for a router to admit or reject the new Route.</summary>
    public static TimeSpan RouterWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The apiserver creates a Route with an empty status; a router admits it moments later. Waits (one
    /// watch, at most <see cref="RouterWait"/>) for a router's Admitted condition, so the Route returned
    /// says whether it is served, and where; without one in time it is returned as created.
    /// </summary>
    private async Task<Route> WaitForRouterAsync(string ns, Route created, CancellationToken cancellationToken)
    {
        if (RouterDecided(created)) return created;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(RouterWait);
        var latest = created;
        try
        {
            await foreach (var (type, item) in kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(
                Route.KubeGroup, Route.KubeApiVersion, ns, Route.KubePluralName,
                fieldSelector: "metadata.name=" + created.Metadata.Name, resourceVersion: created.Metadata.ResourceVersion,
                timeoutSeconds: (int)Math.Ceiling(RouterWait.TotalSeconds), cancellationToken: wait.Token).ConfigureAwait(false))
            {
                if (type is not (WatchEventType.Added or WatchEventType.Modified)) continue;
                var route = item is System.Text.Json.JsonElement element
                    ? KubernetesJson.Deserialize<Route>(element)
                    : KubernetesJson.Deserialize<Route>(KubernetesJson.Serialize(item));
                if (route.Metadata?.Uid != created.Metadata.Uid) continue;
                latest = route;
                if (RouterDecided(route)) break;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            // Not allowed to watch routes (or the watch failed): the Route as created is still the answer.
        }
        return latest;
    }

    private static bool RouterDecided(Route route) =>
        route.Status?.Ingress?.Any(i => i.Conditions?.Any(c => c.Type == "Admitted") == true) == true;

}

/// <summary>The tag exists in name only: it has no image yet (an import pending or failed), so there is nothing to deploy.</summary>
public sealed class ImageStreamTagNotResolvedException(string @namespace, string stream, string tag)
    : Exception($"image stream tag \"{@namespace}/{stream}:{tag}\" does not point to an image yet; import or tag an image into it first")
{
    public string Namespace { get; } = @namespace;
    public string ImageStreamTag { get; } = stream + ":" + tag;
}
