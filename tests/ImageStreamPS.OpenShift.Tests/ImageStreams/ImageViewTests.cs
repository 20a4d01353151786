using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Describe;
using ImageStreamPS.OpenShift.ImageStreams;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

/// <summary>
/// What oc <c>DescribeImage</c>/<c>describeDockerImage</c> (pkg/helpers/describe/describer.go) show about an
/// image, read from real server output: the Origin ImageStreamTag whose <c>oc describe istag</c> text is in
/// text-rdo-oc-get-describe.txt, and a 4.x Image.
/// </summary>
public class ImageViewTests
{
    private static ImageView Rdo() =>
        ImageView.Of(KubernetesJson.Deserialize<ImageStreamTag>(Fixture.Read("imagestreamtag-rdo-aodh-api.json")).Image, "centos-binary-aodh-api:latest");

    [Fact]
    public void SizesReadAsGoUnitsHumanSizeWordsThem()
    {
        // oc describe printed "237.1 MB (first layer 72.29 MB, last binary layer 545 B)" for this image; go-units has since dropped the space.
        Assert.Equal("237.1MB", HumanSize.Format(237061207));
        Assert.Equal("72.29MB", HumanSize.Format(72292482));
        Assert.Equal("545B", HumanSize.Format(545));
        Assert.Equal("1kB", HumanSize.Format(1000));
        Assert.Equal("999B", HumanSize.Format(999));
        Assert.Equal("1.5GB", HumanSize.Format(1_500_000_000));
    }

    [Fact]
    public void TheImageOfAnImageStreamTagReadsAsOcDescribeIstagShowsIt()
    {
        var image = Rdo();

        Assert.Equal("sha256:b558c7e942d03dbaf506cae0b8bba81ec98c4d132f8f81fdbdead1521ca6fd73", image.Name);
        Assert.Equal("172.30.132.198:5000/tripleo/centos-binary-aodh-api@sha256:b558c7e942d03dbaf506cae0b8bba81ec98c4d132f8f81fdbdead1521ca6fd73", image.PullSpec);
        Assert.Equal("centos-binary-aodh-api:latest", image.ImageStreamTag);
        Assert.Equal(237061207, image.Size);
        Assert.Equal("237.1MB in 40 layers", image.SizeText);
        Assert.Equal("72.29MB\tsha256:dd6405a9d6445ac370348c852c1d28dbdbbbefca4a40f5a302d02ea59488023d", image.LayerLines[0]);
        Assert.Equal("545B\tsha256:79743704eaad90ed9ce3a67fa1185babc3ffc9f015213831b659e67ed11704d5", image.LayerLines[^1]);
        Assert.Equal("amd64", image.Architecture);
        Assert.Equal(new DateTime(2017, 5, 29, 21, 29, 21, DateTimeKind.Utc), image.Created?.ToUniversalTime());
        Assert.Equal(["kolla_start"], image.Command);
        Assert.Empty(image.Entrypoint);
        Assert.Empty(image.ExposedPorts);
        Assert.Equal("", image.OS);
    }

    [Fact]
    public void LabelsAreSortedByKeyAndEnvironmentKeepsItsOrder_FormatMapStringString()
    {
        var image = Rdo();

        Assert.Equal(["build-date", "build_id", "kolla_version", "license", "maintainer", "name", "rdo_version", "vendor"], image.Labels.Keys);
        Assert.Equal("aodh-api", image.Labels["name"]);
        Assert.Equal("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", image.Environment[0]);
        Assert.Equal("KOLLA_BASE_DISTRO=centos", image.Environment[1]);
    }

    [Fact]
    public void ExposedPortsAreSortedAsOcSortsThem()
    {
        var image = new Image
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "sha256:1" },
            DockerImageMetadata = new DockerImageMetadata
            {
                Config = new DockerConfig
                {
                    ExposedPorts = new Dictionary<string, EmptyObject?> { ["8443/tcp"] = new(), ["10000/tcp"] = new(), ["53/udp"] = new() },
                    Entrypoint = ["/usr/bin/run", "--serve"],
                },
                Size = 3112,
            },
        };

        var view = ImageView.Of(image);

        Assert.Equal(["10000/tcp", "53/udp", "8443/tcp"], view.ExposedPorts);
        Assert.Equal(["/usr/bin/run", "--serve"], view.Entrypoint);
        Assert.Equal("3.112kB", view.SizeText);
    }

    [Fact]
    public void ASizeTheServerLeftOutIsTheSumOfTheDistinctLayers()
    {
        var image = new Image
        {
            DockerImageMetadata = new DockerImageMetadata(),
            DockerImageLayers = [new ImageLayer { Name = "sha256:a", Size = 100 }, new ImageLayer { Name = "sha256:b", Size = 32 }, new ImageLayer { Name = "sha256:b", Size = 32 }],
        };

        Assert.Equal(132, ImageView.Of(image).Size);
    }

    [Fact]
    public void AManifestListNamesItsPlatformsAndOperatingSystem()
    {
        var image = new Image
        {
            DockerImageManifests =
            [
                new ImageManifest { Digest = "sha256:a", Architecture = "amd64", OS = "linux" },
                new ImageManifest { Digest = "sha256:b", Architecture = "arm64", OS = "linux", Variant = "v8" },
            ],
        };

        var view = ImageView.Of(image);

        Assert.Equal(["linux/amd64", "linux/arm64/v8"], view.Platforms);
        Assert.Equal("linux", view.OS);
    }

    [Fact]
    public void A4xImageReadsItsMetadata()
    {
        var image = ImageView.Of(KubernetesJson.Deserialize<Image>(Fixture.Read("image-communityokd-python.json")));

        Assert.StartsWith("sha256:", image.Name);
        Assert.Equal("amd64", image.Architecture);
        Assert.NotEmpty(image.Layers);
        Assert.EndsWith($" in {image.Layers.Count} layers", image.SizeText);
    }
}
