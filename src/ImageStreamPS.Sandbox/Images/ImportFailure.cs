using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Why one image could not be imported, as the metav1.Status openshift-apiserver puts in
/// <c>status.images[i].status</c> and whose reason/message become the tag's ImportSuccess condition.
/// </summary>
internal sealed class ImportFailure(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public static ImportFailure NotFound(string name) => new(404, "NotFound",
        $"dockerimage.image.openshift.io \"{name}\" not found",
        new JsonObject { ["name"] = name, ["group"] = "image.openshift.io", ["kind"] = "dockerimage" });

    public static ImportFailure Unauthorized(string message) => new(401, "Unauthorized", message);

    public static ImportFailure BadRequest(string message) => new(400, "BadRequest", message);

    public static ImportFailure Internal(string error) => new(500, "InternalError", $"Internal error occurred: {error}",
        new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = error }) });

    public static ImportFailure Invalid(string field, string value, string detail) => new(422, "Invalid",
        $" \"\" is invalid: {field}: Invalid value: \"{value}\": {detail}",
        new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "FieldValueInvalid",
                ["message"] = $"Invalid value: \"{value}\": {detail}",
                ["field"] = field,
            }),
        });

    /// <summary>The metav1.Status object (<c>status: Failure</c>).</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
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
