using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;
using ImageStreamPS.OpenShift.Tests.Api;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Tagging;

/// <summary>
/// The tag move as openshift/oc <c>pkg/cli/tag/tag.go</c> (<c>TagOptions.Run</c>) makes it: the source read
/// once, then per destination a PUT without a precondition inside client-go's
/// <c>retry.RetryOnConflict(retry.DefaultRetry, …)</c>.
/// </summary>
public class ImageTagMoveTests
{
    private const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";
    private const string StreamPath = "/apis/image.openshift.io/v1/namespaces/ns/imagestreams/citas";
    private const string TagsPath = "/apis/image.openshift.io/v1/namespaces/ns/imagestreamtags/";

    private static string TagAnswer(string name) =>
        $$$"""{"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{{name}}}","namespace":"ns"},"tag":{"name":"x"}}""";

    private static Func<SeenRequest, Answer> Server(Func<int, Answer>? put = null)
    {
        var puts = 0;
        return request => request switch
        {
            { Method: "GET" } when request.PathAndQuery.StartsWith(StreamPath, StringComparison.Ordinal) => Answer.Json(200, GoldenShapes.TutorialImageStream),
            { Method: "PUT" } when request.PathAndQuery.StartsWith(TagsPath, StringComparison.Ordinal) =>
                put?.Invoke(Interlocked.Increment(ref puts)) ?? Answer.Json(201, TagAnswer(request.PathAndQuery[TagsPath.Length..])),
            { Method: "GET" } when request.PathAndQuery.StartsWith("/apis/apps/v1/namespaces/ns/deployments", StringComparison.Ordinal) =>
                Answer.Json(200, """{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{},"items":[]}"""),
            _ => Answer.Failure(404, "NotFound"),
        };
    }

    private static ImageTagMove Plan(ScriptedApi api, string source, string[] destinations, ImageStream? sourceStream = null) =>
        ImageTagMove.Plan(new ImageStreamClient(api.NewClient()), TagSource.Classify(source, null, "ns"),
            destinations.Select(ImageStreamReference.ParseTag).ToList(), new TagOptions(), "ns", sourceStream);

    [Fact]
    public async Task ReadsTheSourceOnceAndSendsEveryDestinationWithoutAPrecondition()
    {
        using var api = new ScriptedApi(Server());
        var move = Plan(api, "citas:v2", ["citas:latest", "citas:prod"]);

        await move.ResolveAsync(TestContext.Current.CancellationToken);
        foreach (var destination in move.Destinations) await move.SetAsync(destination, null, TestContext.Current.CancellationToken);

        Assert.Equal(1, api.Count("GET", StreamPath));
        var puts = api.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal([TagsPath + "citas:latest", TagsPath + "citas:prod"], puts.Select(p => p.PathAndQuery));
        foreach (var put in puts)
        {
            var body = JsonNode.Parse(put.Body)!;
            // oc sends none: two destinations in one stream, or parallel callers, cannot refuse each other.
            Assert.Null(body["metadata"]?["resourceVersion"]);
            Assert.Equal("citas@" + V2, (string?)body["tag"]?["from"]?["name"]);
        }
    }

