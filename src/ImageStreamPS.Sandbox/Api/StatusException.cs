using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// An API failure carrying the <c>metav1.Status</c> the client sees. Every layer (ApiService,
/// strategies, virtual resources, HTTP handlers) throws these; the HTTP layer writes <see cref="Status"/>
/// with <see cref="Code"/>. Create them with <see cref="ApiErrors"/>.
/// </summary>
public sealed class StatusException : Exception
{
    public StatusException(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }
    public string Reason { get; }
    public JsonObject? Details { get; }

    /// <summary>The wire form: <c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...}</c>.</summary>
    public JsonObject Status
    {
        get
        {
            var status = new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = Message,
                ["reason"] = Reason,
            };
            if (Details is not null) status["details"] = Details.DeepClone();
            status["code"] = Code;
            return status;
        }
    }
}

/// <summary>Status errors shaped as apimachinery's <c>pkg/api/errors</c> builds them.</summary>
public static class ApiErrors
{
    public static StatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Details(name, type.Group, type.Resource));

    /// <summary>The answer for a path that names no served resource.</summary>
    public static StatusException NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static StatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Details(name, type.Group, type.Resource));

    public static StatusException Conflict(ResourceType type, string name, string detail =
        "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {detail}", Details(name, type.Group, type.Resource));

    public static StatusException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var details = Details(name, type.Group, type.Kind);
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["field"] = e.Field,
        }).ToArray());
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return new StatusException(422, "Invalid", $"{type.GroupKind} \"{name}\" is invalid: {list}", details);
    }

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException MethodNotSupported(ResourceType type, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{type.GroupResource}\"",
            new JsonObject { ["group"] = type.Group, ["kind"] = type.Resource });

    public static StatusException Gone(string message) => new(410, "Expired", message);

    public static StatusException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");

    public static StatusException RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static StatusException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static StatusException Internal(string message) =>
        new(500, "InternalError", "Internal error occurred: " + message,
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    private static JsonObject Details(string name, string group, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0) details["group"] = group;
        details["kind"] = kind;
        return details;
    }
}
