using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Images;

/// <summary>
/// The image names a kubelet accepts: distribution/reference <c>ParseNormalizedNamed</c> (with
/// <c>splitDockerDomain</c>), as kubernetes <c>parsers.ParseImageName</c> calls it from the image manager's
/// <c>applyDefaultImageTag</c>.
/// </summary>
public class NormalizedImageNameTests
{
    [Theory]
    [InlineData("nginx")]
    [InlineData("nginx:1.25")]
    [InlineData("docker.io/library/nginx:latest")]
    [InlineData("index.docker.io/josedom24/citas-backend:v1")]
    [InlineData("Quay.IO/team/app:v1")] // a domain may have upper case
    [InlineData("localhost:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("image-registry.openshift-image-registry.svc:5000/myproject/citas@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void AcceptsWhatAKubeletPulls(string image) => Assert.Null(NormalizedImageName.ParseError(image));

    [Theory]
    [InlineData(" ", "invalid reference format")]
    [InlineData("", "invalid reference format")]
    [InlineData("nginx:1.25 ", "invalid reference format")]
    [InlineData("Nginx:Latest", "invalid reference format: repository name (library/Nginx) must be lowercase")]
    [InlineData("quay.io/Team/App:v1", "invalid reference format: repository name (Team/App) must be lowercase")]
    [InlineData("Not/A/Valid:Image", "invalid reference format: repository name (A/Valid) must be lowercase")]
    [InlineData("quay.io/team/app@sha256:0123", "invalid reference format")]
    [InlineData("quay.io/team/app@sha256:0123456789abcdef0123456789abcdef", "invalid checksum digest length")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "invalid repository name (0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef), cannot specify 64-byte hexadecimal strings")]
    public void RefusesWithDistributionsMessage(string image, string error) => Assert.Equal(error, NormalizedImageName.ParseError(image));
}