    [Fact]
    public async Task APipedStreamIsTaggedAsReadWithoutAnotherRead()
    {
        using var api = new ScriptedApi(Server());
        var asRead = KubernetesJson.Deserialize<ImageStream>(GoldenShapes.TutorialImageStream);
        var move = Plan(api, "ns/citas:v2", ["citas:prod"], asRead);

        var resolved = await move.ResolveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TagSourceKind.ImageStreamImage, resolved.Kind);
        Assert.Equal(0, api.Count("GET", StreamPath));
    }

    [Fact]
    public async Task SendsAConflictingWriteAgainUntilItLands()
    {
        using var api = new ScriptedApi(Server(n => n <= 2 ? Answer.Failure(409, "Conflict", "the object has been modified") : null!));
        var move = Plan(api, "citas:v2", ["citas:prod"]);
        await move.ResolveAsync(TestContext.Current.CancellationToken);
        var retries = new List<int>();

        await move.SetAsync(move.Destinations[0], retries.Add, TestContext.Current.CancellationToken);

        Assert.Equal(3, api.Count("PUT", TagsPath));
        Assert.Equal([1, 2], retries);
        Assert.Same(Backoff.Contended, ImageTagMove.ConflictBackoff);
        // Conflicts are retried with the body as built; the source is not read again (oc resolves it once).
        Assert.Equal(1, api.Count("GET", StreamPath));
    }

    [Fact]
    public async Task GivesUpAfterTheAttemptsOfItsBackoff()
    {
        using var api = new ScriptedApi(Server(_ => Answer.Failure(409, "Conflict", "the object has been modified")));
        var move = Plan(api, "citas:v2", ["citas:prod"]);
        await move.ResolveAsync(TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => move.SetAsync(move.Destinations[0], null, TestContext.Current.CancellationToken));

        Assert.Equal("Conflict", failure.Reason);
        Assert.Equal(ImageTagMove.ConflictBackoff.Steps, api.Count("PUT", TagsPath));
    }

    [Fact]
    public async Task OtherFailuresAreNotRetried()
    {
        using var api = new ScriptedApi(Server(_ => Answer.Failure(403, "Forbidden", "no")));
        var move = Plan(api, "citas:v2", ["citas:prod"]);
        await move.ResolveAsync(TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => move.SetAsync(move.Destinations[0], null, TestContext.Current.CancellationToken));

        Assert.Equal("Forbidden", failure.Reason);
        Assert.Equal(1, api.Count("PUT", TagsPath));
    }

    [Fact]
    public async Task ASourceTagWithoutAnImageIsRefusedWithOcsMessage()
    {
        using var api = new ScriptedApi(Server());
        var move = Plan(api, "citas:v9", ["citas:prod"]);

        var failure = await Assert.ThrowsAsync<ImageTagException>(() => move.ResolveAsync(TestContext.Current.CancellationToken));

        Assert.Equal(ImageTagError.SourceHasNoImage, failure.Error);
        Assert.Equal("\"citas:v9\" is not currently pointing to an image, cannot use it as the source of a tag", failure.Message);
    }

    [Fact]
    public async Task PreviewNamesTheImageTheTagWouldPointToAndWritesNothing()
    {
        using var api = new ScriptedApi(Server());
        var move = Plan(api, "citas:v2", ["citas:prod"]);
        await move.ResolveAsync(TestContext.Current.CancellationToken);

        var preview = await move.PreviewAsync(move.Destinations[0], TestContext.Current.CancellationToken);

        Assert.Equal("docker.io/josedom24/citas-backend@" + V2, preview.NextImage);
        Assert.Empty(preview.Triggered);
        Assert.Equal(["  no Deployment triggers on citas:prod would fire"], preview.Lines(move.Resolved.Exact));
        Assert.Equal(0, api.Count("PUT", TagsPath));
    }

    [Fact]
    public void PlanChecksTheOptionsAsOcValidateDoes()
    {
        using var api = new ScriptedApi(Server());
        var failure = Assert.Throws<ImageTagException>(() => ImageTagMove.Plan(
            new ImageStreamClient(api.NewClient()), TagSource.Classify("citas:v2", null, "ns"), [ImageStreamReference.ParseTag("other:prod")],
            new TagOptions { Alias = true }, "ns"));
        Assert.Equal("cannot set alias across different Image Streams", failure.Message);
    }
}

/// <summary>client-go's <c>wait.Backoff</c> and <c>wait.Jitter</c> (k8s.io/apimachinery/pkg/util/wait), and the shared import flags.</summary>
public class BackoffTests
{
    [Fact]
    public void DefaultBackoffWaitsTenFiftyAndTwoHundredFiftyMillisecondsPlusJitter()
    {
        var backoff = Backoff.DefaultBackoff;
        Assert.Equal([10.0, 50.0, 250.0], Enumerable.Range(0, backoff.Steps - 1).Select(i => backoff.Delay(i, () => 0).TotalMilliseconds));
        // wait.Jitter(d, 0.1) adds up to a tenth.
        Assert.Equal([11.0, 55.0, 275.0], Enumerable.Range(0, backoff.Steps - 1).Select(i => Math.Round(backoff.Delay(i, () => 1).TotalMilliseconds, 6)));
    }

    [Fact]
    public void DefaultRetryWaitsTenMillisecondsBetweenFiveAttempts()
    {
        Assert.Equal(5, Backoff.DefaultRetry.Steps);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(10.0, Backoff.DefaultRetry.Delay(i, () => 0).TotalMilliseconds));
    }

    [Theory]
    [InlineData("local", "Local")]
    [InlineData("SOURCE", "Source")]
    [InlineData(null, null)]
    public void ReferencePoliciesAreSpelledAsTheApiSpellsThem(string? given, string? expected) =>
        Assert.Equal(expected, TagPolicies.ReferencePolicy(given));

    [Fact]
    public void ImportAndTagShareOneReadingOfTheFlags()
    {
        var flags = new ImageImportOptions(Scheduled: true, Insecure: false, ReferencePolicy: "local", ImportMode: "preserveoriginal");
        var tag = TagPolicies.ForTag(flags, alias: false, reference: true);
        var import = ImageStreamImportRequest.ForTag("ns", "citas", "v1", null, "docker.io/a/b:v1", flags);

        Assert.Equal(("Local", "PreserveOriginal", true, true), (tag.ReferencePolicy, tag.ImportMode, tag.Scheduled, tag.Reference));
        Assert.Equal("Local", import.Spec.Images![0].ReferencePolicy.Type);
        Assert.Equal("PreserveOriginal", import.Spec.Images[0].ImportPolicy.ImportMode);
        Assert.Equal("reference policy must be set to 'source' or 'local'",
            Assert.Throws<ImageTagException>(() => TagPolicies.ForTag(flags with { ReferencePolicy = "mirror" }, false, false)).Message);
    }
}
