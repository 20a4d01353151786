using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// One item of <c>LIST imagestreamtags</c>. openshift-apiserver's List calls <c>newISTag(tag, stream, nil, false)</c>:
/// without the Image object, so a listed tag's image carries only its name (the tag's newest image id) and its
/// pull spec, never the image's metadata or layers (those come with a GET of the one tag). A tag is listed
/// when its newest event has an image id, whether or not the Image object can be read.
/// </summary>
internal static class ImageStreamTagListItem
{
    public static JsonObject? Build(ApiService api, JsonObject stream, string tag)
    {
        if (TagHistory.Latest(stream, tag) is not { } latest || Str(latest["image"]) is not { Length: > 0 } imageName) return null;
        var view = ImageStreamTagView.Build(api, stream, tag, allowEmpty: true)!;
        view.Remove("kind");
        view.Remove("apiVersion");
        view["image"] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = imageName, ["creationTimestamp"] = null },
            ["dockerImageReference"] = ImageStreamTagView.ResolveReference(stream, tag, latest),
            // The v1 conversion encodes the internal image's empty DockerImageMetadata all the same.
            ["dockerImageMetadata"] = new JsonObject
            {
                ["kind"] = "DockerImage",
                ["apiVersion"] = "image.openshift.io/1.0",
                ["Id"] = "",
                ["Created"] = null,
                ["ContainerConfig"] = new JsonObject(),
            },
            ["dockerImageMetadataVersion"] = "1.0",
            ["dockerImageLayers"] = null,
        };
        return view;
    }
}
