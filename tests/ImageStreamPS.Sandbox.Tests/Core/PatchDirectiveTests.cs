using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Api.Patching;

namespace ImageStreamPS.Sandbox.Tests.Core;

/// <summary>
/// Patch directives and operations of the wrong kind are refused with apimachinery's words, never a
/// 500: strategic merge patch as <c>strategicpatch.handleDirectiveInMergeMap</c> and
/// <c>deleteMatchingEntries</c> (ErrBadPatchType, ErrNoMergeKey, ErrBadPatchFormatFor*), JSON patch as
/// evanphx/json-patch's <c>Operation.Kind</c>/<c>Path</c> fail an operation (422 from kube-apiserver's
/// <c>jsonPatcher.applyJSPatch</c>).
/// </summary>
public sealed class PatchDirectiveTests
{
    private static readonly JsonObject Stream = JsonNode.Parse("""
        {"metadata":{"name":"citas","finalizers":["a"]},"spec":{"tags":[{"name":"v1","from":{"kind":"DockerImage","name":"x:v1"}}]}}
        """)!.AsObject();

    private static StatusException Refused(Func<JsonNode?> patch) => Assert.Throws<StatusException>(patch);

    [Theory]
    [InlineData("""{"spec":{"$patch":"bogus"}}""", "unknown patch type: bogus in map: map[$patch:bogus]")]
    [InlineData("""{"$patch":5,"a":[1,"x"]}""", "unknown patch type: 5 in map: map[$patch:5 a:[1 x]]")]
    [InlineData("""{"spec":{"$patch":"merge"}}""", "unknown patch type: merge in map: map[$patch:merge]")]
    [InlineData("""{"spec":{"tags":[{"name":"v1","$patch":"bogus"}]}}""", "unknown patch type: bogus in map: map[$patch:bogus name:v1]")]
    [InlineData("""{"spec":{"tags":[{"$patch":"delete"}]}}""", "map: map[$patch:delete] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"$retainKeys":"tags"}}""", "invalid patch format of retainKeys")]
    [InlineData("""{"spec":{"$setElementOrder/tags":{"name":"v1"}}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""", "invalid patch format of primitive list")]
    public void StrategicMergeRefusesUnknownDirectivesAsBadRequest(string patch, string message)
    {
        var error = Refused(() => StrategicMergePatch.Apply(Stream, JsonNode.Parse(patch)));

        Assert.Equal((400, "BadRequest", message), (error.Code, error.Reason, error.Message));
    }

    [Fact]
    public void StrategicMergeStillTakesTheDirectivesItKnows()
    {
        var deleted = StrategicMergePatch.Apply(Stream, JsonNode.Parse("""{"spec":{"tags":[{"name":"v1","$patch":"delete"}]}}"""))!;
        var replaced = StrategicMergePatch.Apply(Stream, JsonNode.Parse("""{"spec":{"$patch":"replace","lookupPolicy":{"local":true}}}"""))!;
        var merged = StrategicMergePatch.Apply(Stream, JsonNode.Parse("""{"spec":{"tags":[{"name":"v1","$patch":"merge","reference":true}]}}"""))!;

        Assert.Empty(deleted["spec"]!["tags"]!.AsArray());
        Assert.Equal("""{"lookupPolicy":{"local":true}}""", replaced["spec"]!.ToJsonString());
        Assert.True(merged["spec"]!["tags"]![0]!["reference"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""[{"op":5,"path":"/spec"}]""", 422, "Unexpected kind: unknown")]
    [InlineData("""[{"op":"frobnicate","path":"/spec"}]""", 422, "Unexpected kind: frobnicate")]
    [InlineData("""[{"op":"add","path":{"a":1},"value":1}]""", 422, "add operation has no string path")]
    [InlineData("""[{"op":"copy","from":[1],"path":"/a"}]""", 422, "copy operation has no string from")]
    [InlineData("""[5]""", 400, "json: cannot unmarshal number into Go value of type jsonpatch.Operation")]
    public void JsonPatchOperationsOfTheWrongKindAreRefused(string patch, int code, string message)
    {
        var error = Refused(() => JsonPatch.Apply(Stream, JsonNode.Parse(patch)));

        Assert.Equal(code, error.Code);
        Assert.EndsWith(message, error.Message);
    }
}
