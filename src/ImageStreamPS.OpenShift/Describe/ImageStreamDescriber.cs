using ImageStreamPS.OpenShift.Durations;
using System.Text;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Images;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Describe;

/// <summary>
/// The text <c>oc describe is NAME</c> prints (oc <c>DescribeImageStream</c>): the header, then one
/// block per tag in OpenShift's tag order with its source line, import state and history, aligned
/// with Go's tabwriter and with relative ages as oc words them.
/// </summary>
public static class ImageStreamDescriber
{
    private const string None = "<none>";

    /// <summary>Describes <paramref name="stream"/> as seen at the clock's current time (the system clock by default).</summary>
    /// <param name="shortImageIds">Images by short digest (<c>citas@sha256:24ffc068a860</c>), as the tables
    /// show them: for a list that puts the tag blocks in a value column, where whole digests would wrap.</param>
    public static string Describe(ImageStream stream, TimeProvider? clock = null, bool shortImageIds = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var text = new StringBuilder();
        WriteMeta(text, stream.Metadata, now);
        var repository = string.IsNullOrEmpty(stream.Status.PublicDockerImageRepository)
            ? stream.Status.DockerImageRepository
            : stream.Status.PublicDockerImageRepository;
        WriteField(text, "Image Repository", repository);
        WriteField(text, "Image Lookup", stream.Spec.LookupPolicy.Local ? "local=true" : "local=false");
        WriteTags(text, stream, now, shortImageIds ? ImageDigest.ShortIn : static image => image);
        return TabWriter.Format(text.ToString());
    }

    private static void WriteMeta(StringBuilder text, V1ObjectMeta meta, DateTime now)
    {
        WriteField(text, "Name", meta.Name);
        if (!string.IsNullOrEmpty(meta.NamespaceProperty))
            WriteField(text, "Namespace", meta.NamespaceProperty);
        if (meta.CreationTimestamp is { } created)
            text.Append("Created:\t").Append(HumanDuration.Ago(created, now)).Append('\n');
        WriteMap(text, "Labels", meta.Labels);
        var annotations = meta.Annotations is null ? new Dictionary<string, string>() : new Dictionary<string, string>(meta.Annotations);
        if (annotations.Remove("description", out var description) && description.Length > 0)
            WriteField(text, "Description", description);
        WriteMap(text, "Annotations", annotations);
    }

    // formatString: the label, then every line of the value in the value column.
    private static void WriteField(StringBuilder text, string label, string? value)
    {
        text.Append(label).Append(':');
        foreach (var line in (string.IsNullOrEmpty(value) ? None : value).Split('\n'))
            text.Append('\t').Append(line).Append('\n');
    }

