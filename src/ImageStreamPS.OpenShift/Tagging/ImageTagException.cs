namespace ImageStreamPS.OpenShift.Tagging;

/// <summary>Why a tag request was refused before reaching the server.</summary>
public enum ImageTagError
{
    /// <summary>The source text or source type is not usable (<c>invalid SOURCE: …</c>).</summary>
    InvalidSource,
    /// <summary>A destination is not <c>[ns/]stream:tag</c> or its tag is invalid.</summary>
    InvalidDestination,
    /// <summary>The options contradict each other or the source kind.</summary>
    InvalidOptions,
    /// <summary>The source tag has no current image to copy.</summary>
    SourceHasNoImage,
}

/// <summary>A tag request refused with the message <c>oc tag</c> prints for the same mistake.</summary>
public sealed class ImageTagException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ImageTagException(ImageTagError error, string message) : base(message) => Error = error;

    /// <summary>What kind of mistake it is.</summary>
    public ImageTagError Error { get; }
}
