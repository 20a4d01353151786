using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Tests.Images;

internal static class JsonAssert
{
    /// <summary>Equal JSON, key order included (the server's emission order is part of its output).</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var parsed = JsonNode.Parse(expected);
        if (JsonNode.DeepEquals(parsed, actual) && parsed!.ToJsonString() == actual!.ToJsonString()) return;
        Assert.Equal(parsed?.ToJsonString(), actual?.ToJsonString());
    }
}
