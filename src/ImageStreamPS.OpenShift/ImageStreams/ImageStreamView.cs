using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// An image stream as the module presents it, in plain .NET types (the module must not touch
/// KubernetesClient's metadata types): identity, repositories, the counts describe prints and its
/// tags (spec and status merged) in describe's order.
/// </summary>
public sealed class ImageStreamView
{
    /// <summary>Wraps a stream read from the server.</summary>
    public ImageStreamView(ImageStream stream)
    {
        Resource = stream ?? throw new ArgumentNullException(nameof(stream));
        var metadata = stream.Metadata ?? new();
        Name = metadata.Name ?? "";
        Namespace = metadata.NamespaceProperty ?? "";
        Uid = metadata.Uid ?? "";
        ResourceVersion = metadata.ResourceVersion ?? "";
        Generation = metadata.Generation ?? 0;
        Created = metadata.CreationTimestamp;
    }

    /// <summary>The stream as the server returned it.</summary>
    public ImageStream Resource { get; }

    /// <summary>Stream name.</summary>
    public string Name { get; }

    /// <summary>Namespace.</summary>
    public string Namespace { get; }

    /// <summary>metadata.uid.</summary>
    public string Uid { get; }

    /// <summary>metadata.resourceVersion.</summary>
    public string ResourceVersion { get; }

    /// <summary>metadata.generation.</summary>
    public long Generation { get; }

    /// <summary>metadata.creationTimestamp.</summary>
    public DateTime? Created { get; }

    /// <summary>Labels, sorted by key (sorted when first read).</summary>
    public IReadOnlyDictionary<string, string> Labels => labels ??= Sorted(Resource.Metadata?.Labels);

    /// <summary>Annotations, sorted by key (sorted when first read).</summary>
    public IReadOnlyDictionary<string, string> Annotations => annotations ??= Sorted(Resource.Metadata?.Annotations);

    private IReadOnlyDictionary<string, string>? labels;
    private IReadOnlyDictionary<string, string>? annotations;

    /// <summary>The in-cluster repository (<c>status.dockerImageRepository</c>).</summary>
    public string ImageRepository => Resource.Status?.DockerImageRepository ?? "";

    /// <summary>The repository reachable from outside (<c>status.publicDockerImageRepository</c>).</summary>
    public string PublicImageRepository => Resource.Status?.PublicDockerImageRepository ?? "";

    /// <summary><c>spec.lookupPolicy.local</c>.</summary>
    public bool LookupLocal => Resource.Spec?.LookupPolicy?.Local ?? false;

    /// <summary>Every tag: spec tags and status tags merged, in describe's (prioritized) order.</summary>
    /// <remarks>Made when first asked for: a list of thousands of streams shown as a table never needs them.</remarks>
    public IReadOnlyList<ImageTagView> Tags => LazyInitializer.EnsureInitialized(ref tags, MergeTags);

    private List<ImageTagView>? tags;

    /// <summary>Status tags plus spec tags without status, as describe counts <c>Tags:</c>.</summary>
    public int TagCount => tags?.Count ?? Resource.TagCount();

    /// <summary>Distinct image ids over the whole history of every tag (describe's <c>Unique Images:</c>).</summary>
    public int UniqueImageCount => Resource.UniqueImageCount();

    /// <summary>The newest current-item time over all tags (the UPDATED column of <c>oc get is</c>).</summary>
    public DateTime? Updated => ImageStreamTable.Updated(Resource);

    /// <summary>
    /// For each image the stream's tags point at now, those tags (<see cref="Apps.ImageNames.TagsByDigest"/>),
    /// worked out once per stream and shared by its tags (each tag's history names its images by them).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TagsByDigest =>
        tagsByDigest ??= Apps.ImageNames.TagsByDigest([Resource], Namespace);

    private IReadOnlyDictionary<string, IReadOnlyList<string>>? tagsByDigest;

    /// <summary>The tag named <paramref name="tag"/>, or null.</summary>
    public ImageTagView? FindTag(string tag) => Tags.FirstOrDefault(t => t.Tag == tag);

    /// <summary>The stream's wire JSON (for manifests).</summary>
    public JsonObject ToManifest() => OpenShiftYaml.ToJson(Resource);

    private List<ImageTagView> MergeTags()
    {
        var spec = (Resource.Spec?.Tags ?? []).Where(t => !string.IsNullOrEmpty(t.Name)).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var status = (Resource.Status?.Tags ?? []).Where(t => !string.IsNullOrEmpty(t.Tag)).GroupBy(t => t.Tag).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return Resource.TagNames()
            .Select(name => new ImageTagView(this, name, spec.GetValueOrDefault(name), status.GetValueOrDefault(name)))
            .ToList();
    }

    private static IReadOnlyDictionary<string, string> Sorted(IDictionary<string, string>? values) =>
        new SortedDictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal);
}
