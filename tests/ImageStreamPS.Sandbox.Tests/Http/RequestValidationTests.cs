namespace ImageStreamPS.Sandbox.Tests.Http;

/// <summary>
/// Requests kube-apiserver and openshift-apiserver refuse before anything is stored: bodies that do not decode
/// into the kind's Go type, write options, list resourceVersions and names that disagree with the URL.
/// Each answer is the upstream one, and nothing is written.
/// </summary>
public sealed class RequestValidationTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private const string Streams = "/apis/image.openshift.io/v1/namespaces/myproject/imagestreams";
    private const string ConfigMaps = "/api/v1/namespaces/myproject/configmaps";

    // The body is decoded into the kind's type before any strategy runs; a mismatch is 400 BadRequest
    // "<Kind> in version "v1" cannot be handled as a <Kind>: json: ..." (apiserver endpoints/handlers transformDecodeError).
    [Theory]
    [InlineData(Streams, """{"metadata":{"name":"t1"},"spec":"x"}""", "ImageStream", "spec")]
    [InlineData(Streams, """{"metadata":{"name":"t2"},"spec":{"tags":{}}}""", "ImageStream", "spec.tags")]
    [InlineData(Streams, """{"metadata":{"name":"t3"},"spec":{"tags":[{"name":"v1","from":"x"}]}}""", "ImageStream", "spec.tags[0].from")]
    [InlineData(Streams, """{"metadata":{"name":"t4"},"spec":{"lookupPolicy":"x"}}""", "ImageStream", "spec.lookupPolicy")]
    [InlineData("/apis/apps/v1/namespaces/myproject/deployments",
        """{"metadata":{"name":"t5"},"spec":{"replicas":"x","selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""",
        "Deployment", "spec.replicas")]
    [InlineData("/api/v1/namespaces/myproject/secrets", """{"metadata":{"name":"t6"},"data":{"a":"!!not base64"}}""", "Secret", "data.a")]
    public async Task ABodyOfTheWrongShapeIs400AndNothingIsStored(string path, string body, string kind, string field)
    {
        var (status, error) = await sandbox.Send(HttpMethod.Post, path, body);

        Assert.Equal((400, "BadRequest"), (status, error!["reason"]!.GetValue<string>()));
        var message = error["message"]!.GetValue<string>();
        Assert.StartsWith($"{kind} in version \"v1\" cannot be handled as a {kind}: json: cannot unmarshal ", message);
        Assert.EndsWith($"into Go struct field {kind}.{field}", message);
        Assert.Equal(404, (await sandbox.Get($"{path}/{Name(body)}")).Status);
    }

    [Theory]
    [InlineData("""{"data":{"a":5}}""", "number")]
    [InlineData("""{"data":{"a":[1]}}""", "array")]
    public async Task AMergePatchThatTurnsConfigMapDataIntoAnotherTypeIs400(string patch, string what)
    {
        var created = (await sandbox.Send(HttpMethod.Post, ConfigMaps, """{"metadata":{"name":"typed-data"},"data":{"a":"b"}}""")).Status;
        Assert.True(created is 201 or 409, $"create answered {created}"); // the second case finds the first one's

        var (status, error) = await sandbox.Send(HttpMethod.Patch, ConfigMaps + "/typed-data", patch, "application/merge-patch+json");

        Assert.Equal((400, "BadRequest"), (status, error!["reason"]!.GetValue<string>()));
        Assert.Equal($"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal {what} into Go struct field ConfigMap.data.a",
            error["message"]!.GetValue<string>());
        Assert.Equal("b", (await sandbox.Get(ConfigMaps + "/typed-data")).Body!["data"]!["a"]!.GetValue<string>());
    }

    // apimachinery ValidateCreateOptions/ValidateUpdateOptions/ValidatePatchOptions -> ValidateFieldManager:
    // at most FieldManagerMaxLength (128) bytes, printable characters only; 422 on the options kind.
    [Fact]
    public async Task AFieldManagerOver128BytesIs422OnTheCreateOptions()
    {
        var (status, error) = await sandbox.Send(HttpMethod.Post, $"{ConfigMaps}?fieldManager={new string('m', 129)}", """{"metadata":{"name":"fm"}}""");

        Assert.Equal((422, "Invalid"), (status, error!["reason"]!.GetValue<string>()));
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes", error["message"]!.GetValue<string>());
        Assert.Equal(("FieldValueTooLong", "fieldManager"),
            (error["details"]!["causes"]![0]!["reason"]!.GetValue<string>(), error["details"]!["causes"]![0]!["field"]!.GetValue<string>()));
        Assert.Equal(404, (await sandbox.Get(ConfigMaps + "/fm")).Status);
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{ConfigMaps}?fieldManager={new string('m', 128)}", """{"metadata":{"name":"fm"}}""")).Status);
    }

    [Fact]
    public async Task AFieldManagerWithAControlCharacterIs422OnThePatchOptions()
    {
        var (status, error) = await sandbox.Send(HttpMethod.Patch, $"{ConfigMaps}/none?fieldManager=a%07b", "{}", "application/merge-patch+json");

        Assert.Equal((422, "Invalid"), (status, error!["reason"]!.GetValue<string>()));
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Invalid value: \"a\\ab\": invalid character U+0007 (at position 1)",
            error["message"]!.GetValue<string>());
    }

    // etcd3 store GetList: APIObjectVersioner.ParseResourceVersion fails -> 400 "invalid resource version: ...".
    [Theory]
    [InlineData("abc", "invalid syntax")]
    [InlineData("-1", "invalid syntax")]
    [InlineData("99999999999999999999", "value out of range")]
    public async Task AListFromAResourceVersionThatIsNoNumberIs400(string resourceVersion, string detail)
    {
        var (status, error) = await sandbox.Get($"{ConfigMaps}?resourceVersion={resourceVersion}");

        Assert.Equal((400, "BadRequest"), (status, error!["reason"]!.GetValue<string>()));
        Assert.Equal($"invalid resource version: resourceVersion: Invalid value: \"{resourceVersion}\": strconv.ParseUint: parsing \"{resourceVersion}\": {detail}",
            error["message"]!.GetValue<string>());
        Assert.Equal(200, (await sandbox.Get($"{ConfigMaps}?resourceVersion=0")).Status);
    }

    private static string Name(string body) => System.Text.Json.Nodes.JsonNode.Parse(body)!["metadata"]!["name"]!.GetValue<string>();
}
