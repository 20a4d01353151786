using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;
using k8s;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

public sealed class ImageStreamRequestTests
{
    private static JsonNode Json(object o) => JsonNode.Parse(KubernetesJson.Serialize(o))!;

    private static ImageStream Citas()
    {
        var stream = OpenShiftYaml.ToObject<ImageStream>(JsonNode.Parse("""
        {"kind":"ImageStream","apiVersion":"image.openshift.io/v1",
         "metadata":{"name":"citas","namespace":"ns","resourceVersion":"42","generation":3},
         "spec":{"lookupPolicy":{"local":false},"tags":[
           {"name":"latest","annotations":null,"from":{"kind":"ImageStreamTag","name":"v2"},"generation":3,"importPolicy":{},"referencePolicy":{"type":"Source"}},
           {"name":"prod","annotations":null,"from":{"kind":"ImageStreamImage","name":"citas@sha256:42b6"},"generation":3,"importPolicy":{},"referencePolicy":{"type":"Source"}},
           {"name":"v1","annotations":null,"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"},"generation":2,"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}},
           {"name":"v2","annotations":null,"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v2"},"generation":3,"importPolicy":{"scheduled":true,"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}]},
         "status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/ns/citas","tags":[
           {"tag":"v1","items":[{"created":"2024-02-20T10:00:00Z","dockerImageReference":"docker.io/josedom24/citas-backend@sha256:42b6ff","image":"sha256:42b6ff","generation":2}]},
           {"tag":"v2","items":[{"created":"2024-02-20T10:01:00Z","dockerImageReference":"docker.io/josedom24/citas-backend@sha256:eae3f6","image":"sha256:eae3f6","generation":3}]}]}}
        """)!.AsObject());
        return stream;
    }

    [Fact]
    public void Import_of_a_new_tag_is_the_body_oc_import_image_posts()
    {
        var request = ImageStreamImportRequest.ForTag("ns", "citas", "v3", Citas(), "docker.io/josedom24/citas-backend:v3", new(false, false, null, null));

        var expected = JsonNode.Parse("""
        {"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",
         "metadata":{"name":"citas","namespace":"ns","resourceVersion":"42"},
         "spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v3"},"to":{"name":"v3"},
                 "importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":""}}]},
         "status":{}}
        """);
        Assert.True(JsonNode.DeepEquals(expected, Json(request)), Json(request).ToJsonString());
    }

    [Fact]
    public void Reimport_follows_an_alias_and_keeps_the_tags_own_source_and_flags()
    {
        var request = ImageStreamImportRequest.ForTag("ns", "citas", "latest", Citas(), null, new(false, false, null, null));

        var image = request.Spec.Images!.Single();
        Assert.Equal("v2", image.To!.Name);
        Assert.Equal("docker.io/josedom24/citas-backend:v2", image.From.Name);
        Assert.True(image.ImportPolicy.Scheduled);
    }

