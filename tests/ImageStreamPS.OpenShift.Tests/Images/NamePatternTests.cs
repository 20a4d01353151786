using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tests.Images;

/// <summary>PowerShell's wildcard grammar (System.Management.Automation.WildcardPattern), case-sensitive, refused early when malformed.</summary>
public class NamePatternTests
{
    [Theory]
    [InlineData("web*", "web12", true)]
    [InlineData("web?", "web1", true)]
    [InlineData("web?", "web12", false)]
    [InlineData("web[12]", "web2", true)]
    [InlineData("web[12]", "web3", false)]
    [InlineData("v[1-3]", "v2", true)]
    [InlineData("v[1-3]", "v4", false)]
    [InlineData("Web*", "web1", false)]
    [InlineData("a`*", "a*", true)]
    [InlineData("a`*", "ab", false)]
    [InlineData("citas", "citas", true)]
    public void MatchesAsWildcardPatternDoes(string pattern, string name, bool expected)
    {
        Assert.True(NamePattern.TryParse(pattern, out var parsed, out _));
        Assert.Equal(expected, parsed.IsMatch(name));
    }

    [Theory]
    [InlineData("citas:[")]
    [InlineData("citas:v[1")]
    [InlineData("ci[tas:v1")]
    public void AnUnclosedBracketIsRefusedWhenParsedNotWhenMatched(string text)
    {
        var refused = Assert.Throws<ArgumentException>(() => ImageTagName.Parse(text, allowWildcards: true));
        Assert.Contains("has no closing ']'", refused.Message);
    }

    [Fact]
    public void WithoutWildcardsAllowedABracketIsJustAnInvalidTag()
    {
        var refused = Assert.Throws<ArgumentException>(() => ImageTagName.Parse("citas:[", allowWildcards: false));
        Assert.DoesNotContain("closing", refused.Message);
    }

    [Fact]
    public void AnIdMatchesTagsWhoseCurrentImageStartsWithIt()
    {
        var stream = new ImageStreamView(k8s.KubernetesJson.Deserialize<ImageStreamPS.OpenShift.Api.ImageStream>(ImageStreamPS.OpenShift.Tests.Api.GoldenShapes.TutorialImageStream));
        var name = ImageTagName.Parse("citas@42b6ff31", allowWildcards: true);
        Assert.Equal(["prod", "v1"], stream.Tags.Where(name.Matches).Select(t => t.Tag).Order());
    }
}
