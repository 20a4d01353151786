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

    /// <summary>The pull spec the tag pointed to (<c>dockerImageReference</c>).</summary>
    public string PullSpec { get; init; } = "";

    /// <summary>When the tag started pointing to this image.</summary>
    public DateTime? Created { get; init; }

    /// <summary>The spec tag generation that produced this entry.</summary>
    public long Generation { get; init; }

    /// <summary>How long ago the tag started pointing to this image, as oc describe words it.</summary>
    [System.Management.Automation.Hidden]
    public string CreatedAgo => Created is DateTime created ? OpenShift.Durations.HumanDuration.Ago(created, DateTime.Now) : "";

    public override string ToString() => PullSpec;
}
