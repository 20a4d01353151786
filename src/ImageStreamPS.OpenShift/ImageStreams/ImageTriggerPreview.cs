using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Triggers;
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
        var deployments = await api.AppsV1.ListNamespacedDeploymentAsync(ApiPath.Namespace(@namespace), cancellationToken: cancellationToken).ConfigureAwait(false);
        return deployments.Items.SelectMany(d => Triggered(d, streamNamespace, stream + ":" + tag, nextImage)).ToList();
    }

    /// <summary>
    /// The containers of one Deployment that a move of <paramref name="streamTag"/> to <paramref name="nextImage"/> would change,
    /// by the trigger controller's own rules (<see cref="ImageTriggerEvaluation"/>): paused triggers are skipped, and an
    /// annotation the controller cannot apply (a bad field path, a missing container) changes nothing.
    /// </summary>
    public static IEnumerable<TriggeredContainer> Triggered(V1Deployment deployment, string streamNamespace, string streamTag, string nextImage)
    {
        if (string.IsNullOrEmpty(nextImage)) return [];
        // Only the moved tag resolves: the question is what this move changes, not what other tags would.
        var evaluation = ImageTriggerEvaluation.Evaluate(deployment, (ns, stream, tag) =>
            ns == streamNamespace && stream + ":" + tag == streamTag ? nextImage : null);
        return evaluation.Changes
            .Where(change => change.ChangesImage)
            .Select(change => new TriggeredContainer(
                deployment.Metadata?.NamespaceProperty ?? "", deployment.Metadata?.Name ?? "", change.Container.Name, change.CurrentImage ?? "", nextImage))
            .ToList();
    }
}
