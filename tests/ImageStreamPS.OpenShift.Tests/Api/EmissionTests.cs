using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>
/// What the client writes must match what oc and the server write (openshift-image-api.md §2.1, §3.3, §4.1):
/// always-present fields such as a spec tag's <c>annotations</c> and <c>generation</c> are emitted as null.
/// </summary>
public class EmissionTests
{
    private const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";

    [Fact]
    public void SpecTagWritesAnnotationsAndGenerationAsNullInOcOrder()
    {
        var tag = new TagReference
        {
            Name = "latest",
            From = new ObjectReference(TagSourceKind.ImageStreamImage, "citas@" + V2),
            ImportPolicy = { ImportMode = ImportMode.Legacy },
            ReferencePolicy = { Type = TagReferencePolicyType.Source },
        };
        Assert.Equal(
            "{\"name\":\"latest\",\"annotations\":null,\"from\":{\"kind\":\"ImageStreamImage\",\"name\":\"citas@" + V2 + "\"}," +
            "\"generation\":null,\"importPolicy\":{\"importMode\":\"Legacy\"},\"referencePolicy\":{\"type\":\"Source\"}}",
            KubernetesJson.Serialize(tag));
    }

    [Fact]
    public void SpecTagOmitsFalseFlagsButKeepsEmptyPolicies()
    {
        var json = KubernetesJson.Serialize(new TagReference { Name = "v1", Generation = 2 });
        Assert.Equal("{\"name\":\"v1\",\"annotations\":null,\"generation\":2,\"importPolicy\":{},\"referencePolicy\":{\"type\":\"\"}}", json);
    }

    [Fact]
    public void ReferenceAndImportFlagsAreWrittenWhenSet()
    {
        var json = KubernetesJson.Serialize(new TagReference
        {
            Name = "x", Reference = true, Generation = 0,
            ImportPolicy = { Insecure = true, Scheduled = true },
        });
        Assert.Contains("\"reference\":true", json);
        Assert.Contains("\"generation\":0", json);
        Assert.Contains("\"importPolicy\":{\"insecure\":true,\"scheduled\":true}", json);
    }

    [Fact]
    public void NewImageStreamWritesLookupPolicyAndEmptyStatusRepository()
    {
        var stream = new ImageStream { Metadata = new V1ObjectMeta { Name = "citas" } };
        var node = JsonNode.Parse(KubernetesJson.Serialize(stream))!;
        Assert.Equal("ImageStream", (string?)node["kind"]);
        Assert.Equal("image.openshift.io/v1", (string?)node["apiVersion"]);
        Assert.False((bool)node["spec"]!["lookupPolicy"]!["local"]!);
        Assert.False(node["spec"]!.AsObject().ContainsKey("tags"));
        Assert.False(node["spec"]!.AsObject().ContainsKey("dockerImageRepository"));
        Assert.Equal("", (string?)node["status"]!["dockerImageRepository"]);
        Assert.False(node["status"]!.AsObject().ContainsKey("publicDockerImageRepository"));
    }

    [Fact]
    public void StatusTagWritesNullItemsAndAllFourEventFields()
    {
        var failed = new NamedTagEventList { Tag = "v9", Conditions = [new TagEventCondition { Type = "ImportSuccess", Status = "False", Reason = "NotFound", Generation = 3 }] };
        Assert.StartsWith("{\"tag\":\"v9\",\"items\":null,\"conditions\":[", KubernetesJson.Serialize(failed));

        var reference = new TagEvent { DockerImageReference = "openshift/origin:v1.0.6" };
        Assert.Equal("{\"created\":null,\"dockerImageReference\":\"openshift/origin:v1.0.6\",\"image\":\"\",\"generation\":0}", KubernetesJson.Serialize(reference));
    }

    [Fact]
    public void TimestampsAreRfc3339Utc()
    {
        var item = new TagEvent { Created = new DateTime(2024, 2, 20, 10, 5, 0, DateTimeKind.Utc), DockerImageReference = "a", Image = "b", Generation = 4 };
        Assert.Contains("\"created\":\"2024-02-20T10:05:00Z\"", KubernetesJson.Serialize(item));
    }

