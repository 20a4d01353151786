using System.Text.Json;
using System.Text.RegularExpressions;
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
    private const string TriggerAnnotation = "image.openshift.io/triggers";

    // fieldPath: spec.template.spec.(init)containers[<index> | ?(@.name=="<name>")].image
    private static readonly Regex FieldPath = new(
        @"^spec\.template\.spec\.(?<list>containers|initContainers)\[(?:(?<index>[0-9]+)|\?\(@\.name==""(?<name>[^""]*)""\))\]\.image$",
        RegexOptions.CultureInvariant);

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
        var ns = deployment.Metadata?.NamespaceProperty ?? "";
        string? annotation = null;
        deployment.Metadata?.Annotations?.TryGetValue(TriggerAnnotation, out annotation);
        if (string.IsNullOrWhiteSpace(annotation) || string.IsNullOrEmpty(nextImage)) yield break;
        List<Trigger>? triggers;
        try
        {
            triggers = JsonSerializer.Deserialize<List<Trigger>>(annotation);
        }
        catch (JsonException)
        {
            // The controller ignores every trigger of an object whose annotation does not parse.
            yield break;
        }
        if (triggers is null || triggers.Select(t => t.FieldPath).Distinct().Count() != triggers.Count) yield break;

        foreach (var trigger in triggers)
        {
            if (trigger.Paused || trigger.From?.Name != streamTag) continue;
            var triggerNamespace = string.IsNullOrEmpty(trigger.From.Namespace) ? ns : trigger.From.Namespace;
            if (triggerNamespace != streamNamespace) continue;
            var match = FieldPath.Match(trigger.FieldPath ?? "");
            if (!match.Success) continue;
            var containers = match.Groups["list"].Value == "containers"
                ? deployment.Spec?.Template?.Spec?.Containers
                : deployment.Spec?.Template?.Spec?.InitContainers;
            var container = match.Groups["index"].Success
                ? containers?.ElementAtOrDefault(int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : containers?.FirstOrDefault(c => c.Name == match.Groups["name"].Value);
            if (container is null || container.Image == nextImage) continue;
            yield return new TriggeredContainer(ns, deployment.Metadata?.Name ?? "", container.Name, container.Image ?? "", nextImage);
        }
    }

    private sealed class Trigger
    {
        [System.Text.Json.Serialization.JsonPropertyName("from")] public TriggerSource? From { get; set; }
        [System.Text.Json.Serialization.JsonPropertyName("fieldPath")] public string? FieldPath { get; set; }
        [System.Text.Json.Serialization.JsonPropertyName("paused")] public bool Paused { get; set; }
    }

    private sealed class TriggerSource
    {
        [System.Text.Json.Serialization.JsonPropertyName("kind")] public string? Kind { get; set; }
        [System.Text.Json.Serialization.JsonPropertyName("name")] public string? Name { get; set; }
        [System.Text.Json.Serialization.JsonPropertyName("namespace")] public string? Namespace { get; set; }
    }
}
