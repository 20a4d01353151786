using System.Net;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// An error answered by a registry: the HTTP status and the distribution error code
/// (<c>MANIFEST_UNKNOWN</c>, <c>NAME_UNKNOWN</c>, <c>UNAUTHORIZED</c>, ...), or a transport failure.
/// </summary>
internal class RegistryException(string message, HttpStatusCode? status = null, string? code = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The first distribution error code of the response body, when it had one.</summary>
    public string? Code { get; } = code;

    public bool IsNotFound =>
        Code is "MANIFEST_UNKNOWN" or "NAME_UNKNOWN" or "BLOB_UNKNOWN" || (Code is null && Status == HttpStatusCode.NotFound);

    public bool IsUnauthorized =>
        Code is "UNAUTHORIZED" or "DENIED" || Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}

/// <summary>The registry answers only plain HTTP and the import was not marked insecure.</summary>
internal sealed class RegistryHttpOnlyException(string host, Exception inner)
    : RegistryException($"{host} answers plain HTTP only", inner: inner);
