using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>An object read from a manifest file, ready to create when it is an ImageStream.</summary>
/// <param name="Kind">The manifest's kind.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Namespace">metadata.namespace, or null.</param>
/// <param name="Stream">The stream to POST (server-owned fields removed), or null for other kinds.</param>
public sealed record ManifestObject(string Kind, string Name, string? Namespace, ImageStream? Stream);

/// <summary>
/// Builds the ImageStream bodies <c>oc create is</c> and <c>oc create -f</c> send.
/// </summary>
public static class ImageStreamManifest
{
    /// <summary>The body of <c>oc create is NAME</c>: metadata and <c>spec.lookupPolicy</c>, nothing else.</summary>
    public static ImageStream New(string name, IDictionary<string, string>? labels, IDictionary<string, string>? annotations, bool lookupLocal)
    {
        var stream = new ImageStream();
        stream.Metadata.Name = name;
        stream.Metadata.Labels = labels is { Count: > 0 } ? new Dictionary<string, string>(labels) : null;
        stream.Metadata.Annotations = annotations is { Count: > 0 } ? new Dictionary<string, string>(annotations) : null;
        stream.Spec.LookupPolicy.Local = lookupLocal;
        return stream;
    }

    /// <summary>
    /// Reads every object of a YAML/JSON text. ImageStreams come back ready to create: server-owned
    /// metadata and the status are removed, and spec tags pointing into the stream's own history
    /// (<c>ImageStreamImage</c> <c>name@id</c>) become <c>DockerImage</c> references to that image's
    /// pull spec (taken from the manifest's status), since a new stream has no history to resolve them.
    /// Throws <see cref="InvalidDataException"/> when the text does not parse.
    /// </summary>
    public static IReadOnlyList<ManifestObject> Read(string text)
    {
        IReadOnlyList<JsonObject> objects;
        try
        {
            objects = OpenShiftYaml.ReadObjects(text);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidDataException($"The manifest is not valid YAML: {exception.Message}", exception);
        }
        // oc create -f of a file without objects fails ("no objects passed to create") rather than doing nothing.
        if (objects.Count == 0) throw new InvalidDataException("The manifest holds no objects: no objects passed to create.");

        var result = new List<ManifestObject>();
        foreach (var json in objects)
        {
            var kind = Text(json["kind"]) ?? "";
            var name = Text(json["metadata"]?["name"]) ?? "";
            var ns = Text(json["metadata"]?["namespace"]);
            ImageStream? stream = null;
            if (kind == ImageStream.KubeKind)
            {
                try
                {
                    stream = ForCreate(OpenShiftYaml.ToObject<ImageStream>(json));
                }
                catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
                {
                    throw new InvalidDataException($"The ImageStream \"{name}\" does not have the ImageStream shape: {exception.Message}", exception);
                }
            }
            result.Add(new ManifestObject(kind, name, string.IsNullOrEmpty(ns) ? null : ns, stream));
        }
        return result;
    }

    /// <summary>
    /// Reads the objects of a manifest file's bytes, decoded as go-yaml decodes them (<see cref="YamlReader.Decode"/>):
    /// a file that is not YAML text (binary, not UTF-8) is an <see cref="InvalidDataException"/> like any bad YAML.
    /// </summary>
    public static IReadOnlyList<ManifestObject> Read(byte[] content)
    {
        string text;
        try
        {
            text = YamlReader.Decode(content);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidDataException($"The manifest is not valid YAML: {exception.Message}", exception);
        }
        return Read(text);
    }

    /// <summary>
    /// Reads a manifest file: larger than <see cref="YamlReader.MaxBytes"/> is refused before it is read.
    /// Throws <see cref="InvalidDataException"/> (bad content) or <see cref="IOException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ManifestObject>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        if (file.Length > YamlReader.MaxBytes)
            throw new InvalidDataException($"The manifest is larger than {YamlReader.MaxBytes} bytes, the API server's request limit.");
        var content = new byte[file.Length];
        await file.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        return Read(content);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Adds labels and annotations and optionally turns local lookup on.</summary>
    public static void Decorate(ImageStream stream, IDictionary<string, string>? labels, IDictionary<string, string>? annotations, bool lookupLocal)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            (stream.Metadata.Labels ??= new Dictionary<string, string>())[key] = value;
        }
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            (stream.Metadata.Annotations ??= new Dictionary<string, string>())[key] = value;
        }
        if (lookupLocal) stream.Spec.LookupPolicy.Local = true;
    }

    private static ImageStream ForCreate(ImageStream manifest)
    {
        var metadata = manifest.Metadata ?? new();
        var stream = new ImageStream();
        stream.Metadata.Name = metadata.Name;
        stream.Metadata.Labels = metadata.Labels;
        stream.Metadata.Annotations = metadata.Annotations?
            .Where(a => a.Key != "openshift.io/image.dockerRepositoryCheck" && a.Key != "kubectl.kubernetes.io/last-applied-configuration")
            .ToDictionary(a => a.Key, a => a.Value);
        if (stream.Metadata.Annotations is { Count: 0 }) stream.Metadata.Annotations = null;
        stream.Spec.LookupPolicy.Local = manifest.Spec?.LookupPolicy?.Local ?? false;
        stream.Spec.DockerImageRepository = manifest.Spec?.DockerImageRepository;

        var tags = new List<TagReference>();
        foreach (var tag in manifest.Spec?.Tags ?? [])
        {
            tag.Generation = null;
            var from = tag.From;
            if (from?.Kind == TagSourceKind.ImageStreamImage && from.Name is { } source
                && (string.IsNullOrEmpty(from.Namespace) || from.Namespace == metadata.NamespaceProperty))
            {
                var at = source.IndexOf('@');
                var streamName = at >= 0 ? source[..at] : metadata.Name;
                var id = at >= 0 ? source[(at + 1)..] : source;
                // The id resolves as the server resolves an ImageStreamImage (imageutil.ResolveImageID).
                if (streamName == metadata.Name && id.Length > 0 && manifest.TryResolveImageId(id, DateTime.UtcNow, out var item, out _))
                {
                    tag.From = new ObjectReference(TagSourceKind.DockerImage, item!.DockerImageReference);
                }
            }
            tags.Add(tag);
        }
        stream.Spec.Tags = tags.Count > 0 ? tags : null;
        return stream;
    }
}
