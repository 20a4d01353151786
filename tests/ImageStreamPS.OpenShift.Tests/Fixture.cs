using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace ImageStreamPS.OpenShift.Tests;

/// <summary>Reads the captured OpenShift output in Fixtures/ and compares JSON trees.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>A YAML document as a JSON tree whose scalars are all strings (YAML does not say which are numbers).</summary>
    public static JsonNode? YamlAsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
            && (scalar.Value is "null" or "~" or "" ) => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// <summary>
    /// Asserts that every field of <paramref name="expected"/> is in <paramref name="actual"/> with the
    /// same value (a null may be absent). With <paramref name="looseScalars"/>, scalars compare by their text (YAML input).
    /// </summary>
    public static void AssertContains(JsonNode? expected, JsonNode? actual, bool looseScalars = false, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                break;
            case JsonObject obj:
                var actualObj = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (key, value) in obj)
                {
                    // Go writes zero timestamps as null; KubernetesClient's ObjectMeta omits nulls. Same meaning.
                    // Fields OpenShift always writes as null are checked by the emission tests.
                    if (value is null && !actualObj.ContainsKey(key)) continue;
                    Assert.True(actualObj.ContainsKey(key), $"{path}.{key} was lost in the round trip");
                    AssertContains(value, actualObj[key], looseScalars, $"{path}.{key}");
                }
                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(array.Count == actualArray.Count, $"{path}: expected {array.Count} items, got {actualArray.Count}");
                for (var i = 0; i < array.Count; i++)
                    AssertContains(array[i], actualArray[i], looseScalars, $"{path}[{i}]");
                break;
            default:
                Assert.True(actual is JsonValue, $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                if (looseScalars)
                    Assert.True(ScalarText(expected) == ScalarText(actual!), $"{path}: expected {ScalarText(expected)}, got {ScalarText(actual!)}");
                else
                    Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, got {actual!.ToJsonString()}");
                break;
        }
    }

    private static string ScalarText(JsonNode node)
    {
        var value = node.AsValue();
        if (value.TryGetValue<string>(out var s)) return s;
        if (value.TryGetValue<bool>(out var b)) return b ? "true" : "false";
        return value.ToJsonString();
    }
}
