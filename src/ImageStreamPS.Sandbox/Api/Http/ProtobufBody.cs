using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Google.Protobuf;
using ImageStreamPS.Sandbox.Api.Schemas;
using ImageStreamPS.Sandbox.Resources;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// Request bodies in Kubernetes' protobuf encoding (<c>application/vnd.kubernetes.protobuf</c>), which
/// kubectl's typed clients send (<c>kubectl create deployment|service|configmap|secret|namespace</c>,
/// <c>kubectl run</c>) and kube-apiserver accepts for every built-in kind: the <c>k8s\0</c> envelope
/// (runtime.Unknown) around the object, read with Google.Protobuf's <see cref="CodedInputStream"/> and
/// turned into the kind's JSON by walking its typed model (<see cref="ModelTypes"/>) with the field numbers
/// of <see cref="ProtobufFields"/>. Zero values are omitted, as JSON omitempty does. A kind or field the
/// sandbox has no numbers for answers 415 or 400 naming it, never a silently different object.
/// </summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = [(byte)'k', (byte)'8', (byte)'s', 0];
    private static readonly ConcurrentDictionary<Type, Message> Parsed = new();

    public static JsonObject Decode(byte[] body, ResourceType type)
    {
        var model = type.Group is "" or "apps" ? ModelTypes.Find(type.ApiVersion, type.Kind) : null;
        if (model is null || !ProtobufFields.Messages.ContainsKey(model))
            throw ApiErrors.UnsupportedMediaType(MediaType, ["application/json", "application/yaml"]);
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw ApiErrors.BadRequest("the protobuf body does not start with the Kubernetes envelope");
        try
        {
            // runtime.Unknown: typeMeta = 1, raw = 2, contentEncoding = 3, contentType = 4.
            var envelope = new CodedInputStream(body, Magic.Length, body.Length - Magic.Length);
            ByteString raw = ByteString.Empty;
            uint tag;
            while ((tag = envelope.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == 2) raw = envelope.ReadBytes();
                else envelope.SkipLastField();
            }
            var obj = new JsonObject();
            Read(new CodedInputStream(raw.ToByteArray()), model, MessageOf(model), obj);
            var result = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
            foreach (var (key, value) in obj.ToList())
            {
                obj.Remove(key);
                result[key] = value;
            }
            return result;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw ApiErrors.BadRequest("the protobuf body is malformed: " + e.Message);
        }
    }

    private static void Read(CodedInputStream input, Type model, Message message, JsonObject target)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            if (!message.Fields.TryGetValue(number, out var field))
                throw ApiErrors.BadRequest($"protobuf field {number} of {model.Name} is not decoded by the sandbox; send the object as application/json");
            if (field.Embedded is { } embedded)
            {
                Read(new CodedInputStream(input.ReadBytes().ToByteArray()), model, embedded, target);
                continue;
            }
            if (field.Dropped)
            {
                input.SkipLastField();
                continue;
            }
            var property = field.Property!;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var micro = ProtobufFields.MicroTimes.Contains((model, field.Json));
            if (ModelTypes.MapValue(type) is { } valueType)
            {
                var (key, value) = Entry(new CodedInputStream(input.ReadBytes().ToByteArray()), valueType, micro);
                var map = target[field.Json] as JsonObject ?? (JsonObject)(target[field.Json] = new JsonObject());
                map[key] = value;
            }
            else if (ModelTypes.ListItem(type) is { } itemType)
            {
                var list = target[field.Json] as JsonArray ?? (JsonArray)(target[field.Json] = new JsonArray());
                if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited && IsNumber(itemType))
                {
                    var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                    while (!packed.IsAtEnd) list.Add(JsonValue.Create(packed.ReadInt64()));
                }
                else list.Add(Value(input, itemType, micro));
            }
            else
            {
                var value = Value(input, type, micro);
                if (value is JsonValue scalar && IsZero(scalar)) continue;
                if (value is JsonObject { Count: 0 } && !IsStruct(type)) continue;
                target[field.Json] = value;
            }
        }
    }

    private static JsonNode? Value(CodedInputStream input, Type type, bool micro)
    {
        if (type == typeof(string)) return input.ReadString();
        if (type == typeof(bool)) return input.ReadBool();
        if (type == typeof(int) || type == typeof(long)) return input.ReadInt64();
        if (type == typeof(double)) return input.ReadDouble();
        if (type == typeof(byte[])) return Convert.ToBase64String(input.ReadBytes().ToByteArray());
        var nested = new CodedInputStream(input.ReadBytes().ToByteArray());
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return Time(nested, micro);
        if (type == typeof(IntOrString)) return IntOrString(nested);
        if (type == typeof(ResourceQuantity)) return Single(nested, 1)?.ToStringUtf8();
        if (type == typeof(object) || type == typeof(JsonElement))
        {
            // runtime.RawExtension / metav1.FieldsV1: raw = 1, the JSON itself.
            var raw = Single(nested, 1);
            return raw is null || raw.Length == 0 ? null : JsonNode.Parse(raw.ToByteArray());
        }
        var obj = new JsonObject();
        Read(nested, type, MessageOf(type), obj);
        return obj;
    }

    private static (string Key, JsonNode? Value) Entry(CodedInputStream input, Type valueType, bool micro)
    {
        string key = "";
        JsonNode? value = valueType == typeof(string) ? "" : null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: key = input.ReadString(); break;
                case 2: value = Value(input, valueType, micro); break;
                default: input.SkipLastField(); break;
            }
        }
        return (key, value);
    }

    // metav1.Time / MicroTime: seconds = 1, nanos = 2; RFC 3339 in JSON (MicroTime with microseconds).
    // Go marshals the zero time as an empty message, which is null in JSON (template creationTimestamp: null).
    private static JsonNode? Time(CodedInputStream input, bool micro)
    {
        long seconds = 0;
        int nanos = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: seconds = input.ReadInt64(); break;
                case 2: nanos = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
        if (seconds == 0 && nanos == 0) return null;
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return time.UtcDateTime.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    // intstr.IntOrString: type = 1 (0 int, 1 string), intVal = 2, strVal = 3.
    private static JsonNode IntOrString(CodedInputStream input)
    {
        long kind = 0, number = 0;
        var text = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: kind = input.ReadInt64(); break;
                case 2: number = input.ReadInt64(); break;
                case 3: text = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
        return kind == 1 ? JsonValue.Create(text) : JsonValue.Create(number);
    }

    private static ByteString? Single(CodedInputStream input, int number)
    {
        ByteString? found = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number) found = input.ReadBytes();
            else input.SkipLastField();
        }
        return found;
    }

    private static bool IsZero(JsonValue value) =>
        (value.TryGetValue<string>(out var s) && s.Length == 0) || (value.TryGetValue<bool>(out var b) && !b) ||
        (value.TryGetValue<long>(out var l) && l == 0);

    // A struct (not a pointer) in Go keeps its {} in JSON, as kubectl's generators send e.g. resources: {}.
    private static bool IsStruct(Type type) => type == typeof(V1ResourceRequirements) || type == typeof(V1DeploymentStrategy);

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(int?) || type == typeof(long?);

    private static Message MessageOf(Type model) => Parsed.GetOrAdd(model, m =>
        ProtobufFields.Messages.TryGetValue(m, out var spec)
            ? Message.Parse(m, spec)
            : throw ApiErrors.BadRequest($"the sandbox does not decode {m.Name} from protobuf; send the object as application/json"));

    /// <summary>A message's fields by number: a JSON property of the model, an embedded struct, or a dropped field.</summary>
    internal sealed class Message
    {
        public Dictionary<int, Field> Fields { get; } = new();

        public static Message Parse(Type model, string spec)
        {
            var position = 0;
            var message = Parse(model, spec, ref position);
            return position == spec.Length ? message : throw new FormatException($"{model.Name}: unexpected '}}' in {spec}");
        }

        private static Message Parse(Type model, string spec, ref int position)
        {
            var message = new Message();
            var properties = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
                .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);
            while (position < spec.Length)
            {
                if (spec[position] == ' ') { position++; continue; }
                if (spec[position] == '}') { position++; return message; }
                var start = position;
                while (position < spec.Length && spec[position] is not (' ' or '{' or '}')) position++;
                var token = spec[start..position];
                if (position < spec.Length && spec[position] == '{')
                {
                    position++;
                    message.Fields[int.Parse(token, CultureInfo.InvariantCulture)] = new Field("", null, false, Parse(model, spec, ref position));
                    continue;
                }
                var dropped = token.StartsWith('-');
                var (json, number) = (token.TrimStart('-').Split('=')[0], int.Parse(token.Split('=')[1], CultureInfo.InvariantCulture));
                var property = properties.GetValueOrDefault(json) ?? throw new FormatException($"{model.Name} has no JSON field {json}");
                message.Fields[number] = new Field(json, property, dropped, null);
            }
            return message;
        }
    }

    internal sealed record Field(string Json, PropertyInfo? Property, bool Dropped, Message? Embedded);

    /// <summary>Parses every message of <see cref="ProtobufFields"/> (a test checks each names real fields).</summary>
    internal static IEnumerable<Type> Check() => ProtobufFields.Messages.Keys.Select(type => { MessageOf(type); return type; }).ToList();
}
