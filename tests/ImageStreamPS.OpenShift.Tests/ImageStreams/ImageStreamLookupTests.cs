using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tests.Api;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

/// <summary>What Get-ImageStream and Get-ImageTag read for the names given, and what they answer.</summary>
public class ImageStreamLookupTests
{
    private const string Streams = "/apis/image.openshift.io/v1/namespaces/ns/imagestreams";

    private static ScriptedApi Api() => new(request => request.PathAndQuery.Split('?')[0] switch
    {
        Streams + "/citas" => Answer.Json(200, GoldenShapes.TutorialImageStream),
        Streams => Answer.Json(200, $$$"""{"kind":"ImageStreamList","apiVersion":"image.openshift.io/v1","metadata":{},"items":[{{{GoldenShapes.TutorialImageStream}}}]}"""),
        _ => Answer.Failure(404, "NotFound", "imagestreams.image.openshift.io \"nope\" not found"),
    });

    private static List<ImageTagName> Names(params string[] texts) => texts.Select(t => ImageTagName.Parse(t, allowWildcards: true)).ToList();

    [Fact]
    public async Task LiteralTagsOfOneStreamReadItOnce()
    {
        using var api = Api();
        var found = await new ImageStreamLookup(new ImageStreamClient(api.NewClient()))
            .FindTagsAsync(Names("citas:v1", "citas:v2", "citas:v9"), "ns", false, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["v1", "v2"], found.Where(f => f.Tag is not null).Select(f => f.Tag!.Tag));
        Assert.Equal("citas:v9", Assert.Single(found, f => f.MissingTag is not null).MissingTag);
        Assert.Equal(1, api.Count("GET", Streams + "/citas"));
    }

    [Fact]
    public async Task PatternsShareOneListAndAPatternThatMatchesNothingIsNoError()
    {
        using var api = Api();
        var found = await new ImageStreamLookup(new ImageStreamClient(api.NewClient()))
            .FindTagsAsync(Names("cit*:v*", "zz*"), "ns", false, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["citas:v1", "citas:v2"], found.Select(f => f.Tag!.Name));
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task AMissingLiteralStreamIsTheServersNotFound()
    {
        using var api = Api();
        var found = await new ImageStreamLookup(new ImageStreamClient(api.NewClient()))
            .FindStreamsAsync(Names("nope", "citas"), "ns", false, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("NotFound", Assert.IsType<ImageStreamPS.OpenShift.Connection.OpenShiftApiException>(found[0].Error).Reason);
        Assert.Equal("ns/nope", found[0].Target);
        Assert.Equal("citas", found[1].Stream!.Name);
    }
}
