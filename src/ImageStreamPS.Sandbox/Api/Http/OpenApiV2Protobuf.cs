using System.Text.Json.Nodes;
using Google.Protobuf;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The <c>/openapi/v2</c> document in the form kubectl downloads it
/// (<c>application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>): gnostic's <c>openapi.v2.Document</c>
/// message, written with Google.Protobuf's <see cref="CodedOutputStream"/> from the swagger JSON, for the
/// parts kube-openapi reads (definitions with their schemas and vendor extensions; paths with operations,
/// parameters, media types, responses and extensions). Field numbers are gnostic's openapiv2/OpenAPIv2.proto.
/// Extension values go in <c>Any.yaml</c> as JSON, which is YAML.
/// </summary>
public static class OpenApiV2Protobuf
{
    public static byte[] Document(JsonObject swagger)
    {
        var document = new Writer();
        document.String(1, Text(swagger["swagger"]));
        if (swagger["info"] is JsonObject info) document.Message(2, new Writer().String(1, Text(info["title"])).String(2, Text(info["version"])));
        if (swagger["paths"] is JsonObject paths)
        {
            var writer = new Writer();
            foreach (var (path, item) in paths)
                writer.Message(2, new Writer().String(1, path).Message(2, PathItem((JsonObject)item!)));
            document.Message(8, writer);
        }
        if (swagger["definitions"] is JsonObject definitions)
        {
            var writer = new Writer();
            foreach (var (name, schema) in definitions) writer.Message(1, new Writer().String(1, name).Message(2, Schema((JsonObject)schema!)));
            document.Message(9, writer);
        }
        return document.ToArray();
    }

    private static readonly string[] Methods = ["", "", "get", "put", "post", "delete", "options", "head", "patch"];

    private static Writer PathItem(JsonObject item)
    {
        var writer = new Writer();
        for (var number = 2; number < Methods.Length; number++)
            if (item[Methods[number]] is JsonObject operation) writer.Message(number, Operation(operation));
        return writer;
    }

    private static Writer Operation(JsonObject operation)
    {
        var writer = new Writer()
            .String(3, Text(operation["description"]))
            .String(5, Text(operation["operationId"]))
            .Strings(6, operation["produces"])
            .Strings(7, operation["consumes"]);
        foreach (var parameter in (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>())
            writer.Message(8, new Writer().Message(1, Parameter(parameter)));
        if (operation["responses"] is JsonObject responses)
        {
            var codes = new Writer();
            foreach (var (code, response) in responses.Where(r => r.Value is JsonObject))
            {
                var body = new Writer().String(1, Text(response!["description"]));
                if (response["schema"] is JsonObject schema) body.Message(2, new Writer().Message(1, Schema(schema)));
                codes.Message(1, new Writer().String(1, code).Message(2, new Writer().Message(1, body)));
            }
            writer.Message(9, codes);
        }
        writer.Strings(10, operation["schemes"]);
        Extensions(writer, 13, operation);
        return writer;
    }

    private static Writer Parameter(JsonObject parameter)
    {
        if (Text(parameter["in"]) == "body")
        {
            var body = new Writer().String(1, Text(parameter["description"])).String(2, Text(parameter["name"])).String(3, "body")
                .Bool(4, parameter["required"]?.GetValue<bool>() == true);
            if (parameter["schema"] is JsonObject schema) body.Message(5, Schema(schema));
            return new Writer().Message(1, body);
        }
        var query = new Writer()
            .Bool(1, parameter["required"]?.GetValue<bool>() == true)
            .String(2, Text(parameter["in"]))
            .String(3, Text(parameter["description"]))
            .String(4, Text(parameter["name"]))
            .String(6, Text(parameter["type"]))
            .Bool(20, parameter["uniqueItems"]?.GetValue<bool>() == true);
        // NonBodyParameter: header = 1, formData = 2, query = 3, path = 4.
        var kind = Text(parameter["in"]) switch { "header" => 1, "formData" => 2, "path" => 4, _ => 3 };
        return new Writer().Message(2, new Writer().Message(kind, query));
    }

    private static Writer Schema(JsonObject schema)
    {
        var writer = new Writer()
            .String(1, Text(schema["$ref"]))
            .String(2, Text(schema["format"]))
            .String(4, Text(schema["description"]))
            .Strings(19, schema["required"]);
        switch (schema["additionalProperties"])
        {
            case JsonObject values: writer.Message(21, new Writer().Message(1, Schema(values))); break;
            case JsonValue flag when flag.TryGetValue<bool>(out var allowed): writer.Message(21, new Writer().Bool(2, allowed, always: true)); break;
        }
        if (schema["type"] is JsonValue type) writer.Message(22, new Writer().String(1, type.GetValue<string>()));
        if (schema["items"] is JsonObject items) writer.Message(23, new Writer().Message(1, Schema(items)));
        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>()) writer.Message(24, Schema(part));
        if (schema["properties"] is JsonObject properties)
        {
            var named = new Writer();
            foreach (var (name, property) in properties) named.Message(1, new Writer().String(1, name).Message(2, Schema((JsonObject)property!)));
            writer.Message(25, named);
        }
        Extensions(writer, 31, schema);
        return writer;
    }

    private static void Extensions(Writer writer, int number, JsonObject obj)
    {
        foreach (var (key, value) in obj.Where(p => p.Key.StartsWith("x-", StringComparison.Ordinal)))
            writer.Message(number, new Writer().String(1, key).Message(2, new Writer().String(2, value?.ToJsonString() ?? "null")));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Builds one message; nested messages are written into their parent as length-delimited bytes.</summary>
    private sealed class Writer
    {
        private readonly MemoryStream _buffer = new();
        private readonly CodedOutputStream _output;

        public Writer() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

        public Writer String(int number, string? value)
        {
            if (string.IsNullOrEmpty(value)) return this;
            _output.WriteTag(number, WireFormat.WireType.LengthDelimited);
            _output.WriteString(value);
            return this;
        }

        public Writer Strings(int number, JsonNode? values)
        {
            foreach (var value in (values as JsonArray ?? []).Select(Text)) String(number, value);
            return this;
        }

        public Writer Bool(int number, bool value, bool always = false)
        {
            if (!value && !always) return this;
            _output.WriteTag(number, WireFormat.WireType.Varint);
            _output.WriteBool(value);
            return this;
        }

        public Writer Message(int number, Writer message)
        {
            _output.WriteTag(number, WireFormat.WireType.LengthDelimited);
            _output.WriteBytes(ByteString.CopyFrom(message.ToArray()));
            return this;
        }

        public byte[] ToArray()
        {
            _output.Flush();
            return _buffer.ToArray();
        }
    }
}
