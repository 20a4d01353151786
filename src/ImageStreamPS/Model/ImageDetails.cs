using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Describe;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Model;

/// <summary>One layer of an image.</summary>
public sealed class ImageLayer
{
    internal ImageLayer(ImageLayerView view)
    {
        Digest = view.Digest;
        Size = view.Size;
        MediaType = view.MediaType;
    }

    /// <summary>The layer's digest (<c>sha256:…</c>).</summary>
    public string Digest { get; }

    /// <summary>Its size in bytes (compressed, as stored in the registry).</summary>
    public long Size { get; }

    /// <summary>Its media type.</summary>
    public string MediaType { get; }

    /// <summary><c>size  sha256:24ffc068a860</c>: the list view's line, whole at 80 columns.</summary>
    [System.Management.Automation.Hidden]
    public string ShortText => $"{HumanSize.Format(Size)}  {(string.IsNullOrEmpty(Digest) ? "" : OpenShift.Apps.ImageDigest.Short(Digest))}";

    /// <summary><c>size  digest</c>, as <c>oc describe istag</c> lists it.</summary>
    public override string ToString() => $"{HumanSize.Format(Size)}  {Digest}";
}

/// <summary>
/// What <c>oc describe istag</c> and <c>oc import-image</c> show about an image: when it was built,
/// architecture, size and layers, entrypoint and command, working directory, user, exposed ports,
/// labels (such as <c>version</c>) and environment.
/// </summary>
public sealed class ImageDetails : IOpenShiftManifest
{
    internal ImageDetails(ImageView view)
    {
        Name = view.Name;
        ImageStreamTag = view.ImageStreamTag;
        PullSpec = view.PullSpec;
        Created = view.Created?.ToLocalTime();
        Imported = view.Imported?.ToLocalTime();
        Author = view.Author;
        Architecture = view.Architecture;
        OS = view.OS;
        Platforms = view.Platforms.ToArray();
        Size = view.Size;
        SizeText = view.SizeText;
        Layers = view.Layers.Select(l => new ImageLayer(l)).ToArray();
        Entrypoint = view.Entrypoint.ToArray();
        Command = view.Command.ToArray();
        WorkingDir = view.WorkingDir;
        User = view.User;
        ExposedPorts = view.ExposedPorts.ToArray();
        Labels = view.Labels;
        Environment = view.Environment.ToArray();
        Volumes = view.Volumes.ToArray();
        ManifestMediaType = view.ManifestMediaType;
        Annotations = view.Annotations;
        Manifest = view.Manifest;
    }

    /// <summary>The image's name: its manifest digest (<c>sha256:…</c>).</summary>
    public string Name { get; }

    /// <summary>The IMAGE column: the name as a short image id (<c>sha256:24ffc068a860</c>), as Get-ImageTag's IMAGE column shows it.</summary>
    [System.Management.Automation.Hidden]
    public string ShortName => string.IsNullOrEmpty(Name) ? "" : OpenShift.Apps.ImageDigest.Short(Name);

    /// <summary>The tag it was read through (<c>citas:v2</c>), when known.</summary>
    public string ImageStreamTag { get; private set; }

    /// <summary>Where it is pulled from (<c>dockerImageReference</c>).</summary>
    public string PullSpec { get; }

    /// <summary>The pull spec with its digest as a short id (the list view's Docker Image line, whole at 80 columns).</summary>
    [System.Management.Automation.Hidden]
    public string ShortPullSpec => string.IsNullOrEmpty(PullSpec) ? "" : OpenShift.Apps.ImageDigest.ShortIn(PullSpec);

    /// <summary>When the image was built (local time).</summary>
    public DateTime? Created { get; }

    /// <summary>When the cluster first imported it (the Image object's creation, local time).</summary>
    public DateTime? Imported { get; }

    /// <summary>Who built it, when the image says.</summary>
    public string Author { get; }

    /// <summary>The CPU architecture (<c>amd64</c>).</summary>
    public string Architecture { get; }

    /// <summary>
    /// The operating system of a manifest list's images (<c>linux</c>). Empty for a single image:
    /// OpenShift's image metadata has no OS field (oc describe does not show one either).
    /// </summary>
    public string OS { get; }

    /// <summary>The platforms of a manifest list (<c>linux/amd64</c>, <c>linux/arm64/v8</c>); empty for a single image.</summary>
    public string[] Platforms { get; }

    /// <summary>The size in bytes: its distinct layers (and config), as OpenShift computes it.</summary>
    public long Size { get; }

    /// <summary>The size as oc prints it: <c>1.037kB in 1 layers</c>.</summary>
    public string SizeText { get; }

    /// <summary>The size alone, as oc words sizes (<c>1.037kB</c>).</summary>
    [System.Management.Automation.Hidden]
    public string SizeShort => HumanSize.Format(Size);

    /// <summary>Its layers, base first.</summary>
    public ImageLayer[] Layers { get; }

    /// <summary>The entrypoint.</summary>
    public string[] Entrypoint { get; }

    /// <summary>The command (<c>Cmd</c>).</summary>
    public string[] Command { get; }

    /// <summary>The working directory.</summary>
    public string WorkingDir { get; }

    /// <summary>The user the process runs as.</summary>
    public string User { get; }

    /// <summary>The ports it exposes (<c>10000/tcp</c>), sorted.</summary>
    public string[] ExposedPorts { get; }

    /// <summary>Its labels, such as <c>version</c>, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Its environment (<c>NAME=value</c>).</summary>
    public string[] Environment { get; }

    /// <summary>The volumes it declares.</summary>
    public string[] Volumes { get; }

    /// <summary>The media type of its manifest.</summary>
    public string ManifestMediaType { get; }

    /// <summary>The Image object's annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The Image in wire shape.</summary>
    [System.Management.Automation.Hidden]
    public JsonObject Manifest { get; }

    /// <summary>The Image as OpenShift returns it (<c>ConvertTo-OpenShiftYaml</c>).</summary>
    public JsonObject ToManifest() => (JsonObject)Manifest.DeepClone();

    /// <summary>The same image, read through <paramref name="tag"/>.</summary>
    internal ImageDetails For(string tag)
    {
        if (ImageStreamTag == tag) return this;
        var copy = (ImageDetails)MemberwiseClone();
        copy.ImageStreamTag = tag;
        return copy;
    }

    /// <summary>The name (<c>sha256:…</c>).</summary>
    public override string ToString() => Name;
}
