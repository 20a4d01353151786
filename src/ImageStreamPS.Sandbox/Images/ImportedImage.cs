using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// The result of importing one tag or digest: the Image (raw manifest and config still attached)
/// and, for a manifest list kept with <c>PreserveOriginal</c>, one Image per platform manifest.
/// </summary>
internal sealed record ImportedImage(Image Image, IReadOnlyList<Image> Manifests)
{
    public string Digest => Image.Metadata.Name;

    public string DockerImageReference => Image.DockerImageReference ?? "";
}
