using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Tests.Images;
using static ImageStreamPS.Sandbox.Tests.Images.ImageSandbox;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// An alias (<c>oc tag --alias citas:v2 citas:current</c>: a spec tag from an ImageStreamTag of the same
/// stream) as openshift-apiserver stores it. imagestream/strategy.go <c>tagReferenceToTagEvent</c> takes the
/// source's event from <c>internalimageutil.LatestTaggedImage</c>, which returns a pointer into the stream's
/// own history, and then sets that event's generation: the source tag's newest item takes the alias's
/// generation as well. A source in another stream is read as a copy and stays as it was.
/// </summary>
public sealed class ImageStreamAliasTests
{
    private static Task Alias(ImageSandbox sandbox, string dest, string source, string stream = "citas") =>
        sandbox.Api.ReplaceAsync(Group, "imagestreamtags", Ns, $"{stream}:{dest}", Json($$$"""
            {"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1",
             "metadata":{"name":"{{{stream}}}:{{{dest}}}","namespace":"{{{Ns}}}"},
             "tag":{"name":"{{{dest}}}","annotations":null,"from":{"kind":"ImageStreamTag","name":"{{{source}}}"},
                    "generation":null,"importPolicy":{},"referencePolicy":{"type":"Source"}},
             "generation":0,"lookupPolicy":{"local":false},"image":{"metadata":{}} }
            """));

    private static Dictionary<string, JsonArray> History(JsonObject stream) =>
        stream["status"]!["tags"]!.AsArray().ToDictionary(t => t!["tag"]!.GetValue<string>(), t => t!["items"]!.AsArray());

    [Fact]
    public async Task AnAliasRewritesTheGenerationOfItsSourceTagsNewestEventAsLatestTaggedImagesPointerDoes()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        await sandbox.ImportAsync("v2");
        var before = History(sandbox.Stream());
        Assert.Equal(3, before["v2"][0]!["generation"]!.GetValue<long>());

        await Alias(sandbox, "current", "citas:v2");

        var stream = sandbox.Stream();
        Assert.Equal(4, stream["metadata"]!["generation"]!.GetValue<long>());
        var after = History(stream);
        Assert.Equal(4, after["current"][0]!["generation"]!.GetValue<long>());
        Assert.Equal(V2, after["current"][0]!["image"]!.GetValue<string>());
        var source = Assert.Single(after["v2"]);
        Assert.Equal(4, source!["generation"]!.GetValue<long>());
        Assert.Equal(before["v2"][0]!["created"]!.GetValue<string>(), source["created"]!.GetValue<string>());
        Assert.Equal(2, after["v1"][0]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task AnAliasOfAnotherStreamsTagLeavesThatStreamAsItWas()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v2");
        sandbox.CreateStream("other");
        var sourceBefore = sandbox.Stream()["status"]!.ToJsonString();

        await Alias(sandbox, "current", "citas:v2", stream: "other");

        Assert.Equal(sourceBefore, sandbox.Stream()["status"]!.ToJsonString());
        Assert.Equal(V2, History(sandbox.Stream("other"))["current"][0]!["image"]!.GetValue<string>());
    }
}
