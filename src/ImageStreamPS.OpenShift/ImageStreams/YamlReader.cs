using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// The one YAML reader (manifests for <c>New-ImageStream -Path</c>, the sandbox's YAML request bodies):
/// YAML to JSON as sigs.k8s.io/yaml does over go-yaml v2, so plain scalars resolve by YAML 1.1 rules
/// (<c>yes</c>/<c>on</c> are true, <c>0x1F</c> is a number) and quoted ones stay strings. It reads events
/// without recursion and is bounded, so crafted input is an error rather than a crash: nesting deeper than
/// <see cref="MaxDepth"/>, text longer than <see cref="MaxBytes"/>, aliases that expand past
/// <see cref="MaxBytes"/> (the apiserver's body limit), and keys that are not scalars are rejected with a
/// <see cref="YamlException"/>.
/// </summary>
public static partial class YamlReader
{
    /// <summary>The deepest nesting accepted (the sandbox's JSON bodies allow the same).</summary>
    public const int MaxDepth = 256;

    /// <summary>The largest text, and the most scalar text after alias expansion: 3 MiB, the apiserver's request limit.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>The most nodes (scalars, mappings, sequences) after alias expansion.</summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Every document of <paramref name="text"/> as JSON (null for an empty document).</summary>
    public static IReadOnlyList<JsonNode?> ReadDocuments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes) throw new YamlException($"yaml: the document is larger than {MaxBytes} bytes");
        RequirePrintable(text);
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode?>();
        var budget = new Budget();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents.Add(ReadNode(parser, budget));
            parser.Consume<DocumentEnd>();
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    /// <summary>
    /// The text of a YAML file as go-yaml decodes it (<c>yaml_parser_determine_encoding</c>): UTF-16 after its
    /// byte order mark, else UTF-8 (a UTF-8 mark is dropped); bytes that are not UTF-8 are an error, not U+FFFD.
    /// </summary>
    public static string Decode(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes) throw new YamlException($"yaml: the document is larger than {MaxBytes} bytes");
        if (content is [0xFF, 0xFE, ..]) return Strict(new UnicodeEncoding(false, false, true), content, 2);
        if (content is [0xFE, 0xFF, ..]) return Strict(new UnicodeEncoding(true, false, true), content, 2);
        return Strict(new UTF8Encoding(false, true), content, content is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
    }

    private static string Strict(Encoding encoding, byte[] content, int start)
    {
        try
        {
            return encoding.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            throw new YamlException($"yaml: invalid {(encoding is UTF8Encoding ? "UTF-8" : "UTF-16")} text at byte {offset}: the file is not YAML text");
        }
    }

    // go-yaml's reader (yaml_parser_update_buffer) accepts only YAML's printable characters: tab, line
    // breaks, #x20-#x7E, #x85, #xA0-#xD7FF, #xE000-#xFFFD and #x10000 up. Binary files fail here.
    private static void RequirePrintable(string text)
    {
        int line = 1, column = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var printable = c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
            if (!printable && char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                column++;
                continue;
            }
            if (!printable)
            {
                var at = new Mark(i, line, column);
                throw new YamlException(at, at, $"yaml: control characters are not allowed (U+{(int)c:X4} at line {line}, column {column})");
            }
            if (c == '\n') { line++; column = 1; }
            else column++;
        }
    }

    /// <summary>The first document of <paramref name="text"/>, or null when there is none.</summary>
    public static JsonNode? ReadFirst(string text) => ReadDocuments(text) is { Count: > 0 } documents ? documents[0] : null;

    // What alias expansion has produced so far, across the documents of one text.
    private sealed class Budget
    {
        public long Bytes;
        public long Nodes;
        public readonly Dictionary<string, (JsonNode? Node, long Bytes, long Nodes)> Anchors = new(StringComparer.Ordinal);

        public void Spend(long bytes, long nodes, Mark at)
        {
            Bytes += bytes;
            Nodes += nodes;
            if (Bytes > MaxBytes || Nodes > MaxNodes) throw new YamlException(at, at, "yaml: document contains excessive aliasing");
        }
    }

    // An open mapping or sequence, with the key waiting for its value.
    private sealed class Frame(JsonNode container, string? anchor, long startBytes, long startNodes)
    {
        public JsonNode Container { get; } = container;
        public string? Anchor { get; } = anchor;
        public long StartBytes { get; } = startBytes;
        public long StartNodes { get; } = startNodes;
        public string? Key { get; set; }
        public bool HasKey { get; set; }
    }

    private static JsonNode? ReadNode(IParser parser, Budget budget)
    {
        var stack = new Stack<Frame>();
        JsonNode? root = null;
        var done = false;
        while (!done)
        {
            var start = parser.Current?.Start ?? Mark.Empty;
            var parsingEvent = parser.Consume<ParsingEvent>();
            JsonNode? value;
            switch (parsingEvent)
            {
                case MappingStart mapping:
                    Open(new JsonObject(), mapping.Anchor, start);
                    continue;
                case SequenceStart sequence:
                    Open(new JsonArray(), sequence.Anchor, start);
                    continue;
                case MappingEnd or SequenceEnd:
                    var closed = stack.Pop();
                    value = closed.Container;
                    if (closed.Anchor is not null)
                        budget.Anchors[closed.Anchor] = (value, budget.Bytes - closed.StartBytes + 2, budget.Nodes - closed.StartNodes + 1);
                    break;
                case Scalar scalar:
                    budget.Spend(scalar.Value.Length + 1, 1, start);
                    if (stack.TryPeek(out var keyed) && keyed.Container is JsonObject && !keyed.HasKey)
                    {
                        keyed.Key = scalar.Value;
                        keyed.HasKey = true;
                        if (!scalar.Anchor.IsEmpty) budget.Anchors[scalar.Anchor.Value] = (JsonValue.Create(scalar.Value), scalar.Value.Length + 1, 1);
                        continue;
                    }
                    value = Resolve(scalar);
                    if (!scalar.Anchor.IsEmpty) budget.Anchors[scalar.Anchor.Value] = (value, scalar.Value.Length + 1, 1);
                    break;
                case AnchorAlias alias:
                    if (!budget.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                        throw new YamlException(start, start, $"yaml: unknown anchor '{alias.Value.Value}' referenced");
                    budget.Spend(anchored.Bytes, anchored.Nodes, start);
                    if (stack.TryPeek(out var aliasKeyed) && aliasKeyed.Container is JsonObject && !aliasKeyed.HasKey)
                    {
                        aliasKeyed.Key = anchored.Node switch
                        {
                            JsonValue key when key.TryGetValue<string>(out var text) => text,
                            JsonValue key => key.ToJsonString(),
                            null => "null",
                            _ => throw new YamlException(start, start, "yaml: invalid map key: only scalars can be keys"),
                        };
                        aliasKeyed.HasKey = true;
                        continue;
                    }
                    value = anchored.Node?.DeepClone();
                    break;
                default:
                    throw new YamlException(start, start, $"yaml: unexpected {parsingEvent.GetType().Name}");
            }

            if (stack.Count == 0)
            {
                root = value;
                done = true;
            }
            else Add(stack.Peek(), value);
        }
        return root;

        void Open(JsonNode container, AnchorName anchor, Mark at)
        {
            if (stack.TryPeek(out var parent) && parent.Container is JsonObject && !parent.HasKey)
                throw new YamlException(at, at, "yaml: invalid map key: only scalars can be keys");
            if (stack.Count >= MaxDepth) throw new YamlException(at, at, $"yaml: exceeded max depth of {MaxDepth}");
            budget.Spend(2, 1, at);
            stack.Push(new Frame(container, anchor.IsEmpty ? null : anchor.Value, budget.Bytes, budget.Nodes));
        }
    }

    private static void Add(Frame frame, JsonNode? value)
    {
        if (frame.Container is JsonArray array)
        {
            array.Add(value);
            return;
        }
        ((JsonObject)frame.Container)[frame.Key!] = value;
        frame.Key = null;
        frame.HasKey = false;
    }

    // go-yaml v2 resolve(): quoted and block scalars are strings; plain ones may be null, bool, int or float.
    private static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain || scalar.Tag == "tag:yaml.org,2002:str") return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON": return JsonValue.Create(true);
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF": return JsonValue.Create(false);
        }
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (ParseGoInteger(plain) is { } integer) return integer;
        if (StyleFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    // strconv.ParseInt(s, 0, 64), then ParseUint: an optional sign, then 0x/0o/0b or a leading 0 (octal) or decimal.
    private static JsonNode? ParseGoInteger(string text)
    {
        if (text.Length == 0) return null;
        var negative = text[0] == '-';
        var digits = text[0] is '-' or '+' ? text[1..] : text;
        if (digits.Length == 0) return null;
        int radix = 10;
        if (digits.Length > 1 && digits[0] == '0')
        {
            (radix, digits) = char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            };
        }
        if (digits.Length == 0) return null;
        System.Numerics.BigInteger value = 0;
        foreach (var c in digits)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix) return null;
            value = value * radix + digit;
            if (value > ulong.MaxValue) return null;
        }
        if (negative) value = -value;
        if (value >= long.MinValue && value <= long.MaxValue) return JsonValue.Create((long)value);
        return negative ? null : JsonValue.Create((ulong)value);
    }

    // go-yaml v2's yamlStyleFloat.
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex StyleFloat();
}
