using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>Reads and writes the metadata and a few common fields of wire-shaped objects.</summary>
internal static class ObjectFields
{
    public static JsonObject Metadata(this JsonObject obj) => obj.Child("metadata");

    public static string Name(this JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";
    public static string Namespace(this JsonObject obj) => (string?)obj["metadata"]?["namespace"] ?? "";
    public static string Uid(this JsonObject obj) => (string?)obj["metadata"]?["uid"] ?? "";
    public static long Generation(this JsonObject obj) => Long(obj["metadata"]?["generation"]);
    public static bool IsDeleting(this JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static DateTimeOffset CreationTimestamp(this JsonObject obj) =>
        ParseTime((string?)obj["metadata"]?["creationTimestamp"]) ?? DateTimeOffset.MinValue;

    public static string? Annotation(this JsonObject obj, string key) => (string?)obj["metadata"]?["annotations"]?[key];

    public static void SetAnnotation(this JsonObject obj, string key, string value) =>
        obj.Metadata().Child("annotations")[key] = value;

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (k, v) in o)
                if (v is JsonValue) map[k] = v.ToString();
        return map;
    }

    /// <summary>The child object under <paramref name="key"/>, created when absent or null.</summary>
    public static JsonObject Child(this JsonObject obj, string key)
    {
        if (obj[key] is JsonObject existing) return existing;
        var created = new JsonObject();
        obj[key] = created;
        return created;
    }

    /// <summary>An integer however it is held (parsed JSON, int or long), else the fallback.</summary>
    public static long Long(this JsonNode? node, long fallback = 0)
    {
        if (node is not JsonValue v) return fallback;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (long)d;
        return fallback;
    }

    public static bool Bool(this JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The controller owner reference (controller: true) or null.</summary>
    public static JsonObject? ControllerRef(this JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray refs) return null;
        return refs.OfType<JsonObject>().FirstOrDefault(r => Bool(r["controller"]));
    }

    public static bool IsControlledBy(this JsonObject obj, JsonObject owner) =>
        obj.ControllerRef() is { } r && (string?)r["uid"] == owner.Uid();

    public static JsonObject OwnerReference(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    public static JsonObject Copy(this JsonObject obj) => (JsonObject)obj.DeepClone();
}
