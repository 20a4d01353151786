using ImageStreamPS.OpenShift.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// The reads and writes of <c>oc new-app</c> and <c>oc expose service</c>: the image behind an
/// image stream tag, the Deployment and Service for it, and the Route for a Service.
/// </summary>
public sealed class AppClient(IKubernetes kubernetes)
{
    /// <summary>
    /// What new-app needs about <c>ns/stream:tag</c>: <c>GET imagestreams/stream</c> (current image and
    /// reference policy), then <c>GET imagestreamimages/stream@id</c> (exposed ports, volumes), as oc does.
    /// Throws <see cref="ImageStreamTagNotResolvedException"/> when the tag has no image yet.
    /// </summary>
    public async Task<NewAppImage> ReadImageAsync(string @namespace, string stream, string tag, CancellationToken cancellationToken)
    {
        var imageStream = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStream>(
            ImageStream.KubeGroup, ImageStream.KubeApiVersion, @namespace, ImageStream.KubePluralName, stream, cancellationToken).ConfigureAwait(false);
        var current = NewAppImage.CurrentItem(imageStream, tag);
        if (current is null || string.IsNullOrEmpty(current.Image))
        {
            throw new ImageStreamTagNotResolvedException(@namespace, stream, tag);
        }

        var image = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStreamImage>(
            ImageStream.KubeGroup, ImageStream.KubeApiVersion, @namespace, ImageStreamImage.KubePluralName, stream + "@" + current.Image, cancellationToken).ConfigureAwait(false);
        return NewAppImage.From(imageStream, tag, image)!;
    }

    /// <summary>Creates the Deployment, then its Service.</summary>
    public async Task<(V1Deployment Deployment, V1Service? Service)> CreateAsync(NewAppObjects app, CancellationToken cancellationToken)
    {
        var ns = app.Deployment.Metadata.NamespaceProperty;
        var deployment = await kubernetes.AppsV1.CreateNamespacedDeploymentAsync(app.Deployment, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var service = app.Service is null
            ? null
            : await kubernetes.CoreV1.CreateNamespacedServiceAsync(app.Service, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (deployment, service);
    }

    /// <summary><c>oc expose service</c>: reads the Service (404 if missing), then creates the Route; returns it as the server filled it.</summary>
    public async Task<Route> ExposeServiceAsync(
        string @namespace, string service, string? port, string? hostname, string? name, CancellationToken cancellationToken)
    {
        var target = await kubernetes.CoreV1.ReadNamespacedServiceAsync(service, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        var route = ServiceRoute.For(target, port, hostname, name);
        return await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync<Route>(
            route, Route.KubeGroup, Route.KubeApiVersion, @namespace, Route.KubePluralName, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Route <see cref="ServiceRoute.For"/> would create, read back without creating it (for -WhatIf).</summary>
    public async Task<Route> PlanRouteAsync(string @namespace, string service, string? port, string? hostname, string? name, CancellationToken cancellationToken)
    {
        var target = await kubernetes.CoreV1.ReadNamespacedServiceAsync(service, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ServiceRoute.For(target, port, hostname, name);
    }
}

/// <summary>The tag exists in name only: it has no image yet (an import pending or failed), so there is nothing to deploy.</summary>
public sealed class ImageStreamTagNotResolvedException(string @namespace, string stream, string tag)
    : Exception($"image stream tag \"{@namespace}/{stream}:{tag}\" does not point to an image yet; import or tag an image into it first")
{
    public string Namespace { get; } = @namespace;
    public string ImageStreamTag { get; } = stream + ":" + tag;
}
