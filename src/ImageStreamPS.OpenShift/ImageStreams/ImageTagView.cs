using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// One tag of an image stream as a user sees it: its spec (where it points, how) and its status
/// (current image and history, import error), read from the stream in one place so the module's
/// objects, describe and the YAML agree. Spec-only and push-only tags are both tags.
/// </summary>
public sealed class ImageTagView
{
    internal ImageTagView(ImageStreamView stream, string tag, TagReference? spec, NamedTagEventList? status)
    {
        Stream = stream;
        Tag = tag;
        Spec = spec;
        Status = status;
    }

    /// <summary>The stream the tag belongs to.</summary>
    public ImageStreamView Stream { get; }

    /// <summary>The tag name (<c>v1</c>).</summary>
    public string Tag { get; }

    /// <summary>The spec tag; null for tags that only have a status (pushed images).</summary>
    public TagReference? Spec { get; }

    /// <summary>The status tag; null for spec tags that have no image yet.</summary>
    public NamedTagEventList? Status { get; }

    /// <summary><c>stream:tag</c>.</summary>
    public string Name => Stream.Name + ":" + Tag;

    /// <summary>The kind of the spec tag's source, empty when the tag has no spec (pushed only).</summary>
    public string SourceKind => Spec?.From?.Kind ?? "";

    /// <summary>The source as describe names it, prefixed with its namespace when that is another one.</summary>
    public string Source
    {
        get
        {
            var from = Spec?.From;
            if (from?.Name is null) return "";
            return !string.IsNullOrEmpty(from.Namespace) && from.Namespace != Stream.Namespace ? from.Namespace + "/" + from.Name : from.Name;
        }
    }

    /// <summary><c>Reference</c>, <c>Scheduled</c>, <c>Alias</c> (follows another tag), <c>Tagged</c>, or empty when pushed only.</summary>
    public string Mode =>
        Spec is null ? ""
        : Spec.Reference ? "Reference"
        : Spec.ImportPolicy?.Scheduled == true ? "Scheduled"
        : Spec.From?.Kind == TagSourceKind.ImageStreamTag ? "Alias"
        : "Tagged";

    /// <summary>The current item (<c>items[0]</c>), if any (read from the tag's own status: a stream of many tags is not searched per tag).</summary>
    public TagEvent? Current => Tag.Length == 0 ? Stream.Resource.LatestTaggedImage(Tag) : Status?.Items is { Count: > 0 } items ? items[0] : null;

    /// <summary>The history, newest first.</summary>
    public IReadOnlyList<TagEvent> History => Status?.Items?.ToList() ?? [];

    /// <summary>The current image id.</summary>
    public string Image => Current?.Image ?? "";

    /// <summary>The current pull spec.</summary>
    public string PullSpec => Current?.DockerImageReference ?? "";

    /// <summary>
    /// The generation of the current item (as <c>ImageStreamTag.generation</c>), or the spec tag's when
    /// there is no image yet.
    /// </summary>
    public long Generation => Current?.Generation ?? Spec?.Generation ?? 0;

    /// <summary>The failed import, as describe words it: <c>Import failed (NotFound): …</c>.</summary>
    public string ImportError => (Tag.Length == 0 ? Stream.Resource.FindImportFailure(Tag) : Status?.Conditions?.FirstOrDefault(ImageStream.IsImportFailure)) is { } failed
        ? $"Import failed ({failed.Reason}): {failed.Message}"
        : "";

    /// <summary>
    /// True while an import is pending: a non-reference spec tag whose generation is newer than what
    /// the status has observed (describe's <c>~ importing latest image ...</c>).
    /// </summary>
    public bool ImportPending => Stream.Resource.IsImportPending(Tag);

    /// <summary>The tag's reference policy (<c>Source</c> or <c>Local</c>).</summary>
    public string ReferencePolicy => string.IsNullOrEmpty(Spec?.ReferencePolicy?.Type) ? TagReferencePolicyType.Source : Spec!.ReferencePolicy.Type;

    /// <summary>
    /// The pull spec consumers (image triggers, ImageStreamTag reads) get for the current item
    /// under the tag's reference policy (openshift-image-api.md §2.8).
    /// </summary>
    public string ResolvedPullSpec => Stream.Resource.ResolvePullSpec(Tag) ?? "";

    /// <summary>Applies a reference policy to an event (<see cref="ImageStream.ResolveReference"/>); empty when there is no event.</summary>
    public static string Resolve(TagEvent? item, string referencePolicy, string imageRepository) =>
        item is null ? "" : ImageStream.ResolveReference(item, referencePolicy, imageRepository);

    /// <summary>
    /// The tag as the <c>image.openshift.io/v1</c> <c>ImageTag</c> resource (<c>oc get itag -o yaml</c>
    /// without the embedded image): metadata of the stream, the spec tag and the status tag.
    /// </summary>
    public JsonObject ToManifest()
    {
        var metadata = new JsonObject
        {
            ["name"] = Name,
            ["namespace"] = Stream.Namespace,
        };
        if (!string.IsNullOrEmpty(Stream.Uid)) metadata["uid"] = Stream.Uid;
        if (!string.IsNullOrEmpty(Stream.ResourceVersion)) metadata["resourceVersion"] = Stream.ResourceVersion;
        if (Current?.Created is DateTime created) metadata["creationTimestamp"] = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        return new JsonObject
        {
            ["kind"] = "ImageTag",
            ["apiVersion"] = OpenShiftApi.ImageApiVersion,
            ["metadata"] = metadata,
            ["spec"] = Spec is null ? null : OpenShiftYaml.ToJson(Spec),
            ["status"] = Status is null ? null : OpenShiftYaml.ToJson(Status),
        };
    }
}
