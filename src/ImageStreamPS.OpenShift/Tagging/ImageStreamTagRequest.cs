using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tagging;

/// <summary>
/// The request <c>oc tag</c> makes per destination: <c>PUT imagestreamtags/&lt;stream&gt;:&lt;tag&gt;</c>
/// with the body built here, and the line it prints on success.
/// </summary>
public static class ImageStreamTagRequest
{
    /// <summary>Checks the combination of source, destinations and options as <c>oc tag</c> does before sending anything.</summary>
    /// <exception cref="ImageTagException">With oc's message.</exception>
    public static void Validate(TagSource source, IReadOnlyList<ImageStreamReference> destinations, TagOptions options, string currentNamespace)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        NormalizeReferencePolicy(options.ReferencePolicy);
        NormalizeImportMode(options.ImportMode);
        if (destinations.Count == 0)
            throw new ImageTagException(ImageTagError.InvalidDestination, "at least a destination is required");
        foreach (var destination in destinations)
            if (destination.Kind != ImageStreamReferenceKind.Tag)
                throw new ImageTagException(ImageTagError.InvalidDestination, $"\"{destination.ObjectName}\" must be of the form <stream_name>:<tag>");
        if (source.Kind != TagSourceKind.DockerImage && (options.Scheduled || options.Insecure))
            throw new ImageTagException(ImageTagError.InvalidOptions, "only container images can have importing flags set");
        if (options.Alias)
        {
            if (options.Scheduled || options.Insecure)
                throw new ImageTagException(ImageTagError.InvalidOptions, "cannot set a container image tag as an alias and also set import flags");
            // as oc: the destination must be in the current namespace and have the source's stream name
            if (destinations.Any(d => d.NamespaceOr(currentNamespace) != currentNamespace || d.Name != source.Reference.Name))
                throw new ImageTagException(ImageTagError.InvalidOptions, "cannot set alias across different Image Streams");
        }
    }

    /// <summary>
    /// The ImageStreamTag body for one destination. <paramref name="source"/> must already be resolved
    /// (<see cref="TagSource.ResolveCurrentImage"/>) unless <see cref="TagOptions.Alias"/> is set.
    /// </summary>
    public static ImageStreamTag Build(TagSource source, ImageStreamReference destination, TagOptions options, string currentNamespace)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var destinationNamespace = destination.NamespaceOr(currentNamespace);
        var tag = new TagReference
        {
            Name = destination.Tag!,
            Reference = options.Reference,
            ImportPolicy = { Insecure = options.Insecure, Scheduled = options.Scheduled, ImportMode = NormalizeImportMode(options.ImportMode) },
            ReferencePolicy = { Type = NormalizeReferencePolicy(options.ReferencePolicy) },
        };
        if (source.Kind == TagSourceKind.DockerImage)
        {
            tag.From = new ObjectReference(TagSourceKind.DockerImage, source.Reference.Exact());
            tag.Generation = 0; // asks the server to import now
        }
        else
        {
            var fromNamespace = source.Reference.Namespace.Length > 0 ? source.Reference.Namespace
                : destinationNamespace != currentNamespace ? currentNamespace : null;
            tag.From = new ObjectReference(source.Kind, source.Reference.NameString(), fromNamespace);
        }
        return new ImageStreamTag
        {
            Metadata = new V1ObjectMeta { Name = destination.ObjectName, NamespaceProperty = destinationNamespace },
            Tag = tag,
        };
    }

    /// <summary>The line oc prints after a successful request: <c>Tag citas:latest set to citas@sha256:….</c></summary>
    public static string SuccessMessage(TagSource source, ImageStreamReference destination, TagOptions options, string currentNamespace)
    {
        var destinationNamespace = destination.NamespaceOr(currentNamespace);
        var sameNamespace = destinationNamespace == currentNamespace;
        var name = sameNamespace ? destination.ObjectName : destinationNamespace + "/" + destination.ObjectName;
        if (options.Alias)
            return $"Tag {name} set up to track {source.Exact}.";
        if (options.Scheduled)
            return sameNamespace ? $"Tag {name} set to import {source.Exact} periodically." : $"Tag {name} set to {source.Exact} periodically.";
        return $"Tag {name} set to {source.Exact}.";
    }

    /// <summary>The line oc prints after deleting a tag: <c>Deleted tag NS/citas:latest.</c></summary>
    public static string DeletedMessage(ImageStreamReference destination, string currentNamespace) =>
        $"Deleted tag {destination.NamespaceOr(currentNamespace)}/{destination.ObjectName}.";

    private static string NormalizeReferencePolicy(string? policy) => TagPolicies.ReferencePolicy(policy) ?? TagReferencePolicyType.Source;

    private static string NormalizeImportMode(string? mode) => TagPolicies.ImportMode(mode) ?? ImportMode.Legacy;
}
