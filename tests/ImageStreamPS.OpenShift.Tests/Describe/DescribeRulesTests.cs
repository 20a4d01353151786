using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.OpenShift.Tests.Describe;

/// <summary>The describe rules of openshift-image-api.md §5.1-§5.2 that the captures do not show.</summary>
public class DescribeRulesTests
{
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";
    private const string Citas = "docker.io/josedom24/citas-backend";

    [Fact]
    public void ImportAllHeaderFromACapture()
    {
        const string a = "sha256:0a7b2d6c5bd9f0a1e3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a";
        var stream = new StreamBuilder("rhpam-kieserver-rhel8", "pam-dm1")
            .Created(TimeSpan.FromMinutes(44))
            .Annotation("openshift.io/image.dockerRepositoryCheck", "2019-12-11T09:29:08Z")
            .Spec("7.5.0", TagSourceKind.DockerImage, "registry.redhat.io/rhpam-7/rhpam-kieserver-rhel8:7.5.0", 2)
            .Spec("latest", TagSourceKind.DockerImage, "registry.redhat.io/rhpam-7/rhpam-kieserver-rhel8:latest", 2)
            .Item("7.5.0", "registry.redhat.io/rhpam-7/rhpam-kieserver-rhel8@" + a, a, TimeSpan.FromMinutes(44), 2)
            .Item("latest", "registry.redhat.io/rhpam-7/rhpam-kieserver-rhel8@" + a, a, TimeSpan.FromMinutes(44), 2)
            .Build();
        var expected = FixtureText.Section("text-partnertechdays-import-image-all.txt", "Name:\t\t\trhpam-kieserver-rhel8", "… snipped");
        var text = ImageStreamDescriber.Describe(stream, FixedClock.AtNow);
        Assert.Equal(expected, text[..(text.IndexOf("Tags:\t\t\t2\n", StringComparison.Ordinal) + "Tags:\t\t\t2\n".Length)]);
    }

