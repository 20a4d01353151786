namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// The failure Statuses as apimachinery's <c>pkg/api/errors</c> builds them (<c>NewNotFound</c>,
/// <c>NewAlreadyExists</c>, <c>NewConflict</c>, <c>NewInvalid</c>, <c>NewBadRequest</c>, <c>NewInternalError</c>...):
/// the one place their messages and details are worded, for the sandbox's answers and the engine's own errors.
/// </summary>
public static class StatusErrors
{
    /// <summary>The message of <c>NewNotFound</c>: <c>imagestreams.image.openshift.io "citas" not found</c>.</summary>
    public static string NotFoundMessage(string group, string resource, string name) => $"{GroupResource(group, resource)} \"{name}\" not found";

    /// <summary>404 NotFound for an object of <paramref name="group"/>/<paramref name="resource"/>.</summary>
    public static ApiStatus NotFound(string group, string resource, string name) =>
        Failure(404, "NotFound", NotFoundMessage(group, resource, name), Details(name, group, resource));

    /// <summary>409 AlreadyExists.</summary>
    public static ApiStatus AlreadyExists(string group, string resource, string name) =>
        Failure(409, "AlreadyExists", $"{GroupResource(group, resource)} \"{name}\" already exists", Details(name, group, resource));

    /// <summary>The detail of a Conflict on a stale resourceVersion.</summary>
    public const string ModifiedDetail = "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>409 Conflict: <c>Operation cannot be fulfilled on … "name": detail</c>.</summary>
    public static ApiStatus Conflict(string group, string resource, string name, string detail = ModifiedDetail) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {GroupResource(group, resource)} \"{name}\": {detail}", Details(name, group, resource));

    /// <summary>422 Invalid: <c>Kind.group "name" is invalid: field errors</c>, one cause per error.</summary>
    public static ApiStatus Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var details = Details(name, group, kind);
        details.Causes = errors.Select(e => new StatusCause { Reason = e.Reason, Message = e.Message, Field = e.Field }).ToList();
        var groupKind = group.Length == 0 ? kind : kind + "." + group;
        return Failure(422, "Invalid", $"{groupKind} \"{name}\" is invalid: {FieldError.Join(errors)}", details);
    }

    /// <summary>400 BadRequest.</summary>
    public static ApiStatus BadRequest(string message) => Failure(400, "BadRequest", message);

    /// <summary>401 Unauthorized.</summary>
    public static ApiStatus Unauthorized(string message = "Unauthorized") => Failure(401, "Unauthorized", message);

    /// <summary>500 InternalError: <c>Internal error occurred: …</c> with the error as the one cause.</summary>
    public static ApiStatus Internal(string error) =>
        Failure(500, "InternalError", "Internal error occurred: " + error, new StatusDetails { Causes = [new StatusCause { Message = error }] });

    /// <summary>A failure Status (embedded form; <see cref="ApiStatus.TopLevel"/> makes it a body).</summary>
    public static ApiStatus Failure(int code, string reason, string message, StatusDetails? details = null) => new()
    {
        Status = ApiStatus.Failure,
        Message = message,
        Reason = reason,
        Details = details,
        Code = code,
    };

    /// <summary><c>deployments.apps</c>; the core group is just the resource.</summary>
    public static string GroupResource(string group, string resource) => group.Length == 0 ? resource : resource + "." + group;

    // Go's omitempty: empty members are left out.
    private static StatusDetails Details(string name, string group, string kind) =>
        new() { Name = NullIfEmpty(name), Group = NullIfEmpty(group), Kind = NullIfEmpty(kind) };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
