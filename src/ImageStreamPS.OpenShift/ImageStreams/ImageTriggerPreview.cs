using ImageStreamPS.OpenShift.Apps;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>A Deployment container whose image trigger would fire when a tag moves.</summary>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Container">The triggered container.</param>
/// <param name="CurrentImage">The container's image now.</param>
/// <param name="NextImage">The image the trigger controller would write.</param>
public sealed record TriggeredContainer(string Namespace, string Deployment, string Container, string CurrentImage, string NextImage);

/// <summary>
/// Predicts what the image trigger controller would do if a tag moved: reads the Deployments of a
/// namespace and their <c>image.openshift.io/triggers</c> annotations (openshift-image-api.md §7.1–7.2)
/// and lists the containers whose image would change. Only reads; used by <c>-WhatIf</c>.
/// </summary>
public static class ImageTriggerPreview
{
    /// <summary>
    /// The containers of Deployments in <paramref name="namespace"/> triggered by
    /// <c>{streamNamespace}/{stream}:{tag}</c> whose image differs from <paramref name="nextImage"/>.
    /// One request: <c>GET /apis/apps/v1/namespaces/{namespace}/deployments</c>.
    /// </summary>
    public static async Task<IReadOnlyList<TriggeredContainer>> FindAsync(
        IKubernetes api, string @namespace, string streamNamespace, string stream, string tag, string nextImage, CancellationToken cancellationToken)
    {
        var deployments = await api.AppsV1.ListNamespacedDeploymentAsync(@namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return deployments.Items.SelectMany(d => Triggered(d, streamNamespace, stream + ":" + tag, nextImage)).ToList();
    }

    /// <summary>The containers of one Deployment that a move of <paramref name="streamTag"/> to <paramref name="nextImage"/> would change.</summary>
    public static IEnumerable<TriggeredContainer> Triggered(V1Deployment deployment, string streamNamespace, string streamTag, string nextImage)
    {
        if (string.IsNullOrEmpty(nextImage)) yield break;
        var containers = deployment.Spec?.Template?.Spec?.Containers ?? [];
        foreach (var trigger in RolloutTriggers.Of(deployment))
        {
            if (trigger.Paused || trigger.ImageStreamTag != streamTag || trigger.Namespace != streamNamespace) continue;
            var container = containers.FirstOrDefault(c => c.Name == trigger.Container);
            if (container is null || container.Image == nextImage) continue;
            yield return new TriggeredContainer(deployment.Metadata?.NamespaceProperty ?? "", deployment.Metadata?.Name ?? "", container.Name, container.Image ?? "", nextImage);
        }
    }
}
