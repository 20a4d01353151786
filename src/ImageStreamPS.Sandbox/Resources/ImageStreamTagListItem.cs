using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// One item of <c>LIST imagestreamtags</c>. openshift-apiserver's List calls <c>newISTag(tag, stream, nil, false)</c>:
/// without the Image object, so a listed tag's image carries only its name (the tag's newest image id) and its
/// pull spec, never the image's metadata or layers (those come with a GET of the one tag). A tag is listed
/// when its newest event has an image id, whether or not the Image object can be read.
/// </summary>
internal static class ImageStreamTagListItem
{
    public static JsonObject? Build(ApiService api, ImageStream stream, string tag)
    {
        if (ImageStreamTagView.Latest(stream, tag) is not { Image.Length: > 0 } latest) return null;
        var view = ImageStreamTagView.Build(api, stream, tag, allowEmpty: true)!;
        view["image"] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = latest.Image, ["creationTimestamp"] = null },
            ["dockerImageReference"] = stream.ResolveReferenceForTagEvent(tag, latest),
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
