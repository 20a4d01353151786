using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// An API failure carrying the <c>metav1.Status</c> the client sees (worded by the engine's
/// <see cref="StatusErrors"/>). Every layer (ApiService, strategies, virtual resources, HTTP handlers)
/// throws these; the HTTP layer writes <see cref="Status"/> with <see cref="Code"/>. Create them with <see cref="ApiErrors"/>.
/// </summary>
public sealed class StatusException(ApiStatus status) : Exception(status.Message)
{
    public StatusException(int code, string reason, string message) : this(StatusErrors.Failure(code, reason, message))
    {
    }

    /// <summary>A failure with details given as wire JSON (<c>{"causes":[...]}</c>).</summary>
    public StatusException(int code, string reason, string message, JsonObject details)
        : this(StatusErrors.Failure(code, reason, message, Wire.Decode<StatusDetails>(details)))
    {
    }

    /// <summary>The Status (embedded form: no kind or apiVersion).</summary>
    public ApiStatus Failure { get; } = status;

    public int Code => Failure.Code ?? 500;
    public string Reason => Failure.Reason ?? "";

    /// <summary>The details as JSON (<c>{"name":…,"group":…,"kind":…,"causes":[…]}</c>), or null.</summary>
    public JsonObject? Details => Failure.Details is { } details ? Wire.Encode(details) : null;

    /// <summary>The wire form: <c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...}</c>.</summary>
    public JsonObject Status
    {
        get
        {
            var body = Wire.Encode(Failure);
            body.Remove("kind");
            body.Remove("apiVersion");
            return Wire.Prepend(body, ("kind", "Status"), ("apiVersion", "v1"));
        }
    }
}

/// <summary>Status errors for a served <see cref="ResourceType"/> (the engine's <see cref="StatusErrors"/> words them).</summary>
public static class ApiErrors
{
    public static StatusException NotFound(ResourceType type, string name) => new(StatusErrors.NotFound(type.Group, type.Resource, name));

    /// <summary>The answer for a path that names no served resource.</summary>
    public static StatusException NoSuchResource() =>
        new(StatusErrors.Failure(404, "NotFound", "the server could not find the requested resource", new StatusDetails()));

    public static StatusException AlreadyExists(ResourceType type, string name) => new(StatusErrors.AlreadyExists(type.Group, type.Resource, name));

    public static StatusException Conflict(ResourceType type, string name, string detail = StatusErrors.ModifiedDetail) =>
        new(StatusErrors.Conflict(type.Group, type.Resource, name, detail));

    public static StatusException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors) =>
        new(StatusErrors.Invalid(type.Group, type.Kind, name, errors));

    public static StatusException BadRequest(string message) => new(StatusErrors.BadRequest(message));

    public static StatusException MethodNotSupported(ResourceType type, string verb) =>
        new(StatusErrors.Failure(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{type.GroupResource}\"",
            new StatusDetails { Group = type.Group.Length == 0 ? null : type.Group, Kind = type.Resource }));

    public static StatusException Gone(string message) => new(410, "Expired", message);

    public static StatusException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");

    public static StatusException RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static StatusException Unauthorized() => new(StatusErrors.Unauthorized());

    public static StatusException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static StatusException Internal(string message) => new(StatusErrors.Internal(message));
}
