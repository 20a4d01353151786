using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Containers;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Tests.Containers;

/// <summary>The label an image declares its simulated answers in: what the tutorial images carry, and what is refused.</summary>
public class DeclaredAnswersTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void TheTutorialImagesAnswerGetVersionWithTheirVersionLabelOnPort10000(string version)
    {
        var labels = JsonNode.Parse(DemoImage.CitasBackend(version).Config)!["config"]!["Labels"]!;

        Assert.True(DeclaredAnswers.TryParse((string?)labels[DeclaredAnswers.LabelKey], out var answers, out var error), error);
        Assert.Equal(10000, answers.Port);
        var answer = answers.Find("GET", "/version");
        Assert.Equal((200, "text/plain; charset=utf-8", (string?)labels["version"]), (answer!.Status, answer.ContentType, answer.Body));
    }

    [Fact]
    public void HeadIsAnsweredAsGetAndOtherRequestsAreNotDeclared()
    {
        var answers = new DeclaredAnswers(8080, [new("GET", "/version", 200, "text/plain", "v1")]);

        Assert.Equal("v1", answers.Find("HEAD", "/version")!.Body);
        Assert.Null(answers.Find("POST", "/version"));
        Assert.Null(answers.Find("GET", "/version/"));
        Assert.Equal("GET /version", answers.Describe());
    }

    [Fact]
    public void TheLabelRoundTrips()
    {
        var answers = new DeclaredAnswers(8080, [new("GET", "/", 204, null, null), new("POST", "/x", 201, "application/json", "{}")]);

        Assert.True(DeclaredAnswers.TryParse(answers.ToLabel(), out var read, out _));
        Assert.Equal(answers.Port, read.Port);
        Assert.Equal(answers.Answers, read.Answers);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"port":0,"answers":[]}""", "port from 1 to 65535")]
    [InlineData("""{"port":70000,"answers":[]}""", "port from 1 to 65535")]
    [InlineData("""{"port":80}""", "each answer needs")]
    [InlineData("""{"port":80,"answers":[{"method":"GET","path":"version","status":200}]}""", "each answer needs")]
    [InlineData("""{"port":80,"answers":[{"method":"GET","path":"/","status":99}]}""", "each answer needs")]
    [InlineData("""{"port":80,"answers":[{"path":"/","status":200}]}""", "each answer needs")]
    [InlineData("""{"port":80,"answers":[[[[[[[[[[]]]]]]]]]]}""", "not valid JSON")]
    public void AnInvalidLabelIsRefusedWithTheReason(string label, string reason)
    {
        Assert.False(DeclaredAnswers.TryParse(label, out var answers, out var error));
        Assert.Null(answers);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void AnOversizedLabelIsRefusedBeforeItIsRead()
    {
        var label = "{\"port\":80,\"answers\":[{\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"body\":\"" + new string('x', 70_000) + "\"}]}";

        Assert.False(DeclaredAnswers.TryParse(label, out _, out var error));
        Assert.Contains("longer than", error);
    }
}
