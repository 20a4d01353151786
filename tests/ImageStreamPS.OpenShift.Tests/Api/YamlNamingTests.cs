using System.Reflection;
using System.Text.Json.Serialization;
using ImageStreamPS.OpenShift.Api;
using k8s;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>
/// KubernetesYaml maps JSON names only for KubernetesClient's own models; for the engine's types
/// the YAML name is the camel-cased property name unless a YamlMember alias says otherwise.
/// </summary>
public class YamlNamingTests
{
    public static TheoryData<string, string, string> Properties()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var type in typeof(ImageStream).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(ImageStream).Namespace))
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var json = property.GetCustomAttribute<JsonPropertyNameAttribute>();
            if (json is null) continue;
            var alias = property.GetCustomAttribute<YamlMemberAttribute>()?.Alias;
            data.Add($"{type.Name}.{property.Name}", json.Name, alias ?? CamelCaseNamingConvention.Instance.Apply(property.Name));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Properties))]
    public void YamlNameEqualsJsonName(string property, string jsonName, string yamlName) =>
        Assert.True(jsonName == yamlName, $"{property}: JSON '{jsonName}' but YAML '{yamlName}'");

    [Fact]
    public void DockerImageMetadataReadsFromYamlWithCapitalisedKeys()
    {
        const string yaml = """
            metadata:
              name: sha256:42b6
            dockerImageMetadata:
              kind: DockerImage
              apiVersion: image.openshift.io/1.0
              Id: sha256:9f2a
              Created: "2023-03-01T09:00:00Z"
              Config:
                ExposedPorts:
                  10000/tcp: {}
                Labels:
                  version: v1
              Size: 51234567
            dockerImageManifests:
            - digest: sha256:aa
              mediaType: application/vnd.oci.image.manifest.v1+json
              manifestSize: 1234
              architecture: arm64
              os: linux
            """;
        var image = KubernetesYaml.Deserialize<Image>(yaml, strict: true);
        Assert.Equal("sha256:9f2a", image.DockerImageMetadata!.Id);
        Assert.Equal(51234567, image.DockerImageMetadata.Size);
        Assert.Equal("v1", image.DockerImageMetadata.Config!.Labels!["version"]);
        Assert.True(image.DockerImageMetadata.Config.ExposedPorts!.ContainsKey("10000/tcp"));
        Assert.Equal("linux", image.DockerImageManifests![0].OS);
    }

    [Fact]
    public void YamlWrittenByKubernetesYamlReadsBackToTheSameObject()
    {
        var stream = KubernetesJson.Deserialize<ImageStream>(GoldenShapes.TutorialImageStream);
        var yaml = KubernetesYaml.Serialize(stream);
        var back = KubernetesYaml.Deserialize<ImageStream>(yaml, strict: true);
        Assert.Equal(KubernetesJson.Serialize(stream), KubernetesJson.Serialize(back));
    }

    [Fact]
    public void YamlOmitsFalseFlagsLikeOcAndKeepsNullAnnotations()
    {
        var yaml = KubernetesYaml.Serialize(new TagReference { Name = "v1", Generation = 2, From = new ObjectReference("DockerImage", "quay.io/x:1") });
        Assert.DoesNotContain("reference:", yaml);
        Assert.DoesNotContain("insecure:", yaml);
        Assert.DoesNotContain("scheduled:", yaml);
        Assert.Contains("annotations:", yaml);
        Assert.Contains("reference: true", KubernetesYaml.Serialize(new TagReference { Name = "v1", Reference = true }));
        Assert.Null(KubernetesYaml.Deserialize<TagReference>(yaml).Annotations);
    }
}
