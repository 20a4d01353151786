using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// The generic machinery's view of a stored object (apimachinery's <c>meta.Accessor</c>): its metadata and the few
/// paths storage, selectors, scale and patch preconditions read. Strategies, virtual resources and controllers never
/// use it: they decode the kind's typed object (<see cref="Wire"/>).
/// </summary>
public static class MetaAccessor
{
    public static JsonObject Metadata(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    public static string Name(JsonObject obj) => Str(obj, "metadata", "name") ?? "";
    public static string Namespace(JsonObject obj) => Str(obj, "metadata", "namespace") ?? "";
    public static string Uid(JsonObject obj) => Str(obj, "metadata", "uid") ?? "";
    public static string ResourceVersion(JsonObject obj) => Str(obj, "metadata", "resourceVersion") ?? "";
    public static long Generation(JsonObject obj) => Int(obj, "metadata", "generation") ?? 0;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static DateTimeOffset? CreationTimestamp(JsonObject obj) => Time(Str(obj, "metadata", "creationTimestamp"));

    /// <summary>metav1.Time: whole seconds, UTC, <c>Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary>The string at a path of property names, or null.</summary>
    public static string? Str(JsonNode? node, params string[] path)
    {
        foreach (var segment in path) node = (node as JsonObject)?[segment];
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>The integer at a path (accepting whole-number doubles), or null.</summary>
    public static long? Int(JsonNode? node, params string[] path)
    {
        foreach (var segment in path) node = (node as JsonObject)?[segment];
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (long)d;
        return null;
    }

    /// <summary>The object at a path, creating missing objects on the way.</summary>
    public static JsonObject Ensure(JsonObject obj, params string[] path)
    {
        foreach (var segment in path)
            obj = obj[segment] as JsonObject ?? (JsonObject)(obj[segment] = new JsonObject());
        return obj;
    }


    private static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject map
            ? map.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<object>().ToString() ?? "")
            : new Dictionary<string, string>();
}
