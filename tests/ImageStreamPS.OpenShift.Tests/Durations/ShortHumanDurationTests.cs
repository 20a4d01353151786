using ImageStreamPS.OpenShift.Durations;

namespace ImageStreamPS.OpenShift.Tests.Durations;

public class ShortHumanDurationTests
{
    [Theory]
    [InlineData(33, "33s")]
    [InlineData(119, "119s")]
    [InlineData(254, "4m14s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 120, "3h2m")]
    [InlineData(9 * 3600, "9h")]
    [InlineData(52 * 3600, "2d4h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(-5, "<invalid>")]
    public void AgesReadLikeKubectlGet(int seconds, string age) => Assert.Equal(age, ShortHumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
