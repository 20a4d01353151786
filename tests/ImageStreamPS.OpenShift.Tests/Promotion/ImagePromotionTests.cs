using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Promotion;
using ImageStreamPS.OpenShift.Tagging;

namespace ImageStreamPS.OpenShift.Tests.Promotion;

/// <summary>
/// A promotion against a scripted destination cluster: the check is what <c>oc import-image --dry-run</c>
/// sends (openshift/oc <c>pkg/cli/importimage</c>, <c>ImportImageOptions.DryRun</c>: an ImageStreamImport with
/// <c>import: false</c>), the write is <c>oc tag --source=docker</c>'s PUT, the pull secret is kubectl's
/// <c>create secret docker-registry</c>.
/// </summary>
public class ImagePromotionTests
{
    private const string D = "sha256:6778a833c99706ce33b04cfa02ae9c1d53da7a3ad5ba3e23a6e9cd1b20da0d79";
    private const string Other = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string From = "127.0.0.1:5001/staging/citas@" + D;
    private const string ImportsPath = "/apis/image.openshift.io/v1/namespaces/ns/imagestreamimports";
    private const string TagsPath = "/apis/image.openshift.io/v1/namespaces/ns/imagestreamtags/";
    private const string SecretsPath = "/api/v1/namespaces/ns/secrets";

    private static readonly PromotionSource Source = new()
    {
        Namespace = "staging", Stream = "citas", Tag = "v2", Image = D,
        PullSpec = "image-registry.openshift-image-registry.svc:5000/staging/citas@" + D,
        ImportFrom = From, ThroughClusterRegistry = true,
    };

    private static string ImportAnswer(string status) => $$$"""
        {"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","namespace":"ns"},
         "spec":{"import":false,"images":[]},"status":{"images":[{{{status}}}]}}
        """;

    private static string Imported(string digest) =>
        ImportAnswer($$$"""{"status":{"metadata":{},"status":"Success"},"image":{"metadata":{"name":"{{{digest}}}"},"dockerImageReference":"{{{From}}}"}}""");

    private static string Refused(int code, string reason, string message) =>
        ImportAnswer($$$"""{"status":{"metadata":{},"status":"Failure","message":"{{{message}}}","reason":"{{{reason}}}","code":{{{code}}}}}""");

    private static string StreamWithProdAt(string digest) => $$$"""
        {"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","namespace":"ns","resourceVersion":"7"},
         "spec":{"tags":[{"name":"prod","from":{"kind":"DockerImage","name":"{{{From}}}"},"generation":2}]},
         "status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/ns/citas",
          "tags":[{"tag":"prod","items":[{"created":"2024-02-20T12:00:00Z","dockerImageReference":"{{{From}}}","image":"{{{digest}}}","generation":2}]}]}}
        """;

    private static Func<SeenRequest, Answer> Destination(string importAnswer, string? stream = null, Func<SeenRequest, Answer?>? secrets = null) => request =>
    {
        if (request.PathAndQuery.StartsWith(SecretsPath, StringComparison.Ordinal))
            return secrets?.Invoke(request) ?? Answer.Failure(404, "NotFound", "secrets not found");
        return request switch
        {
            { Method: "POST" } when request.PathAndQuery.StartsWith(ImportsPath, StringComparison.Ordinal) => Answer.Json(201, importAnswer),
            { Method: "PUT" } when request.PathAndQuery.StartsWith(TagsPath, StringComparison.Ordinal) =>
                Answer.Json(201, """{"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas:prod","namespace":"ns"},"tag":{"name":"prod"}}"""),
            { Method: "GET" } when request.PathAndQuery.StartsWith("/apis/image.openshift.io/v1/namespaces/ns/imagestreams/citas", StringComparison.Ordinal) =>
                stream is null ? Answer.Failure(404, "NotFound") : Answer.Json(200, stream),
            { Method: "GET" } when request.PathAndQuery.StartsWith("/apis/apps/v1/namespaces/ns/deployments", StringComparison.Ordinal) =>
                Answer.Json(200, AppDeployments),
            _ => Answer.Failure(404, "NotFound"),
        };
    };

