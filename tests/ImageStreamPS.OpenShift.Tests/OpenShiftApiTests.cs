using ImageStreamPS.OpenShift;

namespace ImageStreamPS.OpenShift.Tests;

public class OpenShiftApiTests
{
    [Fact]
    public void ImageApiVersionIsTheGroupAndVersion() =>
        Assert.Equal("image.openshift.io/v1", OpenShiftApi.ImageApiVersion);
}
