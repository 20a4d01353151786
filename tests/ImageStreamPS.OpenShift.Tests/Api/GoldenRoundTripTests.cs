using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>
/// Real server output (Fixtures/) deserialized through KubernetesClient's own JSON and YAML
/// serializers and written back: every field must survive.
/// </summary>
public class GoldenRoundTripTests
{
    public static TheoryData<string, Type> JsonFixtures => new()
    {
        { "imagestream-rdo-aodh-api.json", typeof(ImageStream) },
        { "imagestream-osbs-3.9.41.json", typeof(ImageStream) },
        { "imagestreamtag-rdo-aodh-api.json", typeof(ImageStreamTag) },
        { "imagestreamimport-osbs-3.9.41.json", typeof(ImageStreamImport) },
        { "imagestreamimport-restclientjava-origin11.json", typeof(ImageStreamImport) },
        { "image-communityokd-python.json", typeof(Image) },
    };

    public static TheoryData<string, Type> YamlFixtures => new()
    {
        { "imagestream-ci-ansible-runner.yaml", typeof(ImageStream) },
        { "imagestream-citools894-cli-jq.yaml", typeof(ImageStream) },
        { "imagestream-origin5391-installable.yaml", typeof(ImageStream) },
        { "imagestream-partnertechdays-rhpam-businesscentral.yaml", typeof(ImageStream) },
        { "imagestream-status-only-ksrkw-java.yaml", typeof(ImageStream) },
        { "imagestreamtag-ci-ansible-runner-partial.yaml", typeof(ImageStreamTag) },
        { "routelist-sjfke-crc.yaml", typeof(RouteList) },
    };

    [Theory]
    [MemberData(nameof(JsonFixtures))]
    public void JsonFixtureSurvivesKubernetesJsonRoundTrip(string file, Type type)
    {
        var json = Fixture.Read(file);
        var obj = DeserializeJson(json, type);
        var written = KubernetesJson.Serialize(obj);
        Fixture.AssertContains(JsonNode.Parse(json), JsonNode.Parse(written));
    }

    [Theory]
    [MemberData(nameof(YamlFixtures))]
    public void YamlFixtureSurvivesKubernetesYamlRoundTrip(string file, Type type)
    {
        var yaml = Fixture.Read(file);
        var obj = DeserializeYaml(yaml, type);
        var written = KubernetesJson.Serialize(obj);
        Fixture.AssertContains(Fixture.YamlAsJson(yaml), JsonNode.Parse(written), looseScalars: true);
    }

    [Fact]
    public void ImageStreamTagEmbedsTheWholeImageWithDockerMetadata()
    {
        var tag = KubernetesJson.Deserialize<ImageStreamTag>(Fixture.Read("imagestreamtag-rdo-aodh-api.json"));
        Assert.Null(tag.Tag);
        Assert.Equal(1, tag.Generation);
        Assert.Equal("centos-binary-aodh-api:latest", tag.Metadata.Name);
        var metadata = tag.Image.DockerImageMetadata!;
        Assert.Equal("1.0", metadata.ApiVersion);
        Assert.Equal("11e27e00f85f340a8ad1e9e2330dc61b80f3ea962db9c468c7776a21f6ceee00", metadata.Id);
        Assert.Equal(237061207, metadata.Size);
        Assert.Equal(40, tag.Image.DockerImageLayers!.Count);
        Assert.Equal("true", tag.Image.Metadata.Annotations["openshift.io/image.managed"]);
    }

    [Fact]
    public void ImageFromA4xServerKeepsItsMediaTypesAndIdPrefix()
    {
        var image = KubernetesJson.Deserialize<Image>(Fixture.Read("image-communityokd-python.json"));
        Assert.Equal("image.openshift.io/1.0", image.DockerImageMetadata!.ApiVersion);
        Assert.StartsWith("sha256:", image.DockerImageMetadata.Id);
        Assert.Equal(347487141, image.DockerImageMetadata.Size);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", image.DockerImageManifestMediaType);
        Assert.All(image.DockerImageLayers!, layer => Assert.False(string.IsNullOrEmpty(layer.MediaType)));
    }

    [Fact]
    public void ImportResponseCarriesPerImageStatusAndTheUpdatedStream()
    {
        var import = KubernetesJson.Deserialize<ImageStreamImport>(Fixture.Read("imagestreamimport-osbs-3.9.41.json"));
        Assert.True(import.Spec.Import);
        var result = Assert.Single(import.Status.Images!);
        Assert.True(result.Status.IsSuccess);
        Assert.NotNull(result.Image);
        Assert.NotNull(import.Status.Import);
        Assert.Equal("ImageStream", import.Status.Import!.Kind);
    }

    [Fact]
    public void PreviewImportHasNoStreamAndAnUnpersistedImage()
    {
        var import = KubernetesJson.Deserialize<ImageStreamImport>(Fixture.Read("imagestreamimport-restclientjava-origin11.json"));
        Assert.False(import.Spec.Import);
        Assert.Null(import.Status.Import);
        Assert.Null(import.Status.Images![0].Image!.Metadata.CreationTimestamp);
    }

    [Fact]
    public void YamlStreamWithFailedImportKeepsConditionsAndHistory()
    {
        var stream = KubernetesYaml.Deserialize<ImageStream>(Fixture.Read("imagestream-ci-ansible-runner.yaml"));
        Assert.True(stream.Spec.LookupPolicy.Local);
        var spec = Assert.Single(stream.Spec.Tags!);
        Assert.Null(spec.Annotations);
        Assert.Equal(3365, spec.Generation);
        Assert.Equal("Local", spec.ReferencePolicy.Type);
        var status = Assert.Single(stream.Status.Tags!);
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal("ImportSuccess", condition.Type);
        Assert.Equal("False", condition.Status);
        Assert.Equal("InternalError", condition.Reason);
        Assert.Equal(new DateTime(2021, 6, 3, 16, 24, 42, DateTimeKind.Utc), condition.LastTransitionTime!.Value.ToUniversalTime());
        Assert.Equal(3364, status.Items![0].Generation);
    }

    [Fact]
    public void RouteTargetPortMayBeAName()
    {
        var routes = KubernetesYaml.Deserialize<RouteList>(Fixture.Read("routelist-sjfke-crc.yaml"));
        var route = Assert.Single(routes.Items);
        Assert.Equal("http", route.Spec.Port!.TargetPort.Value);
        Assert.Equal("Admitted", route.Status!.Ingress![0].Conditions![0].Type);
        Assert.Contains("\"targetPort\":\"http\"", KubernetesJson.Serialize(route));
    }

    [Fact]
    public void RouteTargetPortMayBeANumber()
    {
        var route = KubernetesJson.Deserialize<Route>("""{"kind":"Route","apiVersion":"route.openshift.io/v1","metadata":{"name":"app-citas"},"spec":{"to":{"name":"app-citas"},"port":{"targetPort":10000}}}""");
        Assert.Equal("10000", route.Spec.Port!.TargetPort.Value);
        Assert.Contains("\"targetPort\":10000", KubernetesJson.Serialize(route));
    }

    private static object DeserializeJson(string json, Type type) =>
        typeof(KubernetesJson).GetMethod(nameof(KubernetesJson.Deserialize), [typeof(string), typeof(System.Text.Json.JsonSerializerOptions)])!
            .MakeGenericMethod(type).Invoke(null, [json, null])!;

    private static object DeserializeYaml(string yaml, Type type) =>
        typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!
            .MakeGenericMethod(type).Invoke(null, [yaml, false])!;
}
