using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>The import flags of <c>oc import-image</c>.</summary>
/// <param name="Scheduled">--scheduled.</param>
/// <param name="Insecure">--insecure.</param>
/// <param name="ReferencePolicy">--reference-policy (<c>Source</c>/<c>Local</c>), null when not given.</param>
/// <param name="ImportMode">--import-mode, null when not given.</param>
public sealed record ImageImportOptions(bool Scheduled, bool Insecure, string? ReferencePolicy, string? ImportMode);

/// <summary>
/// Builds the ImageStreamImport <c>oc import-image</c> posts (openshift/oc <c>pkg/cli/importimage</c>,
/// openshift-image-api.md §4.1), with its client-side checks and messages.
/// </summary>
public static class ImageStreamImportRequest
{
    private const string InsecureAnnotation = "openshift.io/image.insecureRepository";

    /// <summary>
    /// One tag: re-imports an existing DockerImage tag from its source, or imports <paramref name="from"/>
    /// into a new tag. Same-stream alias chains are followed to the tag that really imports.
    /// Throws <see cref="ArgumentException"/> with oc's message when the import cannot be built.
    /// </summary>
    public static ImageStreamImport ForTag(string @namespace, string streamName, string tag, ImageStream? stream, string? from, ImageImportOptions options)
    {
        options = Tagging.TagPolicies.Normalize(options);
        TagReference? existing = null;
        if (stream is not null)
        {
            existing = stream.FindSpecTag(tag);
            if (existing is not null && stream.FollowTagReference(tag) is { } followed) (tag, existing) = (followed.Tag, followed.Spec);
            if (existing is null)
            {
                if (string.IsNullOrEmpty(from))
                {
                    if (tag == "latest" && !string.IsNullOrEmpty(stream.Spec?.DockerImageRepository)) from = stream.Spec.DockerImageRepository;
                    else throw new ArgumentException($"the tag \"{tag}\" does not exist on the image stream - choose an existing tag to import or use Set-ImageTag to create a new tag");
                }
            }
            else if (existing.From?.Kind == TagSourceKind.DockerImage)
            {
                if (!string.IsNullOrEmpty(from) && from != existing.From.Name)
                    throw new ArgumentException($"the tag \"{tag}\" points to \"{existing.From.Name}\" - use Set-ImageTag if you want to change the source to \"{from}\"");
                from = existing.From.Name;
            }
            else if (existing.From is { } source)
            {
                throw new ArgumentException($"tag \"{tag}\" points to existing {source.Kind} \"{source.Name}\", it cannot be re-imported");
            }
            else if (string.IsNullOrEmpty(from))
            {
                throw new ArgumentException($"the tag \"{tag}\" has no source to import from; pass -From");
            }
        }
        if (string.IsNullOrEmpty(from)) throw new ArgumentException("pass -From with the image to import");
        RegistryHost.EnsureValidPort(from);

        var request = NewRequest(@namespace, streamName, stream);
        request.Spec.Images =
        [
            new ImageImportSpec
            {
                From = new ObjectReference(TagSourceKind.DockerImage, from),
                To = new LocalObjectReference { Name = tag },
                ImportPolicy = Policy(stream, existing, options),
                ReferencePolicy = new TagReferencePolicy { Type = options.ReferencePolicy ?? "" },
            },
        ];
        return request;
    }

    /// <summary>Every tag of a repository (<c>--all</c>): <c>spec.repository</c> with the repository without tag or digest.</summary>
    public static ImageStreamImport ForRepository(string @namespace, string streamName, ImageStream? stream, string? from, ImageImportOptions options)
    {
        options = Tagging.TagPolicies.Normalize(options);
        if (string.IsNullOrEmpty(from)) from = stream?.Spec?.DockerImageRepository;
        if (string.IsNullOrEmpty(from)) throw new ArgumentException("pass -From with the repository to import");
        RegistryHost.EnsureValidPort(from);
        var request = NewRequest(@namespace, streamName, stream);
        request.Spec.Repository = new RepositoryImportSpec
        {
            From = new ObjectReference(TagSourceKind.DockerImage, RepositoryOf(from)),
            ImportPolicy = Policy(stream, null, options),
            ReferencePolicy = new TagReferencePolicy { Type = options.ReferencePolicy ?? "" },
        };
        return request;
    }

    /// <summary>What the request imports (for messages).</summary>
    public static string SourceOf(ImageStreamImport request) =>
        request.Spec.Repository?.From.Name ?? request.Spec.Images?.FirstOrDefault()?.From.Name ?? "";

    /// <summary>A pull spec without its tag and digest (<c>docker.io/a/b:v1</c> → <c>docker.io/a/b</c>).</summary>
    public static string RepositoryOf(string pullSpec)
    {
        var at = pullSpec.IndexOf('@');
        if (at >= 0) pullSpec = pullSpec[..at];
        var slash = pullSpec.LastIndexOf('/');
        var colon = pullSpec.LastIndexOf(':');
        return colon > slash ? pullSpec[..colon] : pullSpec;
    }

    private static ImageStreamImport NewRequest(string @namespace, string streamName, ImageStream? stream)
    {
        var request = new ImageStreamImport();
        request.Metadata.Name = streamName;
        request.Metadata.NamespaceProperty = @namespace;
        if (stream?.Metadata?.ResourceVersion is { Length: > 0 } version) request.Metadata.ResourceVersion = version;
        request.Spec.Import = true;
        return request;
    }

    private static TagImportPolicy Policy(ImageStream? stream, TagReference? existing, ImageImportOptions options)
    {
        var insecureStream = (stream?.Metadata?.Annotations is { } a && a.TryGetValue(InsecureAnnotation, out var v) && v == "true");
        return new TagImportPolicy
        {
            Insecure = options.Insecure || insecureStream || existing?.ImportPolicy?.Insecure == true,
            Scheduled = options.Scheduled || existing?.ImportPolicy?.Scheduled == true,
            ImportMode = options.ImportMode ?? (string.IsNullOrEmpty(existing?.ImportPolicy?.ImportMode) ? Api.ImportMode.Legacy : existing.ImportPolicy.ImportMode),
        };
    }
}
