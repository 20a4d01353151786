namespace ImageStreamPS.OpenShift.Connection;

/// <summary>What went wrong with a request to the cluster, before any HTTP status is considered.</summary>
public enum ApiFailure
{
    /// <summary>The server answered with an error status (a Kubernetes <c>Status</c> object, usually).</summary>
    Status,
    /// <summary>The server could not be reached (DNS, refused, reset, proxy).</summary>
    Connection,
    /// <summary>The TLS handshake failed: the server's certificate is not trusted, or the client certificate was refused.</summary>
    Certificate,
    /// <summary>The request did not complete in time.</summary>
    Timeout,
    /// <summary>The kubeconfig (or in-cluster configuration) cannot be used.</summary>
    Configuration,
}
