using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>
/// The <c>pod-template-hash</c> of a pod template: FNV-32a over the template (plus the
/// collision count), printed in decimal and mapped through Kubernetes' safe alphabet.
/// Kubernetes hashes a Go dump of the struct; we hash canonical JSON, which is just as stable.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(V1PodTemplateSpec? template, long? collisionCount) =>
        Compute(template is null ? null : Wire.Encode(template), collisionCount);

    /// <summary>Template equality ignoring the pod-template-hash label (EqualIgnoreHash).</summary>
    public static bool EqualIgnoringHash(V1PodTemplateSpec? a, V1PodTemplateSpec? b) =>
        EqualIgnoringHash(a is null ? null : Wire.Encode(a), b is null ? null : Wire.Encode(b));

    /// <summary>Whether two typed values write the same canonical JSON (what a write would change).</summary>
    public static bool SameJson<T>(T? a, T? b) where T : class =>
        Canonical(a is null ? null : Wire.Encode(a)) == Canonical(b is null ? null : Wire.Encode(b));

    public static string Compute(JsonNode? template, long? collisionCount)
    {
        var bytes = Encoding.UTF8.GetBytes(Canonical(template));
        uint hash = 2166136261;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619;
        if (collisionCount is { } c)
            foreach (var b in BitConverter.GetBytes((uint)c)) hash = (hash ^ b) * 16777619;
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Template equality ignoring the pod-template-hash label (EqualIgnoreHash).</summary>
    public static bool EqualIgnoringHash(JsonNode? a, JsonNode? b) => Canonical(WithoutHash(a)) == Canonical(WithoutHash(b));

    public static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = SafeAlphabet[s[i] % SafeAlphabet.Length];
        return new string(chars);
    }

    /// <summary>Five random characters from the safe alphabet, as for generateName.</summary>
    public static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++) chars[i] = SafeAlphabet[Random.Shared.Next(SafeAlphabet.Length)];
        return new string(chars);
    }

    private static JsonNode? WithoutHash(JsonNode? template)
    {
        if (template?.DeepClone() is not JsonObject copy) return template;
        if (copy["metadata"]?["labels"] is JsonObject labels) labels.Remove(Label);
        return copy;
    }

    /// <summary>JSON with object keys sorted ordinally, nulls and empty maps dropped.</summary>
    public static string Canonical(JsonNode? node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null: writer.WriteNullValue(); break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (k, v) in o.Where(p => !IsEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(k);
                    Write(writer, v);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: node.WriteTo(writer); break;
        }
    }

    private static bool IsEmpty(JsonNode? n) => n is null || n is JsonObject { Count: 0 };
}
