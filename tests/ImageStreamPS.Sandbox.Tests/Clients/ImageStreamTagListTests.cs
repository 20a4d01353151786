using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Tests.Images;
using static ImageStreamPS.Sandbox.Tests.Images.ImageSandbox;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// LIST imagestreamtags as openshift-apiserver answers it: <c>imagestreamtag/rest.go</c> List builds each item
/// with <c>newISTag(tag, stream, nil, false)</c>, so a listed image is its name and pull spec only; Get passes
/// the Image (<c>imageFor</c>) and returns it whole.
/// </summary>
public sealed class ImageStreamTagListTests
{
    [Fact]
    public async Task AListedTagCarriesOnlyTheImageNameAndPullSpecAsNewISTagWithoutAnImage()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        await sandbox.ImportAsync("v2");
        var events = sandbox.Stream()["status"]!["tags"]!.AsArray().ToDictionary(t => t!["tag"]!.GetValue<string>(), t => t!["items"]![0]!);

        var list = sandbox.Api.List(Group, "imagestreamtags", Ns, new());

        Assert.Equal(["citas:v1", "citas:v2"], list.Items.Select(i => i["metadata"]!["name"]!.GetValue<string>()));
        foreach (var item in list.Items)
        {
            var tag = item["metadata"]!["name"]!.GetValue<string>()[6..];
            JsonAssert.Equal($$$"""
                {"metadata":{"name":"{{{events[tag]["image"]}}}","creationTimestamp":null},
                 "dockerImageReference":"{{{events[tag]["dockerImageReference"]}}}",
                 "dockerImageMetadata":{"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":"","Created":null,"ContainerConfig":{}},
                 "dockerImageMetadataVersion":"1.0","dockerImageLayers":null}
                """, item["image"]);
            Assert.Null(item["kind"]);
            Assert.Equal(events[tag]["created"]!.GetValue<string>(), item["metadata"]!["creationTimestamp"]!.GetValue<string>());
            Assert.NotNull(item["tag"]);
        }

        var got = sandbox.Api.Get(Group, "imagestreamtags", Ns, "citas:v1");
        Assert.NotEmpty(got["image"]!["dockerImageLayers"]!.AsArray());
        Assert.NotEqual("", got["image"]!["dockerImageMetadata"]!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATagIsListedByItsNewestImageIdEvenWhenTheImageObjectIsGone()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        await sandbox.ImportAsync("v2");

        sandbox.Api.Delete(Group, "images", null, V2);
        var list = sandbox.Api.List(Group, "imagestreamtags", Ns, new());

        var listed = list.Items.Single(i => i["metadata"]!["name"]!.GetValue<string>() == "citas:v2");
        Assert.Equal(V2, listed["image"]!["metadata"]!["name"]!.GetValue<string>());
    }
}
