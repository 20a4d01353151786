using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// Converts API objects to and from YAML the way <c>oc get -o yaml</c> writes it (sigs.k8s.io/yaml
/// over go-yaml v2): keys sorted, sequences not indented under their key, strings quoted only when
/// they would otherwise read as another type, long plain and quoted strings folded at 80 columns, managedFields left out.
/// </summary>
public static class OpenShiftYaml
{
    /// <summary>Serializes one API object (any KubernetesClient-serializable type) as a YAML manifest.</summary>
    public static string Serialize(object resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Serialize(ToJson(resource));
    }

    /// <summary>Serializes several API objects as one <c>kind: List</c>, as <c>oc get</c> prints a list.</summary>
    public static string SerializeList(IEnumerable<object> resources)
    {
        var items = new JsonArray();
        foreach (var resource in resources) items.Add(ToJson(resource));
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["items"] = items,
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
        };
        return Serialize(list);
    }

    /// <summary>Serializes a JSON node (an object in wire shape) as YAML.</summary>
    public static string Serialize(JsonNode? node)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(2, 80, false, int.MaxValue, true, false, "\n", false));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>The wire JSON of an API object, without <c>metadata.managedFields</c> (oc hides them).</summary>
    public static JsonObject ToJson(object resource)
    {
        var node = resource as JsonNode ?? JsonNode.Parse(KubernetesJson.Serialize(resource));
        if (node is not JsonObject json) throw new ArgumentException("Only API objects (JSON objects) can be written as manifests.", nameof(resource));
        if (json["metadata"] is JsonObject metadata) metadata.Remove("managedFields");
        return json;
    }

    /// <summary>
    /// Reads every object in a YAML (or JSON) text with the one bounded <see cref="YamlReader"/>: several
    /// documents, and the items of <c>kind: List</c> documents, in order. Throws <see cref="YamlException"/>.
    /// </summary>
    public static IReadOnlyList<JsonObject> ReadObjects(string yaml)
    {
        var objects = new List<JsonObject>();
        var number = 0;
        foreach (var document in YamlReader.ReadDocuments(yaml))
        {
            number++;
            if (document is null) continue;
            // kubectl's decoder refuses a document that is no object ("cannot unmarshal string into Go value").
            if (document is not JsonObject json)
                throw new YamlException($"yaml: document {number} is not an object ({document.GetValueKind().ToString().ToLowerInvariant()})");
            if (json["kind"] is JsonValue kindValue && kindValue.TryGetValue<string>(out var kind) &&
                kind.EndsWith("List", StringComparison.Ordinal) && json["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (item is JsonObject o) objects.Add((JsonObject)o.DeepClone());
                }
            }
            else
            {
                objects.Add(json);
            }
        }
        return objects;
    }

    /// <summary>Deserializes a wire-shape JSON object into an API type.</summary>
    public static T ToObject<T>(JsonObject json) => KubernetesJson.Deserialize<T>(json.ToJsonString());

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj when obj.Count == 0:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                emitter.Emit(new MappingEnd());
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array when array.Count == 0:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
                emitter.Emit(new SequenceEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                    case JsonValueKind.Number:
                        emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                        break;
                }
                break;
        }
    }

    // go-yaml v2: literal style for multi-line text, double quotes when a plain scalar would read
    // as another type, otherwise plain (the emitter itself falls back to single quotes when plain
    // is not allowed, e.g. for "a: b").
    private static void EmitString(IEmitter emitter, string value)
    {
        var style = value.Contains('\n') ? ScalarStyle.Literal
            : ReadsAsNonString(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Plain;
        emitter.Emit(new Scalar(null, null, value, style, true, true));
    }

    private static readonly Regex NonStringScalar = new(
        @"^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
        @"|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?)" +
        @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
        @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$",
        RegexOptions.CultureInvariant);

    private static bool ReadsAsNonString(string value) =>
        value.Length == 0 || (value != "." && value != "-" && value != "+" && NonStringScalar.IsMatch(value));
}