    [Fact]
    public void HeaderListsLabelsAndAnnotationsSortedWithDescriptionFirst()
    {
        var stream = new StreamBuilder("citas")
            .Created(TimeSpan.FromMinutes(6))
            .Annotation("z.example/x", "1")
            .Annotation("description", "Citas backend")
            .Annotation("openshift.io/image.dockerRepositoryCheck", "2024-02-20T10:00:17Z")
            .Build();
        stream.Metadata.Labels = new Dictionary<string, string> { ["app"] = "citas", ["tier"] = "backend" };
        stream.Spec.LookupPolicy.Local = true;
        stream.Status.DockerImageRepository = "";
        Assert.Equal(
            "Name:\t\t\tcitas\n" +
            "Namespace:\t\tNS\n" +
            "Created:\t\t6 minutes ago\n" +
            "Labels:\t\t\tapp=citas\n" +
            "\t\t\ttier=backend\n" +
            "Description:\t\tCitas backend\n" +
            "Annotations:\t\topenshift.io/image.dockerRepositoryCheck=2024-02-20T10:00:17Z\n" +
            "\t\t\tz.example/x=1\n" +
            "Image Repository:\t<none>\n" +
            "Image Lookup:\t\tlocal=true\n" +
            "Tags:\t\t\t<none>\n",
            ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
    }

    [Fact]
    public void FailedAndPendingImportsAreShownBeforeTheHistory()
    {
        var stream = new StreamBuilder("citas")
            .Spec("v1", TagSourceKind.DockerImage, Citas + ":v1", 2)
            .Spec("v9", TagSourceKind.DockerImage, Citas + ":v9", 4)
            .Spec("v2", TagSourceKind.DockerImage, Citas + ":v2", 5, t => { t.ImportPolicy.Insecure = true; t.ReferencePolicy.Type = TagReferencePolicyType.Local; })
            .Item("v1", Citas + "@" + V1, V1, TimeSpan.FromMinutes(10), 2)
            .Failure("v9", "NotFound", "dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found", TimeSpan.FromSeconds(30), 4)
            .Build();
        var text = FixtureText.FromUniqueImages(ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
        Assert.Equal(
            "Unique Images:\t\t1\n" +
            "Tags:\t\t\t3\n" +
            "\n" +
            "v1\n" +
            "  tagged from docker.io/josedom24/citas-backend:v1\n" +
            "\n" +
            "  * docker.io/josedom24/citas-backend@" + V1 + "\n" +
            "      10 minutes ago\n" +
            "\n" +
            "v2\n" +
            "  tagged from docker.io/josedom24/citas-backend:v2\n" +
            "    will use insecure HTTPS or HTTP connections\n" +
            "    prefer registry pullthrough when referencing this tag\n" +
            "\n" +
            "  ~ importing latest image ...\n" +
            "\n" +
            "v9\n" +
            "  tagged from docker.io/josedom24/citas-backend:v9\n" +
            "\n" +
            "  ! error: Import failed (NotFound): dockerimage.image.openshift.io \"docker.io/josedom24/citas-backend:v9\" not found\n" +
            "      30 seconds ago\n",
            text);
    }

    [Fact]
    public void AliasesAreListedWithTheirTargetAndTagAnnotationsAreShown()
    {
        var stream = new StreamBuilder("citas")
            .Spec("v2", TagSourceKind.DockerImage, Citas + ":v2", 3, t => t.Annotations = new Dictionary<string, string>
            {
                ["description"] = "The second version", ["tags"] = "web,python", ["supports"] = "citas:2", ["sampleRepo"] = "https://example.com/citas.git",
            })
            .Spec("latest", TagSourceKind.ImageStreamTag, "v2", 4)
            .Spec("stable", TagSourceKind.ImageStreamTag, "citas:latest", 5)
            .Item("v2", Citas + "@" + V2, V2, TimeSpan.FromMinutes(2), 3)
            .Item("latest", Citas + "@" + V2, V2, TimeSpan.FromMinutes(2), 4)
            .Item("stable", Citas + "@" + V2, V2, TimeSpan.FromMinutes(2), 5)
            .Build();
        var text = FixtureText.FromUniqueImages(ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
        Assert.Equal(
            "Unique Images:\t\t1\n" +
            "Tags:\t\t\t3\n" +
            "\n" +
            "v2 (latest, stable)\n" +
            "  tagged from docker.io/josedom24/citas-backend:v2\n" +
            "\n" +
            "  The second version\n" +
            "  Tags: web, python\n" +
            "  Supports: citas:2\n" +
            "  Example Repo: https://example.com/citas.git\n" +
            "\n" +
            "  * docker.io/josedom24/citas-backend@" + V2 + "\n" +
            "      2 minutes ago\n",
            text);
    }

    [Fact]
    public void ReferenceTagsAndForeignNamespacesAreWorded()
    {
        var stream = new StreamBuilder("citas")
            .Spec("ext", TagSourceKind.DockerImage, "quay.io/x/y:1", 2, t => t.Reference = true)
            .Spec("shared", TagSourceKind.ImageStreamTag, "citas:prod", 2, t => t.From!.Namespace = "other")
            .Spec("pinned", TagSourceKind.ImageStreamImage, "citas@" + V1, 2, t => t.Reference = true)
            .Spec("none", TagSourceKind.DockerImage, "x", 2, t => t.From = null)
            .Item("ext", "quay.io/x/y:1", "", TimeSpan.FromHours(3), 2)
            .Build();
        var text = ImageStreamDescriber.Describe(stream, FixedClock.AtNow);
        Assert.Contains("\next\n  reference to registry quay.io/x/y:1\n\n  * quay.io/x/y:1\n      3 hours ago\n", text);
        Assert.Contains("\nshared\n  tagged from other/citas:prod\n\n", text);
        Assert.Contains("\npinned\n  reference to image citas@" + V1 + "\n\n", text);
        Assert.Contains("\nnone\n  tag without source image\n\n", text);
        Assert.Contains("Unique Images:\t\t1\n", text); // the reference item counts as one empty image, as in oc
    }

    [Fact]
    public void ImageIdIsShownWhenThePullSpecDoesNotEndInIt()
    {
        var stream = new StreamBuilder("citas")
            .Item("latest", "image-registry.openshift-image-registry.svc:5000/ns/citas:latest", V1, TimeSpan.FromSeconds(5))
            .Build();
        Assert.Contains("  * image-registry.openshift-image-registry.svc:5000/ns/citas:latest\n      5 seconds ago\t" + V1 + "\n",
            ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
    }

    [Fact]
    public void ImageIdIsLeftOutWhenThePullSpecEndsInIt()
    {
        // oc's formatImageStreamTags (describer.go): the id only when reference.Parse(dockerImageReference) gives another ID, whatever
        // the name looks like (a repository, a bare name, a registry alone); a spec by another digest shows it.
        var stream = new StreamBuilder("citas")
            .Item("a", Citas + "@" + V1, V1, TimeSpan.FromSeconds(5))
            .Item("b", "citas-backend@" + V2, V2, TimeSpan.FromSeconds(5))
            .Item("c", "example.com@" + V1, V1, TimeSpan.FromSeconds(5))
            .Item("d", Citas + "@" + V1, V2, TimeSpan.FromSeconds(5))
            .Build();
        var text = ImageStreamDescriber.Describe(stream, FixedClock.AtNow);
        Assert.Contains("  * " + Citas + "@" + V1 + "\n      5 seconds ago\n", text);
        Assert.Contains("  * citas-backend@" + V2 + "\n      5 seconds ago\n", text);
        Assert.Contains("  * example.com@" + V1 + "\n      5 seconds ago\n", text);
        Assert.Contains("  * " + Citas + "@" + V1 + "\n      5 seconds ago\t" + V2 + "\n", text);
    }
}
