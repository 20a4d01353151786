using ImageStreamPS.OpenShift.Durations;

namespace ImageStreamPS.OpenShift.Tests.Durations;

public class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "Less than a second")]
    [InlineData(0, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(17, "17 seconds")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(119, "About a minute")]
    [InlineData(120, "2 minutes")]
    [InlineData(59 * 60 + 59, "59 minutes")]
    [InlineData(60 * 60, "About an hour")]
    [InlineData(90 * 60 - 1, "About an hour")]
    [InlineData(90 * 60, "2 hours")]
    [InlineData(47 * 3600 + 1799, "47 hours")]
    [InlineData(47 * 3600 + 1800, "2 days")]
    [InlineData(13 * 86400, "13 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(59 * 86400, "8 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(729 * 86400, "24 months")]
    [InlineData(730 * 86400, "2 years")]
    public void WordsDurationsLikeGoUnits(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void AgoAppendsAgo() =>
        Assert.Equal("About a minute ago", HumanDuration.Ago(StreamBuilder.Now.AddSeconds(-70), StreamBuilder.Now));
}
