using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.OpenShift.ImageStreams;
using ImageStreamPS.OpenShift.Tagging;

namespace ImageStreamPS.OpenShift.Tests.Images;

public class RegistryHostTests
{
    [Theory]
    [InlineData("docker.io", true)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("docker.io:99999", false)]
    [InlineData("docker.io:0", false)]
    public void APortIsOneTo65535(string registry, bool valid) => Assert.Equal(valid, RegistryHost.ValidatePort(registry) is null);

    [Fact]
    public void ImportAndTagRefuseAPortThatCannotExist()
    {
        var import = Assert.ThrowsAny<ArgumentException>(() => ImageStreamImportRequest.ForTag(
            "NS", "citas", "q", null, "docker.io:99999/josedom24/citas-backend:v1", new ImageImportOptions(false, false, null, null)));
        Assert.Contains("invalid port \"99999\"", import.Message);
        var tag = Assert.Throws<ImageTagException>(() => TagSource.Classify("docker.io:99999/josedom24/citas-backend:v1", null, "NS"));
        Assert.StartsWith("invalid SOURCE: invalid port", tag.Message);
    }
}
