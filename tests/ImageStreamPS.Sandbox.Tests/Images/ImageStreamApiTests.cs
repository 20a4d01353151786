using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>Errors, validation and the less common paths of the image API (in-process).</summary>
public sealed class ImageStreamApiTests
{
    private const string Group = ImageSandbox.Group;
    private const string Ns = ImageSandbox.Ns;
    private static string V1 => ImageSandbox.V1;

    [Fact]
    public async Task InvalidStreamNameIs422WithTheCause()
    {
        await using var sandbox = await ImageSandbox.StartAsync();

        var error = Assert.Throws<StatusException>(() => sandbox.CreateStream("Citas"));

        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.Equal("ImageStream.image.openshift.io \"Citas\" is invalid: metadata.name: Invalid value: \"Citas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"", error.Message);
        JsonAssert.Equal(
            """{"name":"Citas","group":"image.openshift.io","kind":"ImageStream","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Citas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"","field":"metadata.name"}]}""",
            error.Details);
    }

    [Fact]
    public async Task CreatingAnExistingStreamIs409()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();

        var error = Assert.Throws<StatusException>(() => sandbox.CreateStream());

        Assert.Equal(409, error.Code);
        Assert.Equal("AlreadyExists", error.Reason);
        Assert.Equal("imagestreams.image.openshift.io \"citas\" already exists", error.Message);
    }

    [Fact]
    public async Task UpdateWithoutResourceVersionIs422AndStaleIs409()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var stream = sandbox.CreateStream();
        var stale = (JsonObject)stream.DeepClone();
        stream["metadata"]!["labels"] = new JsonObject { ["app"] = "citas" };
        sandbox.Api.Update(Group, "imagestreams", Ns, "citas", stream);
        var unversioned = (JsonObject)stream.DeepClone();
        ((JsonObject)unversioned["metadata"]!).Remove("resourceVersion");

        var missing = Assert.Throws<StatusException>(() => sandbox.Api.Update(Group, "imagestreams", Ns, "citas", unversioned));
        var conflict = Assert.Throws<StatusException>(() => sandbox.Api.Update(Group, "imagestreams", Ns, "citas", stale));