    private static void WriteMap(StringBuilder text, string label, IDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            WriteField(text, label, "");
            return;
        }
        var first = true;
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            if (first) WriteField(text, label, $"{key}={map[key]}");
            else text.Append('\t').Append(key).Append('=').Append(map[key]).Append('\n');
            first = false;
        }
    }

    private static void WriteTags(StringBuilder text, ImageStream stream, DateTime now, Func<string, string> image)
    {
        var statusTags = stream.Status.Tags ?? [];
        var specTags = stream.Spec.Tags ?? [];
        if (statusTags.Count == 0 && specTags.Count == 0)
        {
            text.Append("Tags:\t<none>\n");
            return;
        }

        // Spec tags that only follow another tag of this stream are listed next to that tag.
        var aliasesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specTags)
        {
            if (stream.FollowTagReference(spec.Name) is { Followed: true } target)
            {
                aliases.Add(spec.Name);
                if (!aliasesOf.TryGetValue(target.Tag, out var list)) aliasesOf[target.Tag] = list = [];
                list.Add(spec.Name);
            }
        }

        var tags = stream.TagNames();
        text.Append("Unique Images:\t").Append(stream.UniqueImageCount()).Append('\n');
        text.Append("Tags:\t").Append(tags.Count).Append("\n\n");

        // Each tag's spec and status found once (the first of a name, as FindSpecTag and FindStatusTag find it):
        // a stream of a thousand tags is not searched a thousand times.
        var specByName = new Dictionary<string, TagReference>(StringComparer.Ordinal);
        foreach (var spec in specTags) if (spec.Name is not null) specByName.TryAdd(spec.Name, spec);
        var statusByName = new Dictionary<string, NamedTagEventList>(StringComparer.Ordinal);
        foreach (var status in statusTags) if (status.Tag is not null) statusByName.TryAdd(status.Tag, status);

        var first = true;
        foreach (var tag in tags)
        {
            if (aliases.Contains(tag)) continue;
            if (!first) text.Append('\n');
            first = false;
            WriteTag(text, stream, tag, specByName.GetValueOrDefault(tag), statusByName.GetValueOrDefault(tag), aliasesOf.GetValueOrDefault(tag), now, image);
        }
    }

    private static void WriteTag(
        StringBuilder text, ImageStream stream, string tag, TagReference? spec, NamedTagEventList? status, List<string>? aliases, DateTime now, Func<string, string> image)
    {

        text.Append(tag);
        if (aliases is { Count: > 0 })
            text.Append(" (").Append(string.Join(", ", TagOrder.Prioritize(aliases.Distinct().Order(StringComparer.Ordinal)))).Append(')');
        text.Append('\n');
        text.Append(SourceLine(stream, spec, image)).Append('\n');
        if (spec?.From is not null && spec.ImportPolicy.Insecure)
            text.Append("    will use insecure HTTPS or HTTP connections\n");
        if (spec?.ReferencePolicy.Type == TagReferencePolicyType.Local)
            text.Append("    prefer registry pullthrough when referencing this tag\n");
        text.Append('\n');

        var annotations = spec?.Annotations;
        var extra = false;
        if (Annotation(annotations, "description") is { Length: > 0 } description)
        {
            text.Append("  ").Append(description).Append('\n');
            extra = true;
        }
        if (Annotation(annotations, "tags") is { Length: > 0 } tagList)
        {
            text.Append("  Tags: ").Append(string.Join(", ", tagList.Split(','))).Append('\n');
            extra = true;
        }
        if (Annotation(annotations, "supports") is { Length: > 0 } supports)
        {
            text.Append("  Supports: ").Append(string.Join(", ", supports.Split(','))).Append('\n');
            extra = true;
        }
        if (Annotation(annotations, "sampleRepo") is { Length: > 0 } sampleRepo)
        {
            text.Append("  Example Repo: ").Append(sampleRepo).Append('\n');
            extra = true;
        }
        if (extra) text.Append('\n');

        if (ImageStream.IsImportPending(spec, status))
            text.Append("  ~ importing latest image ...\n");

        foreach (var condition in status?.Conditions ?? [])
        {
            if (condition.Type != TagEventCondition.ImportSuccess || condition.Status != "False") continue;
            text.Append("  ! error: Import failed (").Append(condition.Reason).Append("): ").Append(condition.Message).Append('\n')
                .Append("      ").Append(Age(condition.LastTransitionTime, now)).Append('\n');
        }

        var items = status?.Items ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            text.Append(i == 0 ? "  * " : "    ").Append(image(item.DockerImageReference)).Append('\n');
            text.Append("      ").Append(Age(item.Created, now));
            // the image id is shown when the pull spec does not already end in it
            if (!string.IsNullOrEmpty(item.Image)
                && !EndsInImage(item.DockerImageReference, item.Image)
                && DockerImageReference.TryParse(item.DockerImageReference, out var reference)
                && reference.ID != item.Image)
                text.Append('\t').Append(image(item.Image));
            text.Append('\n');
        }
    }

    // NAME@<image>: a reference that parses has that image as its id (the text after '@'), and one that does not
    // parse shows no id either, so the id is left out without the (costly) parse.
    private static bool EndsInImage(string? reference, string image) =>
        reference is not null && reference.Length > image.Length && reference.EndsWith(image, StringComparison.Ordinal)
        && reference[reference.Length - image.Length - 1] == '@';

    /// <summary>The second line of a tag block: where the tag comes from (describe's wording).</summary>
    public static string SourceLine(ImageStream stream, TagReference? spec) => SourceLine(stream, spec, static image => image);

    private static string SourceLine(ImageStream stream, TagReference? spec, Func<string, string> image)
    {
        if (spec is null) return "  no spec tag";
        if (spec.From is null) return "  tag without source image";
        var from = spec.From;
        var name = image(!string.IsNullOrEmpty(from.Namespace) && from.Namespace != stream.Metadata.NamespaceProperty
            ? from.Namespace + "/" + from.Name
            : from.Name);
        var scheduled = spec.ImportPolicy.Scheduled;
        return from.Kind switch
        {
            TagSourceKind.ImageStreamTag when spec.Reference => $"  reference to {name}",
            TagSourceKind.ImageStreamTag when scheduled => $"  updates automatically from {name}",
            TagSourceKind.ImageStreamTag => $"  tagged from {name}",
            TagSourceKind.DockerImage when spec.Reference => $"  reference to registry {name}",
            TagSourceKind.DockerImage when scheduled => $"  updates automatically from registry {name}",
            TagSourceKind.DockerImage => $"  tagged from {name}",
            TagSourceKind.ImageStreamImage when spec.Reference => $"  reference to image {name}",
            TagSourceKind.ImageStreamImage => $"  tagged from {name}",
            _ when spec.Reference => $"  reference to {from.Kind} {name}",
            _ => $"  updates from {from.Kind} {name}",
        };
    }

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;

    // Go prints a zero time as 0001-01-01, which HumanDuration turns into years; keep that.
    private static string Age(DateTime? time, DateTime now) => HumanDuration.Ago(time ?? DateTime.MinValue, now);
}
