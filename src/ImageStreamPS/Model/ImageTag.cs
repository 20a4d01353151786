using ImageStreamPS.OpenShift.Durations;
using System.Management.Automation;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Describe;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>
/// One tag of an image stream (<c>citas:v1</c>): where it points, how it follows its source, the
/// image it currently resolves to and its history. Spec-only tags (import pending or failed) and
/// pushed-only tags are tags too.
/// </summary>
public sealed class ImageTag : IOpenShiftManifest
{
    internal ImageTag(ImageTagView view, OpenShiftSession? session)
    {
        View = view;
        Session = session;
        Name = view.Name;
        ImageStream = view.Stream.Name;
        Tag = view.Tag;
        Namespace = view.Stream.Namespace;
        SourceKind = view.SourceKind;
        Source = view.Source;
        Mode = view.Mode;
        Image = view.Image;
        PullSpec = view.PullSpec;
        Created = view.Current?.Created is DateTime created ? created.ToLocalTime() : null;
        Generation = view.Generation;
        // Each image of the history named by the stream's other tags that point at it now (citas:v1).
        var names = new ImageNames(view.Stream.TagsByDigest);
        History = view.History
            .Select((item, index) => new ImageTagHistoryItem
            {
                Index = index,
                Tag = view.Name,
                Image = item.Image ?? "",
                ImageTags = names.TagsOf(item.Image).Where(t => t != view.Name).ToArray(),
                PullSpec = item.DockerImageReference ?? "",
                Created = item.Created?.ToLocalTime(),
                Generation = item.Generation,
            })
            .ToArray();
        ImportError = view.ImportError;
    }

    /// <summary><c>stream:tag</c>, e.g. <c>citas:v1</c>.</summary>
    public string Name { get; }

    /// <summary>The image stream's name.</summary>
    public string ImageStream { get; }

    /// <summary>The tag part, e.g. <c>v1</c>.</summary>
    public string Tag { get; }

    /// <summary>The namespace of the image stream.</summary>
    public string Namespace { get; }

    /// <summary><c>DockerImage</c>, <c>ImageStreamTag</c>, <c>ImageStreamImage</c>, or empty for pushed-only tags.</summary>
    public string SourceKind { get; }

    /// <summary>Where the tag points: a pull spec, <c>citas:v2</c> or <c>citas@sha256:…</c>.</summary>
    public string Source { get; }

    /// <summary><c>Tagged</c>, <c>Alias</c>, <c>Reference</c>, <c>Scheduled</c>, or empty for pushed-only tags.</summary>
    public string Mode { get; }

    /// <summary>The current image id (<c>sha256:…</c>); empty while the tag has no image.</summary>
    public string Image { get; }

    /// <summary>The current item's pull spec (<c>dockerImageReference</c>).</summary>
    public string PullSpec { get; }

    /// <summary>When the tag started pointing to its current image.</summary>
    public DateTime? Created { get; }

    /// <summary>The generation of the current item (the spec tag's while there is no image).</summary>
    public long Generation { get; }

    /// <summary>Every image the tag pointed to, newest first (the first one is the current image).</summary>
    public ImageTagHistoryItem[] History { get; }

    /// <summary>
    /// What <c>oc describe istag</c> shows about the current image (built, architecture, size, ports, labels...):
    /// filled by Import-ImageTag and by Get-ImageTag -Detailed, null otherwise.
    /// </summary>
    public ImageDetails? Details
    {
        get => details;
        // Tags sharing an image share what was read about it, each under its own name (Image Name).
        internal set => details = value?.For(Name);
    }

    private ImageDetails? details;

    /// <summary>The last failed import, as <c>oc describe</c> words it; empty when the last import worked.</summary>
    public string ImportError { get; }

    /// <summary>The cluster session the tag was read from.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary>The session and namespace this object came from (hidden; binds to the cmdlets' -Origin).</summary>
    [Hidden]
    public ObjectOrigin Origin => new(Session, Namespace);

    /// <summary>The engine's view of the tag (spec, status and stream).</summary>
    [Hidden]
    public ImageTagView View { get; }

    /// <summary>The stream's resourceVersion when the tag was read.</summary>
    [Hidden]
    public string ResourceVersion => View.Stream.ResourceVersion;

    /// <summary>The relative age of the current image, as oc prints it (<c>17 seconds ago</c>).</summary>
    [Hidden]
    public string UpdatedAgo => View.Current?.Created is DateTime created ? HumanDuration.Ago(created, DateTime.UtcNow) : "";

    /// <summary>The IMAGE column: the image id cut to 12 hex digits (<c>sha256:24ffc068a860</c>), as a short image id.</summary>
    [Hidden]
    public string ShortImage => string.IsNullOrEmpty(Image) ? "" : ImageDigest.Short(Image);

    /// <summary>The pull spec consumers get under the tag's reference policy (the IMAGE REFERENCE column of <c>oc get istag</c>).</summary>
    [Hidden]
    public string ImageReference => View.ResolvedPullSpec;

    /// <summary>The <c>ImageTag</c> manifest (<c>oc get itag -o yaml</c> shape).</summary>
    public JsonObject ToManifest() => View.ToManifest();

    /// <summary><c>namespace/stream:tag</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : Namespace + "/" + Name;
}
