namespace ImageStreamPS.Model;

/// <summary>One entry of a tag's history (a status tag event), newest first.</summary>
public sealed class ImageTagHistoryItem
{
    /// <summary>Image id (<c>sha256:…</c>); empty for reference tags.</summary>
    public string Image { get; init; } = "";

    /// <summary>The pull spec the tag pointed to (<c>dockerImageReference</c>).</summary>
    public string PullSpec { get; init; } = "";

    /// <summary>When the tag started pointing to this image.</summary>
    public DateTime? Created { get; init; }

    /// <summary>The spec tag generation that produced this entry.</summary>
    public long Generation { get; init; }

    public override string ToString() => PullSpec;
}
