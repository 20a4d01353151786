using System.Management.Automation;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>
/// The one place where failed requests become ErrorRecords: the Kubernetes reason (or transport
/// failure) chooses the category, the id is the cmdlet's choice or derived from resource and reason
/// (<c>ImageStreamNotFound</c>), and the server's message is the message users read.
/// </summary>
public static class OpenShiftErrorRecord
{
    /// <summary>Builds the ErrorRecord for <paramref name="exception"/>.</summary>
    /// <param name="exception">The translated failure.</param>
    /// <param name="errorId">The id to use; when null it is derived (<see cref="DefaultErrorId"/>).</param>
    /// <param name="target">The object the failure is about (defaults to the name in the server's Status).</param>
    public static ErrorRecord From(OpenShiftApiException exception, string? errorId = null, object? target = null)
    {
        var record = new ErrorRecord(exception, string.IsNullOrEmpty(errorId) ? DefaultErrorId(exception) : errorId, CategoryOf(exception), target ?? exception.Name)
        {
            ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = RecommendedAction(exception) },
        };
        if (!string.IsNullOrEmpty(exception.Kind))
        {
            record.CategoryInfo.TargetType = exception.Kind;
        }

        return record;
    }

    /// <summary>The PowerShell category for a Kubernetes reason or transport failure.</summary>
    public static ErrorCategory CategoryOf(OpenShiftApiException exception) => exception.Failure switch
    {
        ApiFailure.Connection => ErrorCategory.ConnectionError,
        ApiFailure.Certificate => ErrorCategory.SecurityError,
        ApiFailure.Timeout => ErrorCategory.OperationTimeout,
        ApiFailure.Configuration => exception.Reason switch
        {
            "KubeConfigNotFound" or "KubeConfigContextNotFound" => ErrorCategory.ObjectNotFound,
            "NotInCluster" => ErrorCategory.InvalidOperation,
            "InsecureServer" => ErrorCategory.SecurityError,
            "ServerInvalid" => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.InvalidData,
        },
        _ => exception.Reason switch
        {
            "NotFound" => ErrorCategory.ObjectNotFound,
            "AlreadyExists" => ErrorCategory.ResourceExists,
            "Conflict" or "TooManyRequests" => ErrorCategory.ResourceBusy,
            "Invalid" or "BadRequest" => ErrorCategory.InvalidArgument,
            "Forbidden" => ErrorCategory.PermissionDenied,
            "Unauthorized" => ErrorCategory.SecurityError,
            "Timeout" or "ServerTimeout" => ErrorCategory.OperationTimeout,
            "Gone" or "Expired" or "ServiceUnavailable" => ErrorCategory.ResourceUnavailable,
            "MethodNotAllowed" or "NotAcceptable" or "UnsupportedMediaType" => ErrorCategory.InvalidOperation,
            "RequestEntityTooLarge" => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.NotSpecified,
        },
    };

    /// <summary>
    /// <c>&lt;Resource&gt;&lt;Reason&gt;</c> for server answers (<c>ImageStreamNotFound</c>, <c>DeploymentConflict</c>,
    /// <c>OpenShiftUnauthorized</c>), <c>OpenShift&lt;Failure&gt;</c> for transport failures
    /// (<c>OpenShiftConnectionFailed</c>, <c>OpenShiftCertificateInvalid</c>, <c>OpenShiftTimeout</c>), and the
    /// configuration problem itself (<c>KubeConfigContextNotFound</c>).
    /// </summary>
    public static string DefaultErrorId(OpenShiftApiException exception) => exception.Failure switch
    {
        ApiFailure.Status => ResourceNoun(exception.Kind) + exception.Reason,
        ApiFailure.Configuration => exception.Reason,
        _ => "OpenShift" + exception.Reason,
    };

    /// <summary>The singular, PascalCase name of a resource as the server names it in Status details.</summary>
    public static string ResourceNoun(string? kind) => kind?.ToLowerInvariant() switch
    {
        null or "" => "OpenShift",
        "imagestreams" or "imagestream" => "ImageStream",
        "imagestreamtags" or "imagestreamtag" => "ImageStreamTag",
        "imagestreamimages" or "imagestreamimage" => "ImageStreamImage",
        "imagestreamimports" or "imagestreamimport" => "ImageStreamImport",
        "imagetags" or "imagetag" => "ImageTag",
        "images" or "image" => "Image",
        "deployments" or "deployment" => "Deployment",
        "replicasets" or "replicaset" => "ReplicaSet",
        "pods" or "pod" => "Pod",
        "services" or "service" => "Service",
        "routes" or "route" => "Route",
        "namespaces" or "namespace" => "Namespace",
        "projects" or "project" => "Project",
        "events" or "event" => "Event",
        var other => char.ToUpperInvariant(other[0]) + other[1..].TrimEnd('s'),
    };

    private static string? RecommendedAction(OpenShiftApiException exception) => (exception.Failure, exception.Reason) switch
    {
        (ApiFailure.Status, "Unauthorized") => "The token was refused or has expired: log in again (oc login) and run Connect-OpenShift.",
        (ApiFailure.Status, "Forbidden") => "Ask for a role that allows this in the namespace, or use another -Namespace or -Session.",
        (ApiFailure.Status, "Conflict") => "The object changed since it was read: read it again and retry.",
        (ApiFailure.Connection, "ConnectionLost") or (ApiFailure.Timeout, _) when exception.Message.Contains("may have been applied", StringComparison.Ordinal) =>
            "Look whether the change was made (the message names the command) before running it again.",
        (ApiFailure.Connection, _) => "Check the server address, that the cluster (or sandbox) is running, and any proxy settings.",
        (ApiFailure.Certificate, _) => "Trust the cluster's certificate authority (kubeconfig certificate-authority or -CertificateAuthority), or use -SkipCertificateCheck.",
        (ApiFailure.Timeout, _) => "The cluster is slow or unreachable: retry, or check the network.",
        _ => null,
    };
}
