namespace ImageStreamPS.Session;

/// <summary>
/// Where an object this module wrote came from: its session and namespace. Every output object has
/// it as a hidden <c>Origin</c> property, which binds to the cmdlets' hidden <c>-Origin</c> parameter by
/// property name, so a cmdlet sees the object's session even when <c>-Session</c> was typed on the
/// command line (which keeps the object's <c>Session</c> property from binding).
/// </summary>
/// <param name="Session">The session the object was read through.</param>
/// <param name="Namespace">The object's namespace.</param>
public sealed record ObjectOrigin(OpenShiftSession? Session, string Namespace);
