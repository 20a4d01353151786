using System.Text.Json.Nodes;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// One validation failure, as apimachinery's <c>field.Error</c>: a 422 Invalid Status lists them as
/// <c>details.causes[] = {reason, message, field}</c>, and the Status message joins their
/// <see cref="ToString"/> lines. Build them with the factories
/// (<c>FieldError.Invalid("spec.replicas", -1, "must be greater than or equal to 0")</c>).
/// </summary>
/// <param name="Field">The path of the field (<c>spec.tags[v1].from.name</c>), empty for the object.</param>
/// <param name="Reason">The cause reason (<c>FieldValueInvalid</c>, <c>FieldValueRequired</c>...).</param>
/// <param name="Message">The cause message without the field (<c>Invalid value: "x": ...</c>).</param>
public sealed record FieldError(string Field, string Reason, string Message)
{
    /// <summary>What is wrong, without the value (<c>must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"</c>).</summary>
    public string Detail { get; init; } = "";

    /// <summary><c>field.Invalid</c>: <c>Invalid value: &lt;value&gt;: detail</c>, the value printed as Go prints it.</summary>
    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Show(value)}: {detail}") { Detail = detail };

    /// <summary><c>field.Invalid</c> with a string value (quoted).</summary>
    public static FieldError Invalid(string field, string value, string detail) => Invalid(field, JsonValue.Create(value), detail);

    /// <summary>Invalid, with the value printed verbatim (Go's rendering of maps, structs or 0x0).</summary>
    public static FieldError InvalidLiteral(string field, string literal, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {literal}: {detail}") { Detail = detail };

    /// <summary><c>field.Required</c>: <c>Required value</c>, with the detail after a colon when there is one.</summary>
    public static FieldError Required(string field, string detail = "") =>
        new(field, "FieldValueRequired", detail.Length == 0 ? "Required value" : "Required value: " + detail) { Detail = detail };

    /// <summary><c>field.NotSupported</c>: the value and the quoted supported values.</summary>
    public static FieldError NotSupported(string field, JsonNode? value, params string[] supported) =>
        new(field, "FieldValueNotSupported", $"Unsupported value: {Show(value)}: supported values: {string.Join(", ", supported.Select(s => "\"" + s + "\""))}");

    /// <summary><c>field.TooLong</c>: the value is not printed.</summary>
    public static FieldError TooLong(string field, int maxLength) =>
        new(field, "FieldValueTooLong", $"Too long: may not be more than {maxLength} bytes") { Detail = $"may not be more than {maxLength} bytes" };

    /// <summary><c>field.Forbidden</c>.</summary>
    public static FieldError Forbidden(string field, string detail) => new(field, "FieldValueForbidden", "Forbidden: " + detail) { Detail = detail };

    /// <summary><c>field.Duplicate</c>.</summary>
    public static FieldError Duplicate(string field, JsonNode? value) => new(field, "FieldValueDuplicate", $"Duplicate value: {Show(value)}");

    /// <summary><c>field.NotFound</c>.</summary>
    public static FieldError NotFound(string field, JsonNode? value) => new(field, "FieldValueNotFound", $"Not found: {Show(value)}");

    /// <summary><c>field.InternalError</c>: <c>Internal error: detail</c>.</summary>
    public static FieldError Internal(string field, string detail) => new(field, "InternalError", "Internal error: " + detail) { Detail = detail };

    /// <summary><c>field: message</c>, the line kubectl prints under "is invalid:".</summary>
    public override string ToString() => Field.Length == 0 ? Message : Field + ": " + Message;

    /// <summary>Several errors as an aggregate prints them: one alone, else <c>[a, b]</c>.</summary>
    public static string Join(IReadOnlyList<FieldError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";

    private static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => GoText.Quote(s),
        _ => value.ToJsonString(),
    };
}
