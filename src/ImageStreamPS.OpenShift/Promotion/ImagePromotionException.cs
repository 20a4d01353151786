namespace ImageStreamPS.OpenShift.Promotion;

/// <summary>Why a promotion stopped. Every one but <see cref="VerificationFailed"/> stops it before anything is written.</summary>
public enum PromotionError
{
    /// <summary>The source tag has no current image (missing, spec only, or its import failed).</summary>
    SourceHasNoImage,
    /// <summary>The source tag is a reference without an image digest; promotion is by digest.</summary>
    SourceHasNoDigest,
    /// <summary>The image is in the source cluster's integrated registry, which has no public route.</summary>
    RegistryNotExposed,
    /// <summary>The secret named for the registry login exists and is not a docker config secret.</summary>
    PullSecretUnusable,
    /// <summary>The destination cluster was refused by the registry (no or wrong pull secret).</summary>
    ImportUnauthorized,
    /// <summary>The registry does not have the image (or the repository) the destination asked for.</summary>
    ImportNotFound,
    /// <summary>The registry answers plain HTTP (or an untrusted certificate) and the import was not marked insecure.</summary>
    ImportInsecure,
    /// <summary>Any other import failure (unreachable registry, registry error).</summary>
    ImportFailed,
    /// <summary>The destination would get, or got, another image than the source's digest.</summary>
    DigestMismatch,
    /// <summary>The destination tag was written but did not settle on the source's image.</summary>
    VerificationFailed,
}

/// <summary>A promotion stopped with a message that says what the user can do about it.</summary>
public sealed class ImagePromotionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImagePromotionException(PromotionError error, string message, Exception? innerException = null) : base(message, innerException) => Error = error;

    /// <summary>What stopped the promotion.</summary>
    public PromotionError Error { get; }
}