    [Theory]
    [InlineData("v1", "docker.io/other:v1", "the tag \"v1\" points to \"docker.io/josedom24/citas-backend:v1\" - use Set-ImageTag if you want to change the source to \"docker.io/other:v1\"")]
    [InlineData("prod", null, "tag \"prod\" points to existing ImageStreamImage \"citas@sha256:42b6\", it cannot be re-imported")]
    [InlineData("v9", null, "the tag \"v9\" does not exist on the image stream - choose an existing tag to import or use Set-ImageTag to create a new tag")]
    public void Imports_oc_refuses_are_refused_with_its_message(string tag, string? from, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageStreamImportRequest.ForTag("ns", "citas", tag, Citas(), from, new(false, false, null, null)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Import_of_a_whole_repository_drops_the_tag()
    {
        var request = ImageStreamImportRequest.ForRepository("ns", "citas", null, "docker.io/josedom24/citas-backend:v1", new(false, true, "Local", null));

        Assert.Null(request.Spec.Images);
        Assert.Equal("docker.io/josedom24/citas-backend", request.Spec.Repository!.From.Name);
        Assert.True(request.Spec.Repository.ImportPolicy.Insecure);
        Assert.Equal("Local", request.Spec.Repository.ReferencePolicy.Type);
        Assert.Null(request.Metadata.ResourceVersion);
    }

    [Fact]
    public void Tags_column_cuts_like_oc_get_is()
    {
        var stream = new ImageStream();
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        stream.Status.Tags = new[] { "2.4", "2.4-el7", "2.4-el8", "2.4-ubi8", "2.4-ubi9", "latest" }
            .Select(t => new NamedTagEventList { Tag = t, Items = [new TagEvent { Created = created, DockerImageReference = "x", Image = "sha256:1" }] })
            .ToList();

        Assert.Equal("2.4,2.4-el7,2.4-el8,2.4-ubi8,2.4-ubi9 + 1 more...", ImageStreamTable.TagsColumn(stream));
    }

    [Fact]
    public void Tags_column_keeps_a_long_tag_that_overflows_by_less_than_the_margin_like_oc()
    {
        var first = new string('a', 25);
        var second = new string('b', 20);

        // 26 + 21 characters overflow 40 by 7, within oc's 10-character margin, so the second tag stays.
        Assert.Equal($"{first},{second} + 1 more...", ImageStreamTable.TagsUpToWidth([first, second, "x"]));
        Assert.Equal("a,b", ImageStreamTable.TagsUpToWidth(["a", "b"]));
    }

    [Fact]
    public void Views_merge_spec_only_and_status_tags_with_their_modes()
    {
        var view = new ImageStreamView(Citas());

        Assert.Equal(4, view.TagCount);
        Assert.Equal(2, view.UniqueImageCount);
        Assert.Equal("Alias", view.FindTag("latest")!.Mode);
        Assert.Equal("Scheduled", view.FindTag("v2")!.Mode);
        Assert.Equal("", view.FindTag("prod")!.Image);
        Assert.True(view.FindTag("prod")!.ImportPending);
        Assert.Equal("docker.io/josedom24/citas-backend@sha256:42b6ff", view.FindTag("v1")!.PullSpec);
    }

    [Fact]
    public void Manifest_for_create_drops_server_fields_and_resolves_own_history()
    {
        var stream = Citas();
        stream.Spec.Tags![1].From!.Name = "citas@sha256:42b6ff";
        var yaml = OpenShiftYaml.Serialize(stream);

        var created = ImageStreamManifest.Read(yaml).Single().Stream!;

        Assert.Null(created.Metadata.ResourceVersion);
        Assert.Null(created.Status.Tags);
        var prod = created.Spec.Tags!.Single(t => t.Name == "prod");
        Assert.Equal(TagSourceKind.DockerImage, prod.From!.Kind);
        Assert.Equal("docker.io/josedom24/citas-backend@sha256:42b6ff", prod.From.Name);
        Assert.All(created.Spec.Tags!, t => Assert.Null(t.Generation));
    }

    [Fact]
    public void Trigger_preview_names_the_container_that_would_change()
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas",
                NamespaceProperty = "ns",
                Annotations = new Dictionary<string, string>
                {
                    ["image.openshift.io/triggers"] = """[{"from":{"kind":"ImageStreamTag","name":"citas:prod","namespace":"ns"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image"}]""",
                },
            },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = "docker.io/josedom24/citas-backend@sha256:42b6ff" }] } },
            },
        };

        var fired = ImageTriggerPreview.Triggered(deployment, "ns", "citas:prod", "docker.io/josedom24/citas-backend@sha256:eae3f6").Single();
        var same = ImageTriggerPreview.Triggered(deployment, "ns", "citas:prod", "docker.io/josedom24/citas-backend@sha256:42b6ff");
        var other = ImageTriggerPreview.Triggered(deployment, "ns", "citas:latest", "docker.io/josedom24/citas-backend@sha256:eae3f6");

        Assert.Equal(("app-citas", "citas", "docker.io/josedom24/citas-backend@sha256:42b6ff"), (fired.Deployment, fired.Container, fired.CurrentImage));
        Assert.Empty(same);
        Assert.Empty(other);
    }

    [Fact]
    public void Trigger_preview_names_nothing_when_the_controller_could_not_apply_the_annotation()
    {
        // A trigger whose container does not exist voids the whole update, as OpenShift's controller does.
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = "app-citas",
                NamespaceProperty = "ns",
                Annotations = new Dictionary<string, string>
                {
                    ["image.openshift.io/triggers"] = """[{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name==\"citas\")].image"},{"from":{"kind":"ImageStreamTag","name":"citas:prod"},"fieldPath":"spec.template.spec.containers[?(@.name==\"gone\")].image"}]""",
                },
            },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "citas", Image = "docker.io/josedom24/citas-backend@sha256:42b6ff" }] } },
            },
        };

        Assert.Empty(ImageTriggerPreview.Triggered(deployment, "ns", "citas:prod", "docker.io/josedom24/citas-backend@sha256:eae3f6"));
    }
}
