using ImageStreamPS.Sandbox.Images.Distribution;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// <c>--seed Tutorial</c>: puts <c>josedom24/citas-backend:v1</c> and <c>:v2</c> into the integrated
/// registry and mirrors docker.io to it, so <c>docker.io/josedom24/citas-backend:v1</c> imports offline.
/// </summary>
internal static class TutorialSeed
{
    public static IReadOnlyList<DemoImage> Images { get; } = [DemoImage.CitasBackend("v1"), DemoImage.CitasBackend("v2")];

    public static void Apply(RegistryStorage storage, RegistryMirrors mirrors, string registryEndpoint)
    {
        foreach (var image in Images) Push(storage, image);
        mirrors.Set("docker.io", registryEndpoint);
    }

    /// <summary>Stores an image's blobs and manifest straight into the registry's storage.</summary>
    public static void Push(RegistryStorage storage, DemoImage image)
    {
        storage.PutBlob(image.Layer);
        storage.PutBlob(image.Config);
        var digest = storage.PutBlob(image.Manifest);
        storage.PutManifest(image.Repository, digest, ManifestMediaTypes.DockerSchema2, image.Tag);
    }
}
