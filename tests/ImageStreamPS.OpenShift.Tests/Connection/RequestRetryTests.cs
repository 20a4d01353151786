using System.Diagnostics;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Tests.Connection;

/// <summary>
/// What is sent again and what is not, as client-go's <c>rest.Request</c> decides (<c>checkWait</c> for
/// 429/5xx with Retry-After, reads only after a dropped connection), through a real connection.
/// </summary>
public class RequestRetryTests
{
    private const string Token = "sha256~secret-token-for-tests";
    private const string Version = """{"major":"1","minor":"32","gitVersion":"v1.32.0-test"}""";
    private const string Stream = "/apis/image.openshift.io/v1/namespaces/ns/imagestreams/citas";
    private const string Tag = "/apis/image.openshift.io/v1/namespaces/ns/imagestreamtags/citas:prod";
    private const string StreamJson = """{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","namespace":"ns"}}""";

    private static Func<SeenRequest, Answer> Script(Func<SeenRequest, int, Answer?> answer)
    {
        var calls = 0;
        return request => request.PathAndQuery.StartsWith("/version", StringComparison.Ordinal) ? Answer.Json(200, Version) : answer(request, Interlocked.Increment(ref calls)) ?? Answer.Json(200, StreamJson);
    }

    private static Task<OpenShiftConnection> Connect(ScriptedApi api, TimeSpan? attemptTimeout = null) =>
        OpenShiftConnection.OpenAsync(ConnectionProfile.FromToken(api.Server, Token), attemptTimeout ?? RequestTraceHandler.DefaultAttemptTimeout, TestContext.Current.CancellationToken);

    private static ImageStreamTag ProdTag() => new() { Metadata = new V1ObjectMeta { Name = "citas:prod", NamespaceProperty = "ns" }, Tag = new TagReference { Name = "prod" } };

    private static Dictionary<string, string> RetryAfter(string value) => new() { ["Retry-After"] = value };

    [Fact]
    public async Task AReadIsSentAgainAfterA503()
    {
        using var api = new ScriptedApi(Script((_, n) => n == 1 ? Answer.Failure(503, "ServiceUnavailable") : null));
        using var connection = await Connect(api);

        var stream = await new ImageStreamClient(connection).GetAsync("ns", "citas", TestContext.Current.CancellationToken);

        Assert.Equal("citas", stream.Metadata.Name);
        Assert.Equal(2, api.Count("GET", Stream));
    }

    [Fact]
    public async Task AReadWaitsAsLongAsRetryAfterSays()
    {
        using var api = new ScriptedApi(Script((_, n) => n == 1 ? Answer.Failure(429, "TooManyRequests") with { Headers = RetryAfter("1") } : null));
        using var connection = await Connect(api);
        var clock = Stopwatch.StartNew();

        await new ImageStreamClient(connection).GetAsync("ns", "citas", TestContext.Current.CancellationToken);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.Equal(2, api.Count("GET", Stream));
    }

    [Fact]
    public async Task AReadIsSentAgainAfterTheConnectionDropped()
    {
        using var api = new ScriptedApi(Script((_, n) => n == 1 ? Answer.ConnectionReset : null));
        using var connection = await Connect(api);

        await new ImageStreamClient(connection).GetAsync("ns", "citas", TestContext.Current.CancellationToken);

        Assert.Equal(2, api.Count("GET", Stream));
    }

    [Fact]
    public async Task AWriteIsNotSentAgainOnA503WithoutRetryAfter()
    {
        using var api = new ScriptedApi(Script((_, _) => Answer.Failure(503, "ServiceUnavailable")));
        using var connection = await Connect(api);

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => new ImageStreamClient(connection).SetTagAsync("ns", ProdTag(), null, TestContext.Current.CancellationToken));

        Assert.Equal("ServiceUnavailable", failure.Reason);
        Assert.Equal(1, api.Count("PUT", Tag));
    }

    [Fact]
    public async Task AWriteTheServerDidNotProcessIsSentAgainAfterRetryAfter()
    {
        using var api = new ScriptedApi(Script((r, n) => r.Method == "PUT" && n == 1
            ? Answer.Failure(429, "TooManyRequests") with { Headers = RetryAfter("0") }
            : Answer.Json(200, """{"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas:prod"}}""")));
        using var connection = await Connect(api);

        await new ImageStreamClient(connection).SetTagAsync("ns", ProdTag(), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, api.Count("PUT", Tag));
    }

    [Fact]
    public async Task AWriteWhoseConnectionDroppedSaysItMayHaveBeenAppliedAndIsNotSentAgain()
    {
        using var api = new ScriptedApi(Script((_, _) => Answer.ConnectionReset));
        using var connection = await Connect(api);

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => new ImageStreamClient(connection).SetTagAsync("ns", ProdTag(), null, TestContext.Current.CancellationToken));

        Assert.Equal(ApiFailure.Connection, failure.Failure);
        Assert.Equal("ConnectionLost", failure.Reason);
        Assert.Contains("may have been applied", failure.Message);
        Assert.Contains("Check with Get-ImageTag ns/citas:prod", failure.Message);
        Assert.Equal(1, api.Count("PUT", Tag));
    }

    [Fact]
    public async Task ASlowAnswerIsATimeoutAndForAWriteTheOutcomeIsUnknown()
    {
        using var api = new ScriptedApi(Script((r, _) => r.Method == "PUT" ? new Answer(200, "{}", Delay: TimeSpan.FromSeconds(5)) : null));
        using var connection = await Connect(api, TimeSpan.FromMilliseconds(300));

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => new ImageStreamClient(connection).SetTagAsync("ns", ProdTag(), null, TestContext.Current.CancellationToken));

        Assert.Equal(ApiFailure.Timeout, failure.Failure);
        Assert.Contains("may have been applied", failure.Message);
    }

    [Fact]
    public async Task AFailureCarriesNoRequestAndSoNoToken()
    {
        using var api = new ScriptedApi(Script((_, _) => Answer.Failure(404, "NotFound", "imagestreams.image.openshift.io \\\"citas\\\" not found")));
        using var connection = await Connect(api);

        var failure = await Assert.ThrowsAsync<OpenShiftApiException>(() => new ImageStreamClient(connection).GetAsync("ns", "citas", TestContext.Current.CancellationToken));

        Assert.Equal(Token, api.Requests.Last().Authorization?["Bearer ".Length..]);
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            Assert.IsNotType<k8s.Autorest.HttpOperationException>(e);
            Assert.DoesNotContain(Token, e.ToString());
        }
    }

    [Fact]
    public void PlainHttpToAnotherMachineWithATokenIsRefused()
    {
        var refused = Assert.Throws<OpenShiftApiException>(() => ConnectionProfile.FromToken(new Uri("http://api.example.com:6443"), Token).EnsureCredentialsProtected());
        Assert.Equal("InsecureServer", refused.Reason);
        ConnectionProfile.FromToken(new Uri("http://127.0.0.1:8001"), Token).EnsureCredentialsProtected();
    }
}
