using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Why one image could not be imported: the metav1.Status openshift-apiserver puts in
/// <c>status.images[i].status</c> (worded by the engine's <see cref="StatusErrors"/>), whose reason and
/// message become the tag's ImportSuccess condition.
/// </summary>
internal sealed class ImportFailure(ApiStatus status) : Exception(status.Message)
{
    /// <summary>The Status (embedded form).</summary>
    public ApiStatus Status { get; } = status;

    public string Reason => Status.Reason ?? "";

    public static ImportFailure NotFound(string name) => new(StatusErrors.NotFound(ImageStream.KubeGroup, "dockerimage", name));

    public static ImportFailure Unauthorized(string message) => new(StatusErrors.Unauthorized(message));

    public static ImportFailure BadRequest(string message) => new(StatusErrors.BadRequest(message));

    public static ImportFailure Internal(string error) => new(StatusErrors.Internal(error));

    /// <summary>An invalid image, as <c>NewInvalid</c> with an empty kind and name words it (<c> "" is invalid: …</c>).</summary>
    public static ImportFailure Invalid(string field, string value, string detail) =>
        new(StatusErrors.Invalid("", "", "", [FieldError.Invalid(field, value, detail)]));
}
