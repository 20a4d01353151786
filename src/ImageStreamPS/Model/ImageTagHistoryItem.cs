namespace ImageStreamPS.Model;

/// <summary>One entry of a tag's history (a status tag event), newest first.</summary>
public sealed class ImageTagHistoryItem
{
    /// <summary>Its place in the history: 0 is the current image, 1 the one before (what Undo-ImageTag goes back to).</summary>
    public int Index { get; init; }

    /// <summary>The tag (<c>citas:prod</c>).</summary>
    public string Tag { get; init; } = "";

    /// <summary>Image id (<c>sha256:…</c>); empty for reference tags.</summary>
    public string Image { get; init; } = "";

    /// <summary>The stream's other tags that point at this image now (<c>citas:v1</c>): what Undo-ImageTag would go back to, by name.</summary>
    public string[] ImageTags { get; init; } = [];

    /// <summary>The pull spec the tag pointed to (<c>dockerImageReference</c>).</summary>
    public string PullSpec { get; init; } = "";

    /// <summary>When the tag started pointing to this image.</summary>
    public DateTime? Created { get; init; }

    /// <summary>The spec tag generation that produced this entry.</summary>
    public long Generation { get; init; }

    /// <summary>How long ago the tag started pointing to this image, as oc describe words it.</summary>
    [System.Management.Automation.Hidden]
    public string CreatedAgo => Created is DateTime created ? OpenShift.Durations.HumanDuration.Ago(created, DateTime.Now) : "";

    /// <summary>The IMAGE column: the image id as a short id (<c>sha256:24ffc068a860</c>), as Get-ImageTag's IMAGE column shows it.</summary>
    [System.Management.Automation.Hidden]
    public string ShortImage => string.IsNullOrEmpty(Image) ? "" : OpenShift.Apps.ImageDigest.Short(Image);

    /// <summary>The pull spec.</summary>
    public override string ToString() => PullSpec;
}