        Assert.Equal(422, missing.Code);
        Assert.Contains("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", missing.Message);
        Assert.Equal(409, conflict.Code);
        Assert.Equal("Operation cannot be fulfilled on imagestreams.image.openshift.io \"citas\": the object has been modified; please apply your changes to the latest version and try again", conflict.Message);
        Assert.Equal(1, sandbox.Stream()["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task StatusSentToTheMainEndpointIsIgnored()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var stream = sandbox.CreateStream();
        stream["status"]!["tags"] = JsonNode.Parse($$"""[{"tag":"fake","items":[{"created":"2024-01-01T00:00:00Z","dockerImageReference":"quay.io/x/y@{{V1}}","image":"{{V1}}","generation":1}]}]""");

        var updated = sandbox.Api.Update(Group, "imagestreams", Ns, "citas", stream);

        Assert.Null(updated["status"]!["tags"]);
    }

    [Fact]
    public async Task InvalidTagSourcesAre422()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var stream = ImageSandbox.Json("""
            {"metadata":{"name":"bad"},"spec":{"tags":[
              {"name":"a","from":{"kind":"Foo","name":"x"}},
              {"name":"b","from":{"kind":"DockerImage","name":"Docker.io/UPPER/case:v1"}},
              {"name":"c","from":{"kind":"ImageStreamTag","name":"citas:v1"},"importPolicy":{"scheduled":true}},
              {"name":"d","from":{"kind":"DockerImage","name":"x"},"referencePolicy":{"type":"Other"}}]}}
            """);

        var error = Assert.Throws<StatusException>(() => sandbox.Api.Create(Group, "imagestreams", Ns, stream));

        Assert.Equal(422, error.Code);
        var causes = error.Details!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>() + " " + c["message"]!.GetValue<string>()).ToList();
        Assert.Contains("spec.tags[a].from.kind Required value: valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'", causes);
        Assert.Contains("spec.tags[b].from.name Invalid value: \"Docker.io/UPPER/case:v1\": repository name must be lowercase", causes);
        Assert.Contains("spec.tags[c].importPolicy.scheduled Invalid value: true: only tags pointing to Docker repositories may be scheduled for background import", causes);
        Assert.Contains("spec.tags[d].referencePolicy.type Invalid value: \"Other\": valid values are \"Source\", \"Local\"", causes);
    }

    [Fact]
    public async Task TagFromAMissingStreamIsWrappedAsAnInternalErrorCause()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var stream = ImageSandbox.Json("""{"metadata":{"name":"cart"},"spec":{"tags":[{"name":"prod","from":{"kind":"ImageStreamTag","name":"other:prod"}}]}}""");

        var error = Assert.Throws<StatusException>(() => sandbox.Api.Create(Group, "imagestreams", Ns, stream));

        Assert.Equal(422, error.Code);
        Assert.Equal("ImageStream.image.openshift.io \"cart\" is invalid: []: Internal error: imagestreams \"cart\" is invalid: spec.tags[prod].from.name: Not found: \"other:prod\"", error.Message);
        Assert.Equal("InternalError", error.Details!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task TaggingAnUnknownImageIs422()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");

        var error = await Assert.ThrowsAsync<StatusException>(() => sandbox.TagAsync("prod", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));

        Assert.Equal(422, error.Code);
        Assert.Contains("spec.tags[prod].from.name: Invalid value: \"citas@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\": error generating tag event: imagestreamimage.image.openshift.io \"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" not found", error.Message);
    }

    [Fact]
    public async Task ImageStreamTagErrors()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        var body = ImageSandbox.Json("""{"metadata":{"name":"citas:v1"},"tag":{"name":"v1","from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"}}}""");

        var malformed = Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamtags", Ns, "citas"));
        var exists = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreamtags", Ns, body));
        var noStream = Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamtags", Ns, "nope:v1"));
        var notSpec = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.ReplaceAsync(Group, "imagestreamtags", Ns, "citas:zz",
            ImageSandbox.Json("""{"metadata":{"name":"citas:zz"},"tag":null}""")));
        var stale = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.ReplaceAsync(Group, "imagestreamtags", Ns, "citas:v1",
            ImageSandbox.Json("""{"metadata":{"name":"citas:v1","resourceVersion":"1"},"tag":{"name":"v1","from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v1"}}}""")));
        var deleteMissing = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.DeleteAsync(Group, "imagestreamtags", Ns, "citas:v9"));

        Assert.Equal((400, "ImageStreamTags must be retrieved with <name>:<tag>"), (malformed.Code, malformed.Message));
        Assert.Equal((409, "AlreadyExists", "imagestreamtag.image.openshift.io \"citas:v1\" already exists"), (exists.Code, exists.Reason, exists.Message));
        Assert.Equal((404, "imagestreamtags.image.openshift.io \"nope\" not found"), (noStream.Code, noStream.Message));
        Assert.Equal((400, "imagestreamtag zz is not a spec tag in imagestream myproject/citas, cannot be updated"), (notSpec.Code, notSpec.Message));
        Assert.Equal(409, stale.Code);
        Assert.StartsWith("Operation cannot be fulfilled on imagestreamtags.image.openshift.io \"citas:v1\": another caller has updated the resource version to ", stale.Message);
        Assert.Equal((404, "imagestreamtags.image.openshift.io \"citas:v9\" not found"), (deleteMissing.Code, deleteMissing.Message));
    }

    [Fact]
    public async Task FailedImportRecordsTheConditionAndKeepsThePreviousImage()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");

        var response = await sandbox.ImportAsync("v1", from: "docker.io/josedom24/citas-backend:v9");

        var status = response["status"]!["images"]![0]!["status"]!;
        JsonAssert.Equal(
            """{"metadata":{},"status":"Failure","message":"dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found","reason":"NotFound","details":{"name":"docker.io/josedom24/citas-backend:v9","group":"image.openshift.io","kind":"dockerimage"},"code":404}""",
            status);
        var tag = sandbox.Stream()["status"]!["tags"]![0]!;
        Assert.Equal(V1, tag["items"]![0]!["image"]!.GetValue<string>());
        var condition = tag["conditions"]![0]!;
        Assert.Equal(("ImportSuccess", "False", "NotFound"), (condition["type"]!.GetValue<string>(), condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>()));
        Assert.Equal("dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found", condition["message"]!.GetValue<string>());
        Assert.Equal(V1, sandbox.Api.Get(Group, "imagestreamtags", Ns, "citas:v1")["image"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailedFirstImportCreatesTheSpecTagWithNullItems()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();

        await sandbox.ImportAsync("v9");

        var stream = sandbox.Stream();
        Assert.Equal("docker.io/josedom24/citas-backend:v9", stream["spec"]!["tags"]![0]!["from"]!["name"]!.GetValue<string>());
        var tag = stream["status"]!["tags"]![0]!.AsObject();
        Assert.Equal(["tag", "items", "conditions"], tag.Select(p => p.Key));
        Assert.Null(tag["items"]);
        Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamtags", Ns, "citas:v9"));
    }

    [Fact]
    public async Task PreviewImportStoresNothing()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        var request = ImageSandbox.Json("""
            {"metadata":{"name":"newapp"},"spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend:v2"}}]}}
            """);

        var response = await sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns, request);

        Assert.Null(response["status"]!["import"]);
        var image = response["status"]!["images"]![0]!["image"]!;
        Assert.Equal(ImageSandbox.V2, image["metadata"]!["name"]!.GetValue<string>());
        Assert.True(image["metadata"]!.AsObject().ContainsKey("creationTimestamp"));
        Assert.Null(image["metadata"]!["creationTimestamp"]);
        Assert.Null(sandbox.Api.TryGet(Group, "imagestreams", Ns, "newapp"));
        Assert.Null(sandbox.Api.TryGet(Group, "images", null, ImageSandbox.V2));
    }

    [Fact]
    public async Task ImportCreatesAMissingStream()
    {
        await using var sandbox = await ImageSandbox.StartAsync();

        var response = await sandbox.ImportAsync("v2", stream: "fresh");

        var stream = sandbox.Stream("fresh");
        Assert.Equal(1, stream["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(1, stream["spec"]!["tags"]![0]!["generation"]!.GetValue<long>());
        Assert.Equal(ImageSandbox.V2, stream["status"]!["tags"]![0]!["items"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("fresh", response["status"]!["import"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportRequestValidation()
    {
        await using var sandbox = await ImageSandbox.StartAsync();

        var empty = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns,
            ImageSandbox.Json("""{"metadata":{"name":"citas"},"spec":{"import":true}}""")));
        var badPullSpec = await Assert.ThrowsAsync<StatusException>(() => sandbox.ImportAsync("v1", from: "docker.io/Bad/Name:v1"));
        var staleVersion = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns,
            ImageSandbox.Json("""{"metadata":{"name":"ghost","resourceVersion":"5"},"spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"a/b:c"}}]}}""")));

        Assert.Equal(422, empty.Code);
        Assert.Equal("ImageStreamImport.image.openshift.io \"citas\" is invalid: spec.images: Invalid value: \"null\": you must specify at least one image or a repository import", empty.Message);
        Assert.Equal(422, badPullSpec.Code);
        Assert.Contains("spec.images[0].from.name: Invalid value: \"docker.io/Bad/Name:v1\": repository name must be lowercase", badPullSpec.Message);
        Assert.Equal(404, staleVersion.Code);
    }

    [Fact]
    public async Task ReferenceTagsAndTrackingTagsGetStatusSynchronously()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        var stream = sandbox.Stream();
        var tags = stream["spec"]!["tags"]!.AsArray();
        tags.Add(ImageSandbox.Json("""{"name":"ext","reference":true,"from":{"kind":"DockerImage","name":"quay.io/org/app:1.0"}}"""));
        tags.Add(ImageSandbox.Json("""{"name":"current","from":{"kind":"ImageStreamTag","name":"v1"}}"""));

        var updated = sandbox.Api.Update(Group, "imagestreams", Ns, "citas", stream);

        var status = updated["status"]!["tags"]!.AsArray().ToDictionary(t => t!["tag"]!.GetValue<string>(), t => t!["items"]![0]!);
        Assert.Equal("quay.io/org/app:1.0", status["ext"]["dockerImageReference"]!.GetValue<string>());
        Assert.Equal("", status["ext"]["image"]!.GetValue<string>());
        Assert.Equal(V1, status["current"]["image"]!.GetValue<string>());
        Assert.Equal(3, status["current"]["generation"]!.GetValue<long>());
        Assert.Throws<StatusException>(() => sandbox.Api.Get(Group, "imagestreamtags", Ns, "citas:ext"));

        await sandbox.ImportAsync("v1", from: "docker.io/josedom24/citas-backend:v2");
        var tracked = sandbox.Stream()["status"]!["tags"]!.AsArray().Single(t => t!["tag"]!.GetValue<string>() == "current")!;
        Assert.Equal(ImageSandbox.V2, tracked["items"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task FieldSelectorsAndTableCells()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        sandbox.CreateStream("other");
        await sandbox.ImportAsync("v1");
        await sandbox.ImportAsync("v2");

        var selected = sandbox.Api.List(Group, "imagestreams", Ns,
            new ListOptions { FieldSelector = "status.dockerImageRepository=image-registry.openshift-image-registry.svc:5000/myproject/other" });
        var strategy = sandbox.Core.Catalog.Find(Group, "imagestreams")!.Strategy!;
        var cells = strategy.Cells(sandbox.Stream(), DateTimeOffset.UtcNow);

        Assert.Equal("other", Assert.Single(selected.Items)["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["Name", "Image Repository", "Tags", "Updated"], strategy.Columns.Select(c => c.Name));
        Assert.Equal("citas", cells[0]!.GetValue<string>());
        Assert.Equal($"{sandbox.RegistryHost}/myproject/citas", cells[1]!.GetValue<string>());
        Assert.Contains(cells[2]!.GetValue<string>(), new[] { "v1,v2", "v2,v1" });
        Assert.EndsWith(" ago", cells[3]!.GetValue<string>());
    }

    [Fact]
    public async Task ImageTagsShowSpecOnlyAndPushedTags()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");
        await sandbox.ImportAsync("v9");

        var failed = sandbox.Api.Get(Group, "imagetags", Ns, "citas:v9");
        var list = sandbox.Api.List(Group, "imagetags", Ns);
        var resource = sandbox.Core.Catalog.Find(Group, "imagetags")!.Virtual!;
        var failedCells = resource.Cells(failed, DateTimeOffset.UtcNow);
        var okCells = resource.Cells(sandbox.Api.Get(Group, "imagetags", Ns, "citas:v1"), DateTimeOffset.UtcNow);
        await sandbox.Api.DeleteAsync(Group, "imagetags", Ns, "citas:v9");

        Assert.Equal("docker.io/josedom24/citas-backend:v9", failed["spec"]!["from"]!["name"]!.GetValue<string>());
        Assert.Null(failed["status"]!["items"]);
        Assert.Null(failed["image"]);
        Assert.Equal(["citas:v1", "citas:v9"], list.Items.Select(i => i["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(list.Items, i => Assert.False(i.ContainsKey("image")));
        Assert.Equal(["citas:v9", "Tag", "ImportFailed (NotFound)"], failedCells.Take(3).Select(c => c!.GetValue<string>()));
        Assert.Equal(["citas:v1", "Tag", "image/" + V1], okCells.Take(3).Select(c => c!.GetValue<string>()));
        Assert.Equal(1, okCells[3]!.GetValue<int>());
        Assert.Null(TagOf(sandbox.Stream(), "v9"));
    }

    [Fact]
    public async Task AnImageTagDeleteWhoseUidPreconditionNamesAnotherStreamConflicts()
    {
        // imagetag/rest.go Delete: the stream's UID must match the precondition.
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        await sandbox.ImportAsync("v1");

        var error = await Assert.ThrowsAsync<StatusException>(() =>
            sandbox.Api.DeleteAsync(Group, "imagetags", Ns, "citas:v1", new DeleteOptions { PreconditionUid = "not-this-stream" }));

        Assert.Equal((409, "Operation cannot be fulfilled on imagetags.image.openshift.io \"citas:v1\": the UID precondition was not met"), (error.Code, error.Message));
        Assert.NotNull(TagOf(sandbox.Stream(), "v1"));
    }

    [Fact]
    public async Task DigestWithoutATargetTagIsReportedButNotStored()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        sandbox.CreateStream();
        var request = ImageSandbox.Json("""
            {"metadata":{"name":"citas"},"spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"docker.io/josedom24/citas-backend@@ID"}}]}}
            """.Replace("@ID", V1));

        var response = await sandbox.Api.CreateAsync(Group, "imagestreamimports", Ns, request);

        Assert.Equal("Success", response["status"]!["images"]![0]!["status"]!["status"]!.GetValue<string>());
        Assert.Equal($"docker.io/josedom24/citas-backend@{V1}", response["status"]!["images"]![0]!["image"]!["dockerImageReference"]!.GetValue<string>());
        Assert.Null(response["status"]!["images"]![0]!["tag"]);
        Assert.Null(sandbox.Api.TryGet(Group, "images", null, V1));
        Assert.Null(sandbox.Stream()["spec"]!["tags"]);
    }

    private static JsonNode? TagOf(JsonObject stream, string tag) =>
        (stream["spec"]?["tags"] as JsonArray)?.FirstOrDefault(t => t?["name"]?.GetValue<string>() == tag);

    // The update handler checks the body's name against the URL for every resource, virtual ones included
    // (apiserver endpoints/handlers update.go checkName), before openshift-apiserver's ImageStreamTag REST runs.
    [Fact]
    public async Task AnImageStreamTagPutWhoseBodyNamesAnotherTagIs400AndChangesNothing()
    {
        await using var sandbox = await ImageSandbox.StartAsync();
        await sandbox.ImportAsync("v1");
        var before = sandbox.Stream();
        var body = ImageSandbox.Json("""{"metadata":{"name":"citas:v2"},"tag":{"name":"v2","from":{"kind":"DockerImage","name":"quay.io/x/y:v2"}}}""");

        var error = await Assert.ThrowsAsync<StatusException>(() => sandbox.Api.ReplaceAsync(Group, "imagestreamtags", Ns, "citas:v1", body));

        Assert.Equal((400, "the name of the object (citas:v2) does not match the name on the URL (citas:v1)"), (error.Code, error.Message));
        Assert.Equal(before.ToJsonString(), sandbox.Stream().ToJsonString());
    }
}