    // One Deployment whose image trigger follows citas:prod, running an older image.
    private const string AppDeployments = """
        {"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{},"items":[{"metadata":{"name":"app-citas","namespace":"ns",
          "annotations":{"image.openshift.io/triggers":"[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"citas:prod\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"app-citas\\\")].image\"}]"}},
          "spec":{"selector":{"matchLabels":{"app":"app-citas"}},"template":{"metadata":{"labels":{"app":"app-citas"}},
          "spec":{"containers":[{"name":"app-citas","image":"docker.io/josedom24/citas-backend@sha256:24ffc068a860d26e6d4d6e7f7e37e5b9d8c1e0f1a2b3c4d5e6f708192a3b4c5d"}]}}}}]}
        """;

    private static ImagePromotion Plan(ScriptedApi api, ImageImportOptions? flags = null, RegistryLogin? login = null, ImageStream? sourceStream = null,
        bool alias = false, bool reference = false) =>
        ImagePromotion.Plan(api.NewClient(), Source, sourceStream, [ImageStreamReference.ParseTag("citas:prod")],
            flags ?? new ImageImportOptions(false, false, null, null), alias, reference, "ns", login);

    [Fact]
    public async Task TheCheckIsADryRunImportByDigestThatWritesNothing()
    {
        using var api = new ScriptedApi(Destination(Imported(D)));
        var promotion = Plan(api, new ImageImportOptions(false, Insecure: true, null, null));

        await promotion.CheckAsync(promotion.Destinations[0], TestContext.Current.CancellationToken);

        var sent = JsonNode.Parse(Assert.Single(api.Requests, r => r.Method == "POST").Body)!;
        Assert.False(sent["spec"]!["import"]!.GetValue<bool>());
        Assert.Equal("citas", (string?)sent["metadata"]!["name"]);
        Assert.Equal(From, (string?)sent["spec"]!["images"]![0]!["from"]!["name"]);
        Assert.Equal("prod", (string?)sent["spec"]!["images"]![0]!["to"]!["name"]);
        Assert.True(sent["spec"]!["images"]![0]!["importPolicy"]!["insecure"]!.GetValue<bool>());
        Assert.DoesNotContain(api.Requests, r => r.Method is "PUT" or "DELETE" or "PATCH");
    }

    [Fact]
    public async Task ARefusedPullIsUnauthorizedAndSaysWhichCredentialToGive()
    {
        using var api = new ScriptedApi(Destination(Refused(401, "Unauthorized", "you may not have access to the container image \\\"127.0.0.1:5001/staging/citas\\\"")));
        var promotion = Plan(api);

        var failure = await Assert.ThrowsAsync<ImagePromotionException>(() => promotion.CheckAsync(promotion.Destinations[0], TestContext.Current.CancellationToken));

        Assert.Equal(PromotionError.ImportUnauthorized, failure.Error);
        Assert.Contains("you may not have access to the container image \"127.0.0.1:5001/staging/citas\"", failure.Message);
        Assert.Contains("-Credential", failure.Message);
        Assert.EndsWith("nothing was changed", failure.Message);
    }

    [Theory]
    [InlineData(404, "NotFound", "dockerimage.image.openshift.io \\\"127.0.0.1:5001/staging/citas\\\" not found", PromotionError.ImportNotFound)]
    [InlineData(400, "BadRequest", "the repository 127.0.0.1:5001/staging/citas is HTTP only and requires the insecure flag to import", PromotionError.ImportInsecure)]
    [InlineData(500, "InternalError", "Internal error occurred: dial tcp 127.0.0.1:5001: connect: connection refused", PromotionError.ImportFailed)]
    public async Task EachImportFailureHasItsOwnError(int code, string reason, string message, PromotionError expected)
    {
        using var api = new ScriptedApi(Destination(Refused(code, reason, message)));
        var promotion = Plan(api);

        var failure = await Assert.ThrowsAsync<ImagePromotionException>(() => promotion.CheckAsync(promotion.Destinations[0], TestContext.Current.CancellationToken));

        Assert.Equal(expected, failure.Error);
        if (expected == PromotionError.ImportInsecure) Assert.Contains("-Insecure", failure.Message);
    }

