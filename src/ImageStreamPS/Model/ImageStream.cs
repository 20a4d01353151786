using System.Management.Automation;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Describe;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.Session;

namespace ImageStreamPS.Model;

/// <summary>
/// An OpenShift image stream: its repositories, lookup policy and every tag (spec-only tags
/// included). <c>Format-List</c> shows what <c>oc describe is</c> shows; the hidden
/// <c>Description</c> property holds oc's exact text.
/// </summary>
public sealed class ImageStream : IOpenShiftManifest
{
    internal ImageStream(ImageStreamView view, OpenShiftSession? session)
    {
        View = view;
        Session = session;
        Name = view.Name;
        Namespace = view.Namespace;
        ImageRepository = view.ImageRepository;
        PublicImageRepository = view.PublicImageRepository;
        LookupLocal = view.LookupLocal;
        Created = view.Created?.ToLocalTime();
        ResourceVersion = view.ResourceVersion;
    }

    // What needs the stream's tags or a copy is worked out when first read: a list of thousands of streams
    // shown as a table (or counted, or filtered by name) never reads most of it.
    private int? tagCount;
    private int? uniqueImageCount;
    private (DateTime? Value, bool Known) updated;
    private IDictionary<string, string>? labels;
    private IDictionary<string, string>? annotations;

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>The namespace (project).</summary>
    public string Namespace { get; }

    /// <summary>Where the stream is pulled inside the cluster (<c>image-registry.openshift-image-registry.svc:5000/ns/name</c>).</summary>
    public string ImageRepository { get; }

    /// <summary>Where the stream is pulled from outside the cluster; empty when the registry is not exposed.</summary>
    public string PublicImageRepository { get; }

    /// <summary>Whether short names such as <c>citas:prod</c> in pods of this namespace resolve through the stream.</summary>
    public bool LookupLocal { get; }

    /// <summary>Every tag, in <c>oc describe</c>'s order (spec-only and pushed-only tags included).</summary>
    /// <remarks>Made when first read (the same array after that): listing thousands of streams does not build their tags.</remarks>
    public ImageTag[] Tags => LazyInitializer.EnsureInitialized(ref tags, () => View.Tags.Select(t => new ImageTag(t, Session)).ToArray());

    private ImageTag[]? tags;

    /// <summary>The number of tags (describe's <c>Tags:</c>).</summary>
    public int TagCount => tagCount ??= View.TagCount;

    /// <summary>The number of distinct images over every tag's history (describe's <c>Unique Images:</c>).</summary>
    public int UniqueImageCount => uniqueImageCount ??= View.UniqueImageCount;

    /// <summary>When the stream was created.</summary>
    public DateTime? Created { get; }

    /// <summary>When a tag of the stream last moved (the UPDATED column of <c>oc get is</c>).</summary>
    public DateTime? Updated => (updated.Known ? updated : updated = (View.Updated?.ToLocalTime(), true)).Value;

    /// <summary>The stream's labels.</summary>
    public IDictionary<string, string> Labels => labels ??= new SortedDictionary<string, string>(View.Labels.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>The stream's annotations.</summary>
    public IDictionary<string, string> Annotations => annotations ??= new SortedDictionary<string, string>(View.Annotations.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>The resourceVersion the stream was read at.</summary>
    public string ResourceVersion { get; }

    /// <summary>The cluster session the stream was read from.</summary>
    public OpenShiftSession? Session { get; }

    /// <summary>The session and namespace this object came from (hidden; binds to the cmdlets' -Origin).</summary>
    [Hidden]
    public ObjectOrigin Origin => new(Session, Namespace);

    /// <summary>The engine's view of the stream.</summary>
    [Hidden]
    public ImageStreamView View { get; }

    /// <summary>Exactly what <c>oc describe is</c> prints for the stream, ages taken now.</summary>
    [Hidden]
    public string Description => Described().Text;

    /// <summary>The repository <c>oc get is</c> shows: the public one when exposed, else the in-cluster one.</summary>
    [Hidden]
    public string DisplayRepository => ImageStreamTable.ImageRepository(View.Resource);

    /// <summary>The TAGS column of <c>oc get is</c>: status tags, most recently updated first, cut near 40 characters.</summary>
    [Hidden]
    public string TagSummary => ImageStreamTable.TagsColumn(View.Resource);

    /// <summary>The UPDATED column of <c>oc get is</c>.</summary>
    [Hidden]
    public string UpdatedAgo => ImageStreamTable.UpdatedColumn(View.Resource, DateTime.UtcNow);

    /// <summary>One section of the describe text by its label (<c>Image Repository</c>), or the tag blocks (<c>Tags</c>).</summary>
    public string DescribeSection(string label) => Described(shortImageIds: false).Sections.GetValueOrDefault(label) ?? "";

    /// <summary>
    /// A section as the list view (<c>Format-List</c>) shows it: images by short digest, as the tables
    /// show them, because PowerShell's list indents a value and a whole digest would wrap mid-hash.
    /// </summary>
    public string ListSection(string label) => Described(shortImageIds: true).Sections.GetValueOrDefault(label) ?? "";

    // One view of the stream reads the describe text many times (every row of the list view, and
    // each row's condition): describe once, and again only when the ages in it may have moved on.
    private static readonly TimeSpan DescriptionLifetime = TimeSpan.FromSeconds(1);
    private (string Text, Dictionary<string, string> Sections, DateTime At)? described;
    private (string Text, Dictionary<string, string> Sections, DateTime At)? listed;

    private (string Text, Dictionary<string, string> Sections) Described(bool shortImageIds = false)
    {
        var now = DateTime.UtcNow;
        var cache = shortImageIds ? listed : described;
        if (cache is { } cached && now - cached.At < DescriptionLifetime) return (cached.Text, cached.Sections);
        var text = ImageStreamDescriber.Describe(View.Resource, shortImageIds: shortImageIds);
        var sections = ParseDescription(text);
        if (shortImageIds) listed = (text, sections, now);
        else described = (text, sections, now);
        return (text, sections);
    }

    /// <summary>The stream manifest (<c>oc get is -o yaml</c> shape).</summary>
    public JsonObject ToManifest() => View.ToManifest();

    // The header of describe is "Label:<tabs>value" lines (continuations start with a tab) up to
    // the first empty line; the tag blocks after it belong to "Tags".
    private static Dictionary<string, string> ParseDescription(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string? label = null;
        var i = 0;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            var line = lines[i];
            if (line.StartsWith('\t') && label is not null)
            {
                sections[label] += "\n" + line.Trim('\t');
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            label = line[..colon];
            sections[label] = line[(colon + 1)..].Trim('\t', ' ');
        }
        var blocks = string.Join("\n", lines.Skip(i + 1)).TrimEnd('\n');
        if (blocks.Length > 0 && sections.ContainsKey("Tags")) sections["Tags"] += "\n\n" + blocks;
        return sections;
    }

    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : Namespace + "/" + Name;
}