    [Fact]
    public void OcTagPutBodyHasTheShapeOcSends()
    {
        // openshift-image-api.md §3.3
        var body = new ImageStreamTag
        {
            Metadata = new V1ObjectMeta { Name = "citas:latest", NamespaceProperty = "NS" },
            Tag = new TagReference
            {
                Name = "latest",
                From = new ObjectReference(TagSourceKind.ImageStreamImage, "citas@" + V2),
                ImportPolicy = { ImportMode = ImportMode.Legacy },
                ReferencePolicy = { Type = TagReferencePolicyType.Source },
            },
        };
        var expected = JsonNode.Parse("""
            { "kind": "ImageStreamTag", "apiVersion": "image.openshift.io/v1",
              "metadata": { "name": "citas:latest", "namespace": "NS" },
              "tag": { "name": "latest", "annotations": null,
                       "from": { "kind": "ImageStreamImage", "name": "citas@sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d" },
                       "generation": null,
                       "importPolicy": { "importMode": "Legacy" },
                       "referencePolicy": { "type": "Source" } },
              "generation": 0, "lookupPolicy": { "local": false }, "image": { "metadata": {} } }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(KubernetesJson.Serialize(body))), KubernetesJson.Serialize(body));
    }

    [Fact]
    public void ImportRequestBodyHasTheShapeOcSends()
    {
        // openshift-image-api.md §4.1
        var body = new ImageStreamImport
        {
            Metadata = new V1ObjectMeta { Name = "citas", NamespaceProperty = "NS", ResourceVersion = "42" },
            Spec =
            {
                Import = true,
                Images =
                [
                    new ImageImportSpec
                    {
                        From = new ObjectReference(TagSourceKind.DockerImage, "docker.io/josedom24/citas-backend:v1"),
                        To = new LocalObjectReference { Name = "v1" },
                        ImportPolicy = { ImportMode = ImportMode.Legacy },
                    },
                ],
            },
        };
        var expected = JsonNode.Parse("""
            { "kind": "ImageStreamImport", "apiVersion": "image.openshift.io/v1",
              "metadata": { "name": "citas", "namespace": "NS", "resourceVersion": "42" },
              "spec": { "import": true,
                        "images": [ { "from": { "kind": "DockerImage", "name": "docker.io/josedom24/citas-backend:v1" },
                                      "to": { "name": "v1" },
                                      "importPolicy": { "importMode": "Legacy" },
                                      "referencePolicy": { "type": "" } } ] },
              "status": {} }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(KubernetesJson.Serialize(body))), KubernetesJson.Serialize(body));
    }

    [Fact]
    public void FailedImportStatusReadsAndWritesBack()
    {
        const string json = """{"status":{"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found","reason":"NotFound","details":{"name":"docker.io/josedom24/citas-backend:v9","group":"image.openshift.io","kind":"dockerimage"},"code":404}}""";
        var status = KubernetesJson.Deserialize<ImageImportStatus>(json);
        Assert.False(status.Status.IsSuccess);
        Assert.Equal("NotFound", status.Status.Reason);
        Assert.Equal(404, status.Status.Code);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(KubernetesJson.Serialize(status))));
    }

    [Fact]
    public void DockerImageMetadataKeepsCapitalisedKeysAndEmptyPortObjects()
    {
        var metadata = new DockerImageMetadata
        {
            Id = "sha256:abc",
            Config = new DockerConfig { ExposedPorts = new Dictionary<string, EmptyObject?> { ["10000/tcp"] = new() }, Labels = new Dictionary<string, string> { ["version"] = "v1" } },
            Architecture = "amd64",
            Size = 123,
        };
        Assert.Equal(
            "{\"kind\":\"DockerImage\",\"apiVersion\":\"image.openshift.io/1.0\",\"Id\":\"sha256:abc\",\"ContainerConfig\":{}," +
            "\"Config\":{\"ExposedPorts\":{\"10000/tcp\":{}},\"Labels\":{\"version\":\"v1\"}},\"Architecture\":\"amd64\",\"Size\":123}",
            KubernetesJson.Serialize(metadata));
    }

    [Fact]
    public void SpecAndStatusFromTheReferenceShapeRoundTripExactly()
    {
        // openshift-image-api.md §2.1 (tutorial after steps 1-6), with the full digests.
        var json = GoldenShapes.TutorialImageStream;
        var stream = KubernetesJson.Deserialize<ImageStream>(json);
        Assert.Equal(4, stream.Spec.Tags!.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(KubernetesJson.Serialize(stream))), KubernetesJson.Serialize(stream));
    }

    [Fact]
    public void ImageStreamTagFromTheReferenceShapeRoundTripsExactly()
    {
        var json = GoldenShapes.TutorialImageStreamTag;
        var tag = KubernetesJson.Deserialize<ImageStreamTag>(json);
        Assert.Equal("10000/tcp", Assert.Single(tag.Image.DockerImageMetadata!.Config!.ExposedPorts!.Keys));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(KubernetesJson.Serialize(tag))), KubernetesJson.Serialize(tag));
    }

    [Fact]
    public void EveryEntityDeclaresItsGroupKindAndPlural()
    {
        Assert.Equal(("image.openshift.io", "v1", "imagestreams"), Entity<ImageStream>());
        Assert.Equal(("image.openshift.io", "v1", "imagestreamtags"), Entity<ImageStreamTag>());
        Assert.Equal(("image.openshift.io", "v1", "imagestreamimages"), Entity<ImageStreamImage>());
        Assert.Equal(("image.openshift.io", "v1", "imagestreamimports"), Entity<ImageStreamImport>());
        Assert.Equal(("image.openshift.io", "v1", "images"), Entity<Image>());
        Assert.Equal(("route.openshift.io", "v1", "routes"), Entity<Route>());
        Assert.Equal(("project.openshift.io", "v1", "projects"), Entity<Project>());
    }

    private static (string, string, string) Entity<T>()
    {
        var attribute = (KubernetesEntityAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(KubernetesEntityAttribute))!;
        return (attribute.Group, attribute.ApiVersion, attribute.PluralName);
    }
}
