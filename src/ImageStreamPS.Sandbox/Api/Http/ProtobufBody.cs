using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// Request bodies in Kubernetes' protobuf encoding (<c>application/vnd.kubernetes.protobuf</c>), which
/// kubectl's typed clients send for <c>kubectl create namespace|configmap|secret</c>: the <c>k8s\0</c>
/// envelope (runtime.Unknown) around the object, decoded to JSON for the kinds in <see cref="Schemas"/>
/// (field numbers from k8s.io/api's generated.proto). Zero values are omitted, as JSON omitempty does.
/// Other kinds answer 415, so the client reports the media type instead of storing a wrong object.
/// </summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private enum Kind { String, Bytes, Int, Bool, Message, StringMap, BytesMap, Strings, Messages }

    private sealed record Field(string Name, Kind Kind, Dictionary<int, Field>? Schema = null);

    private static readonly Dictionary<int, Field> OwnerReference = new()
    {
        [1] = new("kind", Kind.String), [3] = new("name", Kind.String), [4] = new("uid", Kind.String),
        [5] = new("apiVersion", Kind.String), [6] = new("controller", Kind.Bool), [7] = new("blockOwnerDeletion", Kind.Bool),
    };

    private static readonly Dictionary<int, Field> ObjectMeta = new()
    {
        [1] = new("name", Kind.String), [2] = new("generateName", Kind.String), [3] = new("namespace", Kind.String),
        [5] = new("uid", Kind.String), [6] = new("resourceVersion", Kind.String), [7] = new("generation", Kind.Int),
        [11] = new("labels", Kind.StringMap), [12] = new("annotations", Kind.StringMap),
        [13] = new("ownerReferences", Kind.Messages, OwnerReference), [14] = new("finalizers", Kind.Strings),
    };

    /// <summary>The kinds whose protobuf form is understood, by plural resource (core group).</summary>
    private static readonly Dictionary<string, Dictionary<int, Field>> Schemas = new()
    {
        ["namespaces"] = new()
        {
            [1] = new("metadata", Kind.Message, ObjectMeta),
            [2] = new("spec", Kind.Message, new() { [1] = new("finalizers", Kind.Strings) }),
        },
        ["configmaps"] = new()
        {
            [1] = new("metadata", Kind.Message, ObjectMeta), [2] = new("data", Kind.StringMap),
            [3] = new("binaryData", Kind.BytesMap), [4] = new("immutable", Kind.Bool),
        },
        ["secrets"] = new()
        {
            [1] = new("metadata", Kind.Message, ObjectMeta), [2] = new("data", Kind.BytesMap), [3] = new("type", Kind.String),
            [4] = new("stringData", Kind.StringMap), [5] = new("immutable", Kind.Bool),
        },
    };

    public static JsonObject Decode(byte[] body, ResourceType type)
    {
        if (type.Group.Length != 0 || !Schemas.TryGetValue(type.Resource, out var schema))
            throw ApiErrors.UnsupportedMediaType(MediaType, ["application/json", "application/yaml"]);
        if (body.Length < 4 || body[0] != (byte)'k' || body[1] != (byte)'8' || body[2] != (byte)'s' || body[3] != 0)
            throw ApiErrors.BadRequest("the protobuf body does not start with the Kubernetes envelope");
        try
        {
            byte[]? raw = null;
            var envelope = new Reader(body, 4, body.Length);
            while (envelope.More)
            {
                var (number, wire) = envelope.Tag();
                if (number == 2 && wire == 2) raw = envelope.Bytes().ToArray();
                else envelope.Skip(wire);
            }
            var obj = Message(new Reader(raw ?? [], 0, raw?.Length ?? 0), schema);
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            return obj;
        }
        catch (IndexOutOfRangeException)
        {
            throw ApiErrors.BadRequest("the protobuf body is truncated");
        }
    }

    private static JsonObject Message(Reader reader, Dictionary<int, Field> schema)
    {
        var result = new JsonObject();
        while (reader.More)
        {
            var (number, wire) = reader.Tag();
            if (!schema.TryGetValue(number, out var field))
            {
                reader.Skip(wire);
                continue;
            }
            switch (field.Kind)
            {
                case Kind.String:
                    var text = Encoding.UTF8.GetString(reader.Bytes());
                    if (text.Length > 0) result[field.Name] = text;
                    break;
                case Kind.Bytes:
                    result[field.Name] = Convert.ToBase64String(reader.Bytes());
                    break;
                case Kind.Int:
                    var number64 = (long)reader.Varint();
                    if (number64 != 0) result[field.Name] = number64;
                    break;
                case Kind.Bool:
                    if (reader.Varint() != 0) result[field.Name] = true;
                    break;
                case Kind.Message:
                    var child = Message(reader.Sub(), field.Schema!);
                    if (child.Count > 0) result[field.Name] = child;
                    break;
                case Kind.Strings:
                    Array(result, field.Name).Add(Encoding.UTF8.GetString(reader.Bytes()));
                    break;
                case Kind.Messages:
                    Array(result, field.Name).Add(Message(reader.Sub(), field.Schema!));
                    break;
                case Kind.StringMap or Kind.BytesMap:
                    var entry = reader.Sub();
                    string key = "", value = "";
                    while (entry.More)
                    {
                        var (n, w) = entry.Tag();
                        if (n == 1) key = Encoding.UTF8.GetString(entry.Bytes());
                        else if (n == 2) value = field.Kind == Kind.StringMap ? Encoding.UTF8.GetString(entry.Bytes()) : Convert.ToBase64String(entry.Bytes());
                        else entry.Skip(w);
                    }
                    var map = result[field.Name] as JsonObject ?? (JsonObject)(result[field.Name] = new JsonObject());
                    map[key] = value;
                    break;
            }
        }
        return result;
    }

    private static JsonArray Array(JsonObject obj, string name) => obj[name] as JsonArray ?? (JsonArray)(obj[name] = new JsonArray());

    /// <summary>A cursor over protobuf wire format.</summary>
    private sealed class Reader(byte[] data, int position, int end)
    {
        private int _position = position;
        public bool More => _position < end;

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = data[_position++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return value;
            }
            throw ApiErrors.BadRequest("the protobuf body has a malformed varint");
        }

        public (int Number, int Wire) Tag()
        {
            var tag = Varint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = checked((int)Varint());
            if (length < 0 || _position + length > end) throw new IndexOutOfRangeException();
            var span = new ReadOnlySpan<byte>(data, _position, length);
            _position += length;
            return span;
        }

        public Reader Sub()
        {
            var length = checked((int)Varint());
            if (length < 0 || _position + length > end) throw new IndexOutOfRangeException();
            var sub = new Reader(data, _position, _position + length);
            _position += length;
            return sub;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: _position += 8; break;
                case 2: Bytes(); break;
                case 5: _position += 4; break;
                default: throw ApiErrors.BadRequest($"the protobuf body has an unsupported wire type {wire}");
            }
            if (_position > end) throw new IndexOutOfRangeException();
        }
    }
}
