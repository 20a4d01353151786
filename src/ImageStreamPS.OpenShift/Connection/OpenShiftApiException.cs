namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// A failed request to the cluster, in terms a caller can act on: the Kubernetes <c>Status</c>
/// (code, reason, message, details) or the transport failure behind it. Every KubernetesClient
/// and HTTP exception is turned into this type (<see cref="From"/>), so callers outside the
/// engine never handle KubernetesClient types.
/// </summary>
public sealed class OpenShiftApiException : Exception
{
    public OpenShiftApiException(
        ApiFailure failure,
        string reason,
        string message,
        int? statusCode = null,
        string? kind = null,
        string? name = null,
        string? group = null,
        IReadOnlyList<StatusCause>? causes = null,
        string? request = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Reason = reason;
        StatusCode = statusCode;
        Kind = kind;
        Name = name;
        Group = group;
        Causes = causes ?? [];
        Request = request;
    }

    /// <summary>Whether the server answered with an error or the request never got an answer.</summary>
    public ApiFailure Failure { get; }

    /// <summary>
    /// The Kubernetes <c>StatusReason</c> (<c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>,
    /// <c>Invalid</c>, <c>Forbidden</c>, <c>Unauthorized</c>, <c>Timeout</c>, ...) or, for transport
    /// failures, <c>ConnectionFailed</c>, <c>CertificateInvalid</c>, <c>Timeout</c>, <c>ConfigurationInvalid</c>.
    /// </summary>
    public string Reason { get; }

    /// <summary>The HTTP status code, when the server answered.</summary>
    public int? StatusCode { get; }

    /// <summary><c>Status.details.kind</c>: the resource the error is about, e.g. <c>imagestreams</c>.</summary>
    public string? Kind { get; }

    /// <summary><c>Status.details.name</c>: the object the error is about.</summary>
    public string? Name { get; }

    /// <summary><c>Status.details.group</c>: the API group of <see cref="Kind"/>.</summary>
    public string? Group { get; }

    /// <summary><c>Status.details.causes</c>: for <c>Invalid</c>, one entry per rejected field.</summary>
    public IReadOnlyList<StatusCause> Causes { get; }

    /// <summary>The request that failed, as <c>GET /path</c> (query and credentials left out).</summary>
    public string? Request { get; }

    /// <summary>
    /// Translates a KubernetesClient, HTTP or kubeconfig failure; returns <see langword="null"/>
    /// for exceptions that are not about talking to the cluster (including cancellation by the caller).
    /// </summary>
    public static OpenShiftApiException? From(Exception exception) => ApiExceptionTranslation.Translate(exception);
}
