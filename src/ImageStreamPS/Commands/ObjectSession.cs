using System.Management.Automation;
using ImageStreamPS.Session;

namespace ImageStreamPS.Commands;

/// <summary>Objects act on the session they were read from; an explicit -Session that differs is reported, not guessed.</summary>
internal static class ObjectSession
{
    /// <summary>The error for <paramref name="target"/>, read from <paramref name="objectSession"/> but given with -Session <paramref name="given"/>.</summary>
    public static ErrorRecord Mismatch(object target, OpenShiftSession objectSession, OpenShiftSession given)
    {
        var message = $"{target} was read from session {objectSession.Id} ({objectSession.Server}), but -Session is session {given.Id} ({given.Server}); leave out -Session to act where it came from.";
        return new ErrorRecord(new ArgumentException(message), "SessionMismatch", ErrorCategory.InvalidArgument, target) { ErrorDetails = new ErrorDetails(message) };
    }
}
