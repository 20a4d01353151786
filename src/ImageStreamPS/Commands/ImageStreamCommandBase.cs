using System.Management.Automation;
using ImageStreamPS.Model;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.Commands;

/// <summary>
/// What the image stream and image tag cmdlets share: the engine client for the current session,
/// the output objects, and the ErrorRecords for names rejected before any request.
/// </summary>
public abstract class ImageStreamCommandBase : OpenShiftCmdlet
{
    /// <summary>The image.openshift.io client of the current session.</summary>
    private protected ImageStreamClient Client => new(Connection);

    /// <summary>The output object for a stream read from the current session.</summary>
    private protected Model.ImageStream ToOutput(OpenShift.Api.ImageStream stream) => new(new ImageStreamView(stream), CurrentSession);

    /// <summary>The ErrorRecord for a name that is rejected before any request is sent.</summary>
    private protected static ErrorRecord InvalidName(ArgumentException exception, string errorId, object? target) =>
        new(exception, errorId, ErrorCategory.InvalidArgument, target) { ErrorDetails = new ErrorDetails(exception.Message) };

    /// <summary>The ErrorRecord for something missing that the client noticed itself (no server Status).</summary>
    private protected static ErrorRecord NotFound(string message, string errorId, object? target) =>
        new(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, target) { ErrorDetails = new ErrorDetails(message) };

    /// <summary>True when the failure is the server's answer with this reason (<c>NotFound</c>, <c>Conflict</c>...).</summary>
    private protected static bool IsReason(Exception exception, string reason) =>
        OpenShiftApiException.From(exception) is { Failure: ApiFailure.Status } api && api.Reason == reason;
}
