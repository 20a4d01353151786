using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Images;

public class TagOrderTests
{
    [Fact]
    public void TutorialTagsPrintLatestThenByName() =>
        Assert.Equal(["latest", "prod", "v1", "v2"], TagOrder.Prioritize(["v2", "prod", "v1", "latest"]));

    [Fact]
    public void MinorVersionsComeBeforeFullVersionsNewestFirst() =>
        Assert.Equal(
            ["latest", "5.2", "v5.2", "5.1", "5.1-rc1", "2.4.57", "2.4.56", "v2.4.56", "2.4.56-beta.1", "abc", "v1"],
            TagOrder.Prioritize(["v1", "2.4.56", "abc", "5.1-rc1", "2.4.57", "5.1", "v2.4.56", "latest", "5.2", "2.4.56-beta.1", "v5.2"]));

    [Fact]
    public void InvalidVersionsAreOrdinaryTags() =>
        Assert.Equal(["1.0", "01.2", "1.02.3", "1.2.x", "1.2_3", "Z", "a"], TagOrder.Prioritize(["a", "1.2_3", "Z", "01.2", "1.02.3", "1.2.x", "1.0"]));

    [Fact]
    public void PreReleasesCompareNumericallyThenLexically() =>
        Assert.Equal(["1.0.0", "1.0.0-rc.10", "1.0.0-rc.2", "1.0.0-alpha", "1.0.0-1"],
            TagOrder.Prioritize(["1.0.0-1", "1.0.0-rc.2", "1.0.0-alpha", "1.0.0", "1.0.0-rc.10"]));
}