    [Fact]
    public async Task AnotherDigestThanTheSourcesIsAMismatchBeforeAnythingIsWritten()
    {
        using var api = new ScriptedApi(Destination(Imported(Other)));
        var promotion = Plan(api);

        var failure = await Assert.ThrowsAsync<ImagePromotionException>(() => promotion.CheckAsync(promotion.Destinations[0], TestContext.Current.CancellationToken));

        Assert.Equal(PromotionError.DigestMismatch, failure.Error);
        Assert.Contains($"would bring image {Other}, not {D} (the image of staging/citas:v2)", failure.Message);
        Assert.Contains("-ImportMode PreserveOriginal", failure.Message);
    }

    [Fact]
    public async Task TheWriteIsOcTagsDockerImageSourceByDigest()
    {
        using var api = new ScriptedApi(Destination(Imported(D)));
        var promotion = Plan(api);

        await promotion.SetAsync(promotion.Destinations[0], null, TestContext.Current.CancellationToken);

        var put = Assert.Single(api.Requests, r => r.Method == "PUT");
        Assert.Equal(TagsPath + "citas:prod", put.PathAndQuery);
        var tag = JsonNode.Parse(put.Body)!["tag"]!;
        Assert.Equal("DockerImage", (string?)tag["from"]!["kind"]);
        Assert.Equal(From, (string?)tag["from"]!["name"]);
        Assert.Equal($"Tag citas:prod set to {From}.", promotion.SuccessMessage(promotion.Destinations[0]));
    }

    [Fact]
    public async Task ThePreviewIsTheMovesOwnTriggerPreviewOnTheDestination()
    {
        using var api = new ScriptedApi(Destination(Imported(D), StreamWithProdAt(Other)));
        var promotion = Plan(api);

        var preview = await promotion.PreviewAsync(promotion.Destinations[0], TestContext.Current.CancellationToken);

        Assert.Equal(From, preview.NextImage);
        var triggered = Assert.Single(preview.Triggered);
        Assert.Equal(("app-citas", "app-citas", From), (triggered.Deployment, triggered.Container, triggered.NextImage));
        Assert.DoesNotContain(api.Requests, r => r.Method is "PUT" or "POST" or "DELETE");
    }

    [Fact]
    public async Task VerificationPassesWhenTheDestinationSettledOnTheSourceDigest()
    {
        using var api = new ScriptedApi(Destination(Imported(D), StreamWithProdAt(D)));
        var promotion = Plan(api);

        var settled = await promotion.VerifyAsync(promotion.Destinations[0], TestContext.Current.CancellationToken);

        Assert.Equal(D, settled.Image);
    }

    [Fact]
    public async Task VerificationFailsWhenTheDestinationSettledOnAnotherImage()
    {
        using var api = new ScriptedApi(Destination(Imported(D), StreamWithProdAt(Other)));
        var promotion = Plan(api);

        var failure = await Assert.ThrowsAsync<ImagePromotionException>(() => promotion.VerifyAsync(promotion.Destinations[0], TestContext.Current.CancellationToken));

        Assert.Equal(PromotionError.VerificationFailed, failure.Error);
        Assert.Contains($"points to image {Other}, not {D}", failure.Message);
    }

