using System.Net;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>A Deployment container whose image trigger follows an image-stream tag.</summary>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Container">The container the trigger writes (null: the first container).</param>
/// <param name="ImageStreamTag">The followed tag, <c>stream:tag</c>.</param>
/// <param name="CurrentImage">The image the container runs now.</param>
public sealed record TagFollower(string Namespace, string Deployment, string? Container, string ImageStreamTag, string? CurrentImage);

/// <summary>
/// The apps that follow a tag (their unpaused <c>image.openshift.io/triggers</c> name it): what removing
/// the tag, or its whole stream, leaves behind. A trigger never reverts an image, so a follower keeps
/// running what it runs, and rolls out again once the tag exists again. Only reads; for -WhatIf/-Confirm.
/// </summary>
public static class TagFollowers
{
    /// <summary>The containers of <paramref name="deployment"/> whose unpaused triggers follow <c>streamNamespace/stream:tag</c> (any tag of the stream when <paramref name="tag"/> is null).</summary>
    public static IEnumerable<TagFollower> Of(V1Deployment deployment, string streamNamespace, string stream, string? tag)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var containers = deployment.Spec?.Template?.Spec?.Containers;
        return RolloutTriggers.Of(deployment)
            .Where(t => !t.Paused && t.Namespace == streamNamespace && t.Stream == stream && (tag is null || t.Tag == tag))
            .Select(t => new TagFollower(
                deployment.Metadata?.NamespaceProperty ?? "", deployment.Metadata?.Name ?? "", t.Container, t.ImageStreamTag,
                DeploymentRollout.ImageOf(containers, t.Container)))
            .ToList();
    }

    /// <summary>
    /// What removing <c>streamNamespace/stream:tag</c> (the whole stream when <paramref name="tag"/> is null)
    /// leaves behind: <c>GET deployments</c> of the stream's namespace and <c>GET imagestreams/NAME</c> to
    /// name what the followers run. A stream that is already gone names nothing.
    /// </summary>
    public static async Task<TagRemovalPreview> PreviewRemovalAsync(
        OpenShiftConnection connection, string streamNamespace, string stream, string? tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var api = connection.Client;
        var deployments = await api.AppsV1.ListNamespacedDeploymentAsync(streamNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        var followers = deployments.Items.SelectMany(d => Of(d, streamNamespace, stream, tag))
            .OrderBy(f => f.Deployment, StringComparer.Ordinal).ThenBy(f => f.Container, StringComparer.Ordinal).ToList();
        var streams = new List<ImageStream>();
        if (followers.Count > 0)
        {
            try
            {
                streams.Add(await api.CustomObjects.GetNamespacedCustomObjectAsync<ImageStream>(
                    ImageStream.KubeGroup, ImageStream.KubeApiVersion, streamNamespace, ImageStream.KubePluralName, stream, cancellationToken).ConfigureAwait(false));
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
            }
        }
        var names = new ImageNames(ImageNames.TagsByDigest(streams, streamNamespace), followers.Select(f => f.ImageStreamTag));
        return new TagRemovalPreview(streamNamespace, stream, tag, followers, names);
    }
}

/// <summary>What removing a tag (or a stream, when <see cref="Tag"/> is null) leaves behind: the apps that follow it.</summary>
public sealed record TagRemovalPreview(string StreamNamespace, string Stream, string? Tag, IReadOnlyList<TagFollower> Followers, ImageNames Names)
{
    /// <summary>One indented line per follower, naming what it runs by tag; one line saying so when nothing follows.</summary>
    public IReadOnlyList<string> Lines()
    {
        if (Followers.Count == 0)
        {
            return [Tag is null
                ? $"  no Deployment in {StreamNamespace} follows a tag of {Stream}"
                : $"  no Deployment in {StreamNamespace} follows {Stream}:{Tag}"];
        }
        return Followers.Select(f =>
        {
            var container = f.Container is null ? "" : $" (container {f.Container})";
            var again = Tag is null ? "creating" : "setting";
            return $"  deployment/{f.Deployment}{container} follows {f.ImageStreamTag} and runs {Names.Describe(f.CurrentImage)}: it keeps running that image; {again} {f.ImageStreamTag} again rolls it out";
        }).ToList();
    }
}
