using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Apps;

public class NewAppImageTests
{
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";

    private static ImageStream Citas(string referencePolicy) => KubernetesJson.Deserialize<ImageStream>($$$"""
        {"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas","namespace":"myproject"},
         "spec":{"lookupPolicy":{"local":false},"tags":[{"name":"prod","from":{"kind":"ImageStreamImage","name":"citas@{{{V1}}}"},
           "generation":5,"importPolicy":{},"referencePolicy":{"type":"{{{referencePolicy}}}"}}]},
         "status":{"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/myproject/citas",
           "tags":[{"tag":"prod","items":[{"created":"2026-01-01T00:00:00Z","dockerImageReference":"docker.io/josedom24/citas-backend@{{{V1}}}","image":"{{{V1}}}","generation":5}]}]} }
        """);

    private static ImageStreamImage Image() => KubernetesJson.Deserialize<ImageStreamImage>($$$"""
        {"kind":"ImageStreamImage","apiVersion":"image.openshift.io/v1","metadata":{"name":"citas@{{{V1}}}","namespace":"myproject"},
         "image":{"metadata":{"name":"{{{V1}}}"},"dockerImageReference":"docker.io/josedom24/citas-backend@{{{V1}}}",
           "dockerImageMetadata":{"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":"sha256:abc",
             "Config":{"ExposedPorts":{"10000/tcp":{}},"Volumes":{"/data":{} } } } } }
        """);

    [Fact]
    public void ASourcePolicyTagResolvesToTheEventsReference()
    {
        var image = NewAppImage.From(Citas("Source"), "prod", Image())!;

        Assert.Equal(("myproject", "citas", "prod", V1), (image.Namespace, image.Stream, image.Tag, image.ImageId));
        Assert.Equal("docker.io/josedom24/citas-backend@" + V1, image.PullSpec);
        Assert.Equal(["10000/tcp"], image.ExposedPorts);
        Assert.Equal(["/data"], image.Volumes);
    }

    [Fact]
    public void ALocalPolicyTagResolvesToTheInternalRegistry()
    {
        var image = NewAppImage.From(Citas("Local"), "prod", Image())!;

        Assert.Equal("image-registry.openshift-image-registry.svc:5000/myproject/citas@" + V1, image.PullSpec);
    }

    [Fact]
    public void ATagWithoutAnImageResolvesToNothing() => Assert.Null(NewAppImage.From(Citas("Source"), "v3", Image()));
}
