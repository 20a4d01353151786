using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>How a destination tag should point to its source (the flags of <c>oc tag</c>).</summary>
/// <param name="From">The resolved source (<c>DockerImage</c>, <c>ImageStreamImage</c> or, for aliases, <c>ImageStreamTag</c>).</param>
/// <param name="Reference">--reference: do not import, point to the pull spec.</param>
/// <param name="Scheduled">--scheduled.</param>
/// <param name="Insecure">--insecure.</param>
/// <param name="ReferencePolicy">--reference-policy: <c>Source</c> or <c>Local</c>.</param>
/// <param name="ImportMode">--import-mode: <c>Legacy</c> or <c>PreserveOriginal</c>.</param>
public sealed record TagTarget(ObjectReference From, bool Reference, bool Scheduled, bool Insecure, string ReferencePolicy, string ImportMode);

/// <summary>The ImageStreamTag body <c>oc tag</c> PUTs per destination (openshift-image-api.md §3.3).</summary>
public static class ImageStreamTagRequest
{
    /// <summary>
    /// The body of <c>PUT …/imagestreamtags/{stream}:{tag}</c>. <paramref name="resourceVersion"/>, when
    /// given, makes the write conditional on the stream not having changed since it was read.
    /// </summary>
    public static ImageStreamTag Build(string @namespace, string stream, string tag, TagTarget target, string? resourceVersion)
    {
        var body = new ImageStreamTag();
        body.Metadata.Name = stream + ":" + tag;
        body.Metadata.NamespaceProperty = @namespace;
        if (!string.IsNullOrEmpty(resourceVersion)) body.Metadata.ResourceVersion = resourceVersion;
        body.Tag = new TagReference
        {
            Name = tag,
            From = target.From,
            Reference = target.Reference,
            // DockerImage sources are sent with generation 0 so the server imports them again.
            Generation = target.From.Kind == TagSourceKind.DockerImage ? 0 : null,
            ImportPolicy = new TagImportPolicy { Scheduled = target.Scheduled, Insecure = target.Insecure, ImportMode = target.ImportMode },
            ReferencePolicy = new TagReferencePolicy { Type = target.ReferencePolicy },
        };
        return body;
    }

    /// <summary>What <c>oc tag</c> prints for a destination: <c>Tag citas:latest set to citas@sha256:….</c></summary>
    public static string Describe(string currentNamespace, string @namespace, string stream, string tag, TagTarget target)
    {
        var destination = (@namespace == currentNamespace ? "" : @namespace + "/") + stream + ":" + tag;
        var source = (string.IsNullOrEmpty(target.From.Namespace) || target.From.Namespace == @namespace ? "" : target.From.Namespace + "/") + target.From.Name;
        if (target.From.Kind == TagSourceKind.ImageStreamTag) return $"Tag {destination} set up to track {source}.";
        if (target.Scheduled) return $"Tag {destination} set to import {source} periodically.";
        return $"Tag {destination} set to {source}.";
    }
}
