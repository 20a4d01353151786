namespace ImageStreamPS.Sandbox.Images;

/// <summary>The manifest and blob media types of the Docker Registry v2 / OCI distribution APIs.</summary>
internal static class ManifestMediaTypes
{
    public const string DockerSchema2 = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>The Accept list the importer sends, in the order openshift-apiserver registers them.</summary>
    public static readonly string[] Accept =
    [
        DockerSchema2, DockerManifestList, OciManifest, OciIndex, DockerSchema1Signed, "application/json",
    ];

    public static bool IsList(string? mediaType) => mediaType is DockerManifestList or OciIndex;

    public static bool IsImage(string? mediaType) => mediaType is DockerSchema2 or OciManifest;

    public static bool IsManifest(string? mediaType) =>
        IsList(mediaType) || IsImage(mediaType) || mediaType is DockerSchema1Signed or DockerSchema1;
}
