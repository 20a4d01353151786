using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

/// <summary>
/// Lists are read as kubectl reads them: <c>limit=500</c> and <c>continue</c> page after page
/// (cli-runtime's resource.Selector.Visit and FollowContinue), and a 410 Expired continue token fails
/// the listing as kubectl's EnhanceListError leaves it (no relist, nothing answered twice).
/// </summary>
public class ImageStreamPagingTests
{
    private const string Streams = "/apis/image.openshift.io/v1/namespaces/ns/imagestreams";

    private const string ExpiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";

    private static string Stream(string name) =>
        $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","resourceVersion":"1"},"spec":{"lookupPolicy":{"local":false}},"status":{"dockerImageRepository":""}}""";

    private static string Page(string? next, params string[] names) =>
        $$$"""{"kind":"ImageStreamList","apiVersion":"image.openshift.io/v1","metadata":{"resourceVersion":"7"{{{(next is null ? "" : $",\"continue\":\"{next}\",\"remainingItemCount\":1")}}}},"items":[{{{string.Join(",", names.Select(Stream))}}}]}""";

    // Three pages: a1,a2 | b1,b2 | c1, chained by continue tokens p2 and p3; expired: p3 is answered 410.
    private static ScriptedApi Api(bool expired = false) => new(request =>
    {
        var query = request.PathAndQuery;
        if (!query.StartsWith(Streams + "?", StringComparison.Ordinal)) return Answer.Failure(404, "NotFound");
        if (query.Contains("continue=p3", StringComparison.Ordinal))
            return expired ? Answer.Failure(410, "Expired", ExpiredMessage) : Answer.Json(200, Page(null, "c1"));
        if (query.Contains("continue=p2", StringComparison.Ordinal)) return Answer.Json(200, Page("p3", "b1", "b2"));
        return Answer.Json(200, Page("p2", "a1", "a2"));
    });

    private static List<ImageTagName> Names(params string[] texts) => texts.Select(t => ImageTagName.Parse(t, allowWildcards: true)).ToList();

    [Fact]
    public async Task AListAsksForKubectlsChunkSizeAndFollowsContinueToTheEnd()
    {
        using var api = Api();
        var pages = await new ImageStreamClient(api.NewClient()).ListPagesAsync("ns", TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([["a1", "a2"], ["b1", "b2"], ["c1"]], pages.Select(p => p.Items.Select(s => s.Metadata.Name).ToArray()));
        var sent = api.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, q => Assert.Contains("limit=500", q, StringComparison.Ordinal));
        Assert.DoesNotContain("continue=", sent[0], StringComparison.Ordinal);
        Assert.Contains("continue=p2", sent[1], StringComparison.Ordinal);
        Assert.Contains("continue=p3", sent[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallerThatStopsAfterTheFirstPageSendsNoOtherRequest()
    {
        using var api = Api();
        await foreach (var page in new ImageStreamClient(api.NewClient()).ListPagesAsync("ns", TestContext.Current.CancellationToken))
        {
            Assert.Equal(2, page.Items.Count);
            break;
        }

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task TheLookupAnswersEachPageBeforeAskingForTheNextAndWaitsForItsConsumerBetweenPages()
    {
        using var api = Api();
        var events = new List<string>();
        var lookup = new ImageStreamLookup(new ImageStreamClient(api.NewClient()), _ =>
        {
            events.Add($"between pages after {api.Requests.Count} requests");
            return Task.CompletedTask;
        });

        await foreach (var found in lookup.FindStreamsAsync(Names("*"), "ns", false, TestContext.Current.CancellationToken))
        {
            events.Add($"{found.Stream!.Name} after {api.Requests.Count} requests");
        }

        Assert.Equal(
            [
                "a1 after 1 requests", "a2 after 1 requests", "between pages after 1 requests",
                "b1 after 2 requests", "b2 after 2 requests", "between pages after 2 requests",
                "c1 after 3 requests",
            ],
            events);
    }

    [Fact]
    public async Task AConsumerThatStoppedBetweenPagesIsSentNoFurtherPage()
    {
        using var api = Api();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // What a stopped PowerShell pipeline does: the wait between pages ends in cancellation.
        var lookup = new ImageStreamLookup(new ImageStreamClient(api.NewClient()), token =>
        {
            stop.Cancel();
            return Task.FromCanceled(stop.Token);
        });

        var names = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var found in lookup.FindTagsAsync(Names("*"), "ns", false, stop.Token)) names.Add(found.Stream!.Name);
        });

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task AnExpiredContinueTokenIsTheServersErrorAfterThePagesAlreadyAnsweredAsKubectlReportsIt()
    {
        // kubectl: cli-runtime resource.EnhanceListError returns apierrors.IsResourceExpired errors unchanged.
        using var api = Api(expired: true);
        var found = await new ImageStreamLookup(new ImageStreamClient(api.NewClient()))
            .FindStreamsAsync(Names("*"), "ns", false, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["a1", "a2", "b1", "b2"], found.Where(f => f.Stream is not null).Select(f => f.Stream!.Name));
        var error = Assert.IsType<OpenShiftApiException>(Assert.Single(found, f => f.Error is not null).Error);
        Assert.Equal("Expired", error.Reason);
        Assert.Equal(410, error.StatusCode);
        Assert.Equal(ExpiredMessage, error.Message);
        Assert.Equal("ns", found[^1].Target);
        Assert.Equal(3, api.Requests.Count);
    }
}
