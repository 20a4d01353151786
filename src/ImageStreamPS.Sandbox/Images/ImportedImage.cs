using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// The result of importing one tag or digest: the Image (raw manifest and config still attached)
/// and, for a manifest list kept with <c>PreserveOriginal</c>, one Image per platform manifest.
/// </summary>
internal sealed record ImportedImage(JsonObject Image, IReadOnlyList<JsonObject> Manifests)
{
    public string Digest => Image["metadata"]!["name"]!.GetValue<string>();

    public string DockerImageReference => Image["dockerImageReference"]!.GetValue<string>();
}
