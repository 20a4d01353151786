using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Storage;

/// <summary>
/// One committed object as the store keeps it: its compact UTF-8 JSON, immutable, shared by the store,
/// list snapshots and the watch window (no copy is made to hand it out). <see cref="Parse"/> gives a
/// fresh <see cref="JsonObject"/> the caller owns. Kept as bytes rather than a DOM: a JsonObject
/// costs about ten times its JSON in memory, and a list then needs a deep copy of every object.
/// </summary>
public sealed class StoredObject
{
    // Deep enough for anything the API accepted (request bodies are read with a depth of 256).
    private const int MaxDepth = 1024;
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        // As responses are written (Go-like: no \u0022 or \u002B escapes), so the bytes can be served as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
        SkipValidation = true,
    };

    private readonly byte[] _json;

    internal StoredObject(ObjectKey key, long resourceVersion, byte[] json)
    {
        Key = key;
        ResourceVersion = resourceVersion;
        _json = json;
    }

    public ObjectKey Key { get; }

    /// <summary>The resourceVersion of the commit that wrote this state.</summary>
    public long ResourceVersion { get; }

    /// <summary>The object's JSON (UTF-8), as stored.</summary>
    public ReadOnlySpan<byte> Json => _json;

    /// <summary>The length of the JSON in bytes (what the watch window counts).</summary>
    public int Size => _json.Length;

    /// <summary>A new, mutable copy of the object.</summary>
    public JsonObject Parse() => JsonNode.Parse(_json, documentOptions: ReadOptions)!.AsObject();

    /// <summary>Whether the JSON contains <paramref name="utf8"/> (a cheap pre-filter before parsing).</summary>
    public bool Contains(ReadOnlySpan<byte> utf8) => _json.AsSpan().IndexOf(utf8) >= 0;

    /// <summary>Compact UTF-8 JSON of <paramref name="obj"/>, escaped as responses are.</summary>
    public static byte[] Serialize(JsonObject obj)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions)) obj.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
