using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// The sandbox's codec, as the apiserver's: stored and received JSON becomes the kind's typed object
/// (KubernetesClient's models, the engine's OpenShift types) and back. Strategies, virtual resources and
/// controllers work on the typed object; only the generic machinery (storage, patches, selectors,
/// metadata) touches JSON. Writing follows each type's member order and omit rules; a body that does
/// not decode is a 400, as kube-apiserver answers.
/// </summary>
public static class Wire
{
    /// <summary>Decodes <paramref name="json"/> as a <typeparamref name="T"/>; 400 BadRequest when it does not fit the type.</summary>
    public static T Decode<T>(JsonNode json, string? kind = null) where T : class
    {
        try
        {
            return KubernetesJson.Deserialize<T>(json) ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            var what = kind ?? typeof(T).Name;
            var path = e is JsonException { Path: { Length: > 1 } p } ? p.TrimStart('$', '.') : "";
            var detail = path.Length > 0 ? $"cannot unmarshal {Describe(At(json, path))} into Go struct field {what}.{path}" : "cannot unmarshal the body";
            throw ApiErrors.BadRequest($"{what} in version \"v1\" cannot be handled as a {what}: json: {detail}");
        }
    }

    /// <summary>
    /// The wire JSON of a typed object. KubernetesClient's models write their members alphabetically; the
    /// object's head and its metadata are put in Go's order (kind, apiVersion, metadata; name, namespace, uid...),
    /// as the apiserver writes them. The engine's OpenShift types already declare Go's order.
    /// </summary>
    public static JsonObject Encode<T>(T value) where T : class
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject
            ?? throw new InvalidOperationException(typeof(T).Name + " did not encode as an object");
        if (json["metadata"] is not JsonObject metadata || !json.ContainsKey("kind")) return json;
        json["metadata"] = Ordered(metadata, MetadataOrder);
        return Ordered(json, HeadOrder);
    }

    private static readonly string[] HeadOrder = ["kind", "apiVersion", "metadata"];

    private static readonly string[] MetadataOrder =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    // The listed members first, in that order, then the others as they were.
    private static JsonObject Ordered(JsonObject obj, string[] order)
    {
        var result = new JsonObject();
        foreach (var key in order)
        {
            if (!obj.TryGetPropertyValue(key, out var value)) continue;
            obj.Remove(key);
            result[key] = value;
        }
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            result[key] = value;
        }
        return result;
    }

    /// <summary>A metav1.Time as typed objects hold it: UTC, to the second (Go writes no fraction).</summary>
    public static DateTime Time(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    /// <summary>A typed copy (encode, decode) that the caller may change freely.</summary>
    public static T Copy<T>(T value) where T : class => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));

    /// <summary>Replaces the members of <paramref name="target"/> with those of <paramref name="source"/>.</summary>
    public static void Replace(JsonObject target, JsonObject source)
    {
        target.Clear();
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            target[key] = value;
        }
    }

    /// <summary><paramref name="obj"/> with the given members first (a Status' kind and apiVersion).</summary>
    public static JsonObject Prepend(JsonObject obj, params (string Key, JsonNode? Value)[] first)
    {
        var result = new JsonObject();
        foreach (var (key, value) in first) result[key] = value;
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            if (!result.ContainsKey(key)) result[key] = value;
        }
        return result;
    }

    private static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var bracket = name.IndexOf('[');
            var index = -1;
            if (bracket >= 0)
            {
                _ = int.TryParse(name[(bracket + 1)..].TrimEnd(']'), out index);
                name = name[..bracket];
            }
            node = name.Length > 0 ? (node as JsonObject)?[name] : node;
            if (index >= 0) node = node is JsonArray array && index < array.Count ? array[index] : null;
        }
        return node;
    }

    // Go's names for JSON value kinds in "cannot unmarshal X into ...".
    private static string Describe(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "value",
    };
}