    [Fact]
    public async Task AManifestListKeptOnTheSourceIsKeptAgainOnTheDestination()
    {
        using var api = new ScriptedApi(Destination(Imported(D)));
        var sourceStream = new StreamBuilder("citas", "staging")
            .Spec("v2", "DockerImage", "quay.io/team/citas:v2", 1, t => t.ImportPolicy.ImportMode = ImportMode.PreserveOriginal)
            .Build();
        var promotion = Plan(api, sourceStream: sourceStream);
        var explicitLegacy = Plan(api, new ImageImportOptions(false, false, null, "legacy"), sourceStream: sourceStream);

        Assert.Equal(ImportMode.PreserveOriginal, promotion.Move.Options.ImportMode);
        Assert.Equal(ImportMode.Legacy, explicitLegacy.Move.Options.ImportMode);
        await Task.CompletedTask;
    }

    [Fact]
    public void AliasAndReferenceCannotReachAcrossClusters()
    {
        using var api = new ScriptedApi(Destination(Imported(D)));

        Assert.Equal(ImageTagError.InvalidOptions, Assert.Throws<ImageTagException>(() => Plan(api, alias: true)).Error);
        Assert.Equal(ImageTagError.InvalidOptions, Assert.Throws<ImageTagException>(() => Plan(api, reference: true)).Error);
    }

    [Fact]
    public async Task ALoginIsWrittenAsANewPullSecretAndUndoneByDeletingIt()
    {
        using var api = new ScriptedApi(Destination(Imported(D), secrets: request => request.Method switch
        {
            "POST" => Answer.Json(201, """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"127.0.0.1-5001-pull","namespace":"ns"}}"""),
            "DELETE" => Answer.Json(200, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"}"""),
            _ => null,
        }));
        var promotion = Plan(api, login: new RegistryLogin("promoter", "sha256~token"));

        var written = await promotion.WritePullSecretAsync("ns", TestContext.Current.CancellationToken);
        await written!.UndoAsync(TestContext.Current.CancellationToken);

        Assert.True(written.Created);
        Assert.Equal("127.0.0.1-5001-pull", promotion.PullSecretName);
        var created = JsonNode.Parse(Assert.Single(api.Requests, r => r.Method == "POST").Body)!;
        Assert.Equal("kubernetes.io/dockerconfigjson", (string?)created["type"]);
        var config = JsonNode.Parse(Convert.FromBase64String((string)created["data"]![".dockerconfigjson"]!))!;
        Assert.Equal("sha256~token", (string?)config["auths"]!["127.0.0.1:5001"]!["password"]);
        Assert.Equal(1, api.Count("DELETE", SecretsPath + "/127.0.0.1-5001-pull"));
    }

    [Fact]
    public async Task AnExistingPullSecretKeepsItsOtherRegistriesAndIsWrittenBackOnUndo()
    {
        var before = Encoding.UTF8.GetBytes("""{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}""");
        var existing = $$$"""
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"registries","namespace":"ns","resourceVersion":"5"},
             "type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"{{{Convert.ToBase64String(before)}}}"}}
            """;
        using var api = new ScriptedApi(Destination(Imported(D), secrets: request => request.Method switch
        {
            "GET" => Answer.Json(200, existing),
            "PUT" => Answer.Json(200, existing),
            _ => null,
        }));
        var promotion = ImagePromotion.Plan(api.NewClient(), Source, null, [ImageStreamReference.ParseTag("citas:prod")],
            new ImageImportOptions(false, false, null, null), false, false, "ns", new RegistryLogin("promoter", "sha256~token"), "registries");

        var written = await promotion.WritePullSecretAsync("ns", TestContext.Current.CancellationToken);
        await written!.UndoAsync(TestContext.Current.CancellationToken);

        Assert.False(written.Created);
        var puts = api.Requests.Where(r => r.Method == "PUT").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(2, puts.Count);
        var merged = JsonNode.Parse(Convert.FromBase64String((string)puts[0]["data"]![".dockerconfigjson"]!))!["auths"]!.AsObject();
        Assert.Equal(["quay.io", "127.0.0.1:5001"], merged.Select(e => e.Key));
        Assert.Equal(Convert.ToBase64String(before), (string?)puts[1]["data"]![".dockerconfigjson"]);
    }
}
