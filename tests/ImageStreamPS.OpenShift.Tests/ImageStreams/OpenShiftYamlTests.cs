using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

public sealed class OpenShiftYamlTests
{
    [Theory]
    // (The after-trigger capture is left out: its author replaced a digest by hand with words,
    // which go-yaml would have folded.)
    [InlineData("deployment-bysnupy-parksmap-before-trigger.yaml")]
    [InlineData("imagestream-ci-ansible-runner.yaml")]
    public void Rewrites_real_oc_get_yaml_output_byte_for_byte(string fixture)
    {
        var original = Fixture.Read(fixture).Replace("\r\n", "\n");
        var objects = OpenShiftYaml.ReadObjects(original);

        var written = OpenShiftYaml.Serialize(objects.Single());

        Assert.Equal(original.TrimEnd('\n') + "\n", written);
    }

    [Fact]
    public void Quotes_strings_that_would_read_as_other_types_and_only_those()
    {
        var json = new JsonObject
        {
            ["version"] = "123",
            ["flag"] = "true",
            ["empty"] = "",
            ["time"] = "2024-02-20T10:00:00Z",
            ["plain"] = "docker.io/josedom24/citas-backend:v1",
            ["colon"] = "a: b",
            ["number"] = 5,
            ["nothing"] = null,
            ["list"] = new JsonArray("x"),
        };

        var yaml = OpenShiftYaml.Serialize(json);

        Assert.Equal(
            "colon: 'a: b'\nempty: \"\"\nflag: \"true\"\nlist:\n- x\nnothing: null\nnumber: 5\nplain: docker.io/josedom24/citas-backend:v1\ntime: \"2024-02-20T10:00:00Z\"\nversion: \"123\"\n",
            yaml);
    }

    [Fact]
    public void Several_objects_become_a_List_like_oc_get()
    {
        var yaml = OpenShiftYaml.SerializeList([new JsonObject { ["kind"] = "ImageStream" }, new JsonObject { ["kind"] = "ImageStream" }]);

        Assert.Equal("apiVersion: v1\nitems:\n- kind: ImageStream\n- kind: ImageStream\nkind: List\nmetadata:\n  resourceVersion: \"\"\n", yaml);
    }

    [Fact]
    public void Reads_lists_and_multiple_documents_in_order()
    {
        var objects = OpenShiftYaml.ReadObjects("kind: List\napiVersion: v1\nitems:\n- kind: ImageStream\n  metadata: {name: a}\n---\nkind: ImageStream\nmetadata:\n  name: b\n");

        Assert.Equal(["a", "b"], objects.Select(o => o["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void A_stream_round_trips_through_yaml_with_its_spec_tags()
    {
        var stream = OpenShiftYaml.ToObject<ImageStream>(OpenShiftYaml.ReadObjects(Fixture.Read("imagestream-ci-ansible-runner.yaml")).Single());

        var again = OpenShiftYaml.ToObject<ImageStream>(OpenShiftYaml.ReadObjects(OpenShiftYaml.Serialize(stream)).Single());

        Assert.Equal(stream.Spec.Tags!.Select(t => t.From?.Name), again.Spec.Tags!.Select(t => t.From?.Name));
        Assert.Equal(stream.Status.Tags!.Single().Conditions!.Single().Message, again.Status.Tags!.Single().Conditions!.Single().Message);
    }
}
