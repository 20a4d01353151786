using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api.Schemas;
using ImageStreamPS.Sandbox.Tests.Http;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// fieldValidation=Strict|Warn|Ignore as k8s.io/apiserver's handlers implement it (create.go/update.go:
/// transformDecodeError; patch.go: applyPatchToObject's field.Invalid on "patch"; rest.go fieldValidation:
/// absent = Warn), driven by the generated schemas.
/// </summary>
public sealed class FieldValidationTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string Streams = "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams";

    private static string Stream(string name, string tagField = "from") => $$$"""
        {"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"{{{name}}}"},
         "spec":{"tags":[{"name":"v1","{{{tagField}}}":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"}}]}}
        """;

    private async Task<(int Status, JsonNode? Body, string[] Warnings)> Send(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToArray() : [];
        return ((int)response.StatusCode, JsonNode.Parse(text), warnings);
    }

    [Fact]
    public async Task StrictRejectsAMisspelledTagSourceWithTheStrictDecodingError()
    {
        var (status, body, _) = await Send(HttpMethod.Post, Streams + "?fieldValidation=Strict", Stream("fv-strict", "form"));
        Assert.Equal(400, status);
        Assert.Equal("BadRequest", body!["reason"]!.GetValue<string>());
        Assert.Equal("ImageStream in version \"v1\" cannot be handled as a ImageStream: strict decoding error: unknown field \"spec.tags[0].form\"",
            body["message"]!.GetValue<string>());
        var (notFound, _) = await sandbox.Get(Streams + "/fv-strict");
        Assert.Equal(404, notFound);
    }

    [Fact]
    public async Task WarnIsTheDefaultAndDropsTheUnknownFieldAsTheTypedDecoderDoes()
    {
        var (status, body, warnings) = await Send(HttpMethod.Post, Streams, Stream("fv-warn", "form"));
        Assert.Equal(201, status);
        Assert.Equal(["299 - \"unknown field \\\"spec.tags[0].form\\\"\""], warnings);
        // The typed decoder keeps the tag and drops "form" (the rest is TagReference's Go wire form: generation null, policies).
        var tag = body!["spec"]!["tags"]![0]!.AsObject();
        Assert.Equal("v1", tag["name"]!.GetValue<string>());
        Assert.False(tag.ContainsKey("form"));
        Assert.Null(tag["from"]);
    }

    [Fact]
    public async Task IgnoreSaysNothing()
    {
        var (status, _, warnings) = await Send(HttpMethod.Post, Streams + "?fieldValidation=Ignore", Stream("fv-ignore", "form"));
        Assert.Equal(201, status);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task DuplicateFieldsAreStrictErrorsAndTheLastValueWinsOtherwise()
    {
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fv-a","name":"fv-dup"},"data":{"a":"1"}}""";
        var (status, error, _) = await Send(HttpMethod.Post, "/api/v1/namespaces/myproject/configmaps?fieldValidation=Strict", body);
        Assert.Equal(400, status);
        Assert.EndsWith("strict decoding error: duplicate field \"metadata.name\"", error!["message"]!.GetValue<string>());
        var (created, obj, warnings) = await Send(HttpMethod.Post, "/api/v1/namespaces/myproject/configmaps", body);
        Assert.Equal(201, created);
        Assert.Equal("fv-dup", obj!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["299 - \"duplicate field \\\"metadata.name\\\"\""], warnings);
    }

    [Fact]
    public async Task StrictOnUpdateAndPatch()
    {
        Assert.Equal(201, (await Send(HttpMethod.Post, Streams, Stream("fv-update"))).Status);
        var (_, current) = await sandbox.Get(Streams + "/fv-update");
        current!["spec"]!["tagz"] = new JsonArray();
        var (status, body, _) = await Send(HttpMethod.Put, Streams + "/fv-update?fieldValidation=Strict", current.ToJsonString());
        Assert.Equal(400, status);
        Assert.EndsWith("strict decoding error: unknown field \"spec.tagz\"", body!["message"]!.GetValue<string>());

        // patch.go: a strategic merge patch's strict errors are field.Invalid(patch, <the patch as Go prints it>, ...) (422).
        (status, body, _) = await Send(HttpMethod.Patch, Streams + "/fv-update?fieldValidation=Strict",
            """{"spec":{"tags":[{"name":"v1","form":{"kind":"DockerImage"}}]}}""", "application/strategic-merge-patch+json");
        Assert.Equal(422, status);
        Assert.Equal(" \"\" is invalid: patch: Invalid value: \"map[spec:map[tags:[map[form:map[kind:DockerImage] name:v1]]]]\": strict decoding error: unknown field \"spec.tags[0].form\"",
            body!["message"]!.GetValue<string>());
        Assert.Equal("patch", body["details"]!["causes"]![0]!["field"]!.GetValue<string>());

        (status, _, var warnings) = await Send(HttpMethod.Patch, Streams + "/fv-update", """{"spec":{"extra":1}}""", "application/merge-patch+json");
        Assert.Equal(200, status);
        Assert.Equal(["299 - \"unknown field \\\"spec.extra\\\"\""], warnings);
    }

    [Fact]
    public async Task AnUnknownDirectiveIsInvalidPatchOptions()
    {
        var (status, body, _) = await Send(HttpMethod.Patch, Streams + "/none?fieldValidation=Loose", "{}", "application/merge-patch+json");
        Assert.Equal(422, status);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loose\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            body!["message"]!.GetValue<string>());
    }

    // apimachinery meta/v1/validation ValidateFieldValidation (NotSupported over sets.NewString("", Ignore, Warn, Strict).List()),
    // reached from ValidateCreateOptions/ValidateUpdateOptions before the body is read: nothing is written.
    [Theory]
    [InlineData("POST", "", "CreateOptions")]
    [InlineData("PUT", "/fv-bogus", "UpdateOptions")]
    public async Task FieldValidationBogusIsInvalidOptionsAndWritesNothing(string method, string name, string options)
    {
        var (status, body, _) = await Send(new HttpMethod(method), Streams + name + "?fieldValidation=Bogus", Stream("fv-bogus"));
        Assert.Equal(422, status);
        Assert.Equal("Invalid", body!["reason"]!.GetValue<string>());
        Assert.Equal($"{options}.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Bogus\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            body["message"]!.GetValue<string>());
        Assert.Equal(("meta.k8s.io", options), (body["details"]!["group"]!.GetValue<string>(), body["details"]!["kind"]!.GetValue<string>()));
        Assert.Equal(("FieldValueNotSupported", "fieldValidation"),
            (body["details"]!["causes"]![0]!["reason"]!.GetValue<string>(), body["details"]!["causes"]![0]!["field"]!.GetValue<string>()));
        var (notFound, _) = await sandbox.Get(Streams + "/fv-bogus");
        Assert.Equal(404, notFound);
    }

    [Fact]
    public async Task TheFirstFieldValidationValueIsTheOneThatCountsAsTheParameterCodecReadsIt()
    {
        var (status, _, _) = await Send(HttpMethod.Post, Streams + "?fieldValidation=Ignore&fieldValidation=Bogus", Stream("fv-first", "form"));
        Assert.Equal(201, status);
    }

    [Fact]
    public void DuplicatePathsNameArrayItemsAndNestedKeys()
    {
        Assert.Equal(["spec.tags[1].name", "a"],
            DuplicateFields.Find("""{"a":1,"spec":{"tags":[{"name":"x"},{"name":"y","name":"z"}]},"a":2}"""));
        Assert.Empty(DuplicateFields.Find("""{"a":[1,2,{"b":1}],"b":{"a":1}}"""));
    }
}
