using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// One validation failure, as apimachinery's field.Error: a 422 Invalid Status lists them as
/// <c>details.causes[] = {reason, message, field}</c>. Build them with the factories
/// (<c>FieldError.Invalid("spec.replicas", -1, "must be greater than or equal to 0")</c>).
/// </summary>
public sealed record FieldError(string Field, string Reason, string Message)
{
    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Show(value)}: {detail}");
    public static FieldError Invalid(string field, string value, string detail) => Invalid(field, JsonValue.Create(value), detail);
    /// <summary>Invalid, with the value printed verbatim (Go's rendering of maps, structs or 0x0).</summary>
    public static FieldError InvalidLiteral(string field, string literal, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {literal}: {detail}");
    public static FieldError Required(string field, string detail = "") =>
        new(field, "FieldValueRequired", detail.Length == 0 ? "Required value" : "Required value: " + detail);
    public static FieldError NotSupported(string field, JsonNode? value, params string[] supported) =>
        new(field, "FieldValueNotSupported", $"Unsupported value: {Show(value)}: supported values: {string.Join(", ", supported.Select(s => "\"" + s + "\""))}");
    public static FieldError Forbidden(string field, string detail) => new(field, "FieldValueForbidden", "Forbidden: " + detail);
    public static FieldError Duplicate(string field, JsonNode? value) => new(field, "FieldValueDuplicate", $"Duplicate value: {Show(value)}");
    public static FieldError NotFound(string field, JsonNode? value) => new(field, "FieldValueNotFound", $"Not found: {Show(value)}");

    /// <summary><c>field: message</c>, the line kubectl prints under "is invalid:".</summary>
    public override string ToString() => Field.Length == 0 ? Message : Field + ": " + Message;

    private static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => "\"" + s + "\"",
        _ => value.ToJsonString(),
    };
}
