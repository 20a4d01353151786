using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// Duplicate object keys in a JSON body, by path (<c>metadata.name</c>, <c>spec.tags[1].name</c>), which
/// kube-apiserver's strict decoder reports as <c>duplicate field "metadata.name"</c>; and the body read as
/// Go's decoder reads it then: the last value of a duplicated key wins.
/// </summary>
public static class DuplicateFields
{
    public static IReadOnlyList<string> Find(string json)
    {
        var found = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 256 });
        var frames = new Stack<Frame>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString()!;
                        var frame = frames.Peek();
                        if (!frame.Keys!.Add(property)) found.Add(Join(frame.Path, property));
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = frames.Count == 0 ? "" : ChildPath(frames.Peek(), property);
                        frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        if (frames.Count > 0 && frames.Peek().Keys is null) frames.Peek().Index++;
                        break;
                    default:
                        if (frames.Count > 0 && frames.Peek().Keys is null) frames.Peek().Index++;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // malformed: the parser reports it
        }
        return found;
    }

    /// <summary>Parses JSON whose objects may repeat a key; the last value wins.</summary>
    public static JsonNode? ParseLastWins(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return Convert(document.RootElement);
    }

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject()) obj[property.Name] = Convert(property.Value);
                return obj;
            case JsonValueKind.Array:
                return new JsonArray(element.EnumerateArray().Select(Convert).ToArray());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }

    private static string ChildPath(Frame parent, string? property) =>
        parent.Keys is null ? $"{parent.Path}[{parent.Index}]" : Join(parent.Path, property!);

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private sealed class Frame(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;
        public HashSet<string>? Keys { get; } = keys;
        public int Index { get; set; }
    }
}
