using ImageStreamPS.OpenShift.Api;
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
    /// One request (<c>GET /apis/apps/v1/namespaces/{namespace}/deployments</c>), plus one GET per other
    /// stream a triggered Deployment follows: the controller resolves every trigger, so a bad trigger whose
    /// tag resolves voids the whole annotation and must be seen to preview nothing.
    /// </summary>
    public static async Task<IReadOnlyList<TriggeredContainer>> FindAsync(
        IKubernetes api, string @namespace, string streamNamespace, string stream, string tag, string nextImage, CancellationToken cancellationToken)
    {
        var deployments = await api.AppsV1.ListNamespacedDeploymentAsync(ApiPath.Namespace(@namespace), cancellationToken: cancellationToken).ConfigureAwait(false);
        var streams = new Dictionary<(string, string), ImageStream?>();
        var result = new List<TriggeredContainer>();
        foreach (var deployment in deployments.Items)
        {
            var triggers = ImageTriggerAnnotation.FromAnnotations(deployment.Metadata?.Annotations);
            if (!triggers.Any(t => Follows(t, deployment, streamNamespace, stream + ":" + tag))) continue;
            foreach (var (ns, name) in OtherStreams(triggers, deployment, streamNamespace, stream + ":" + tag))
            {
                if (streams.ContainsKey((ns, name))) continue;
                streams[(ns, name)] = await ReadStreamAsync(api, ns, name, cancellationToken).ConfigureAwait(false);
            }
            result.AddRange(Triggered(deployment, streamNamespace, stream + ":" + tag, nextImage,
                (ns, name, otherTag) => streams.GetValueOrDefault((ns, name))?.ResolvePullSpec(otherTag)));
        }
        return result;
    }

    /// <summary>
    /// The containers of one Deployment that a move of <paramref name="streamTag"/> to <paramref name="nextImage"/> would change,
    /// by the trigger controller's own rules (<see cref="ImageTriggerEvaluation"/>): paused triggers are skipped, and an
    /// annotation the controller cannot apply (a bad field path or a missing container next to a tag that resolves) changes
    /// nothing. <paramref name="currentPullSpec"/> resolves the other tags as they are now; without it only the moved tag resolves.
    /// </summary>
    public static IEnumerable<TriggeredContainer> Triggered(V1Deployment deployment, string streamNamespace, string streamTag, string nextImage,
        Func<string, string, string, string?>? currentPullSpec = null)
    {
        if (string.IsNullOrEmpty(nextImage)) return [];
        if (!ImageStream.SplitImageStreamTag(streamTag, out var movedStream, out var movedTag)) return [];
        bool IsMoved(string ns, string stream, string tag) => ns == streamNamespace && stream == movedStream && tag == movedTag;
        var evaluation = ImageTriggerEvaluation.Evaluate(deployment, (ns, stream, tag) =>
            IsMoved(ns, stream, tag) ? nextImage : currentPullSpec?.Invoke(ns, stream, tag));
        return evaluation.Changes
            .Where(change => change.ChangesImage && ImageStream.SplitImageStreamTag(change.ImageStreamTag, out var stream, out var tag) &&
                IsMoved(change.Namespace, stream, tag))
            .Select(change => new TriggeredContainer(
                deployment.Metadata?.NamespaceProperty ?? "", deployment.Metadata?.Name ?? "", change.Container.Name, change.CurrentImage ?? "", nextImage))
            .ToList();
    }

    private static bool Follows(ImageTrigger trigger, V1Deployment deployment, string streamNamespace, string streamTag) =>
        !trigger.Paused && trigger.NamespaceOr(deployment.Metadata?.NamespaceProperty ?? "") == streamNamespace &&
        ImageStream.SplitImageStreamTag(trigger.From.Name, out var stream, out var tag) &&
        ImageStream.SplitImageStreamTag(streamTag, out var movedStream, out var movedTag) && stream == movedStream && tag == movedTag;

    private static IEnumerable<(string Namespace, string Stream)> OtherStreams(IEnumerable<ImageTrigger> triggers, V1Deployment deployment,
        string streamNamespace, string streamTag) =>
        triggers.Where(t => !t.Paused && !Follows(t, deployment, streamNamespace, streamTag) && ImageStream.SplitImageStreamTag(t.From.Name, out _, out _))
            .Select(t =>
            {
                ImageStream.SplitImageStreamTag(t.From.Name, out var stream, out _);
                return (t.NamespaceOr(deployment.Metadata?.NamespaceProperty ?? ""), stream);
            })
            .Distinct();

    private static async Task<ImageStream?> ReadStreamAsync(IKubernetes api, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await api.CustomObjects.GetNamespacedCustomObjectAsync<ImageStream>(
                ImageStream.KubeGroup, ImageStream.KubeApiVersion, ns, ImageStream.KubePluralName, name, cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            return null; // a stream that is not there (or not readable) resolves nothing, as for the controller
        }
    }
}
