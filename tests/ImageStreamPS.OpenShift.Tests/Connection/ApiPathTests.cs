using ImageStreamPS.OpenShift.Connection;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tests.Connection;

/// <summary>
/// Namespaces and names never change the path they are put in: KubernetesClient interpolates them as
/// given, so a namespace is checked as the API server checks it (an RFC 1123 label) and a name as
/// apimachinery's <c>path.IsValidPathSegmentName</c> does, and escaped.
/// </summary>
public class ApiPathTests
{
    [Theory]
    [InlineData("nosuch/../myproject")]
    [InlineData("..")]
    [InlineData("MyProject")]
    [InlineData("my project")]
    [InlineData("")]
    public async Task ANamespaceThatIsNotALabelIsRefusedBeforeAnyRequest(string ns)
    {
        using var api = new ScriptedApi(_ => Answer.Failure(404, "NotFound"));
        var client = new ImageStreamClient(api.NewClient());

        var refused = await Assert.ThrowsAsync<InvalidApiNameException>(() => client.DeleteAsync(ns, "victim", TestContext.Current.CancellationToken));

        Assert.StartsWith("invalid namespace", refused.Message);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a%2Fb")]
    public async Task ANameThatCanNeverBeAPathSegmentIsRefused(string name)
    {
        using var api = new ScriptedApi(_ => Answer.Failure(404, "NotFound"));
        await Assert.ThrowsAsync<InvalidApiNameException>(() => new ImageStreamClient(api.NewClient()).GetAsync("myproject", name, TestContext.Current.CancellationToken));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task OtherCharactersAreEscapedSoTheyCannotStartAQuery()
    {
        using var api = new ScriptedApi(_ => Answer.Failure(404, "NotFound"));
        await Assert.ThrowsAsync<OpenShiftApiException>(() => new ImageStreamClient(api.NewClient()).GetAsync("myproject", "a?b c", TestContext.Current.CancellationToken));
        Assert.Equal("/apis/image.openshift.io/v1/namespaces/myproject/imagestreams/a%3Fb%20c", Assert.Single(api.Requests).PathAndQuery);
    }

    [Fact]
    public void TagAndImageNamesKeepTheirColonAndAt() =>
        Assert.Equal("citas@sha256:42b6", ApiPath.Name("citas@sha256:42b6"));
}
