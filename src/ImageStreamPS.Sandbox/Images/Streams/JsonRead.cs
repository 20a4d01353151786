using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>Tolerant readers for request JSON: a wrongly typed field reads as absent instead of throwing.</summary>
internal static class JsonRead
{
    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool Bool(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static long? LongOrNull(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number &&
        long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static long Long(JsonNode? node) => LongOrNull(node) ?? 0;
}
