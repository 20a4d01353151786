using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.OpenShift.Tests.Describe;

/// <summary>
/// <c>oc describe is</c> text captured from real clusters (Fixtures/text-*.txt), rebuilt from the stream
/// each capture describes, with the clock set so the ages match.
/// </summary>
public class DescribeGoldenTests
{
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";
    private const string Citas = "docker.io/josedom24/citas-backend";

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);
    private static TimeSpan M(int minutes) => TimeSpan.FromMinutes(minutes);

    // The author of the tutorial typed stray spaces into two "Tags:" lines (see PROVENANCE.md).
    private static string WithoutAuthorsStraySpaces(string text) =>
        text.Replace("Tags:\t\t\t    ", "Tags:\t\t\t").Replace("Tags:   \t\t\t", "Tags:\t\t\t");

    [Fact]
    public void TutorialStreamWithTwoImportedTags()
    {
        var stream = new StreamBuilder("citas", "josedom24-dev")
            .Spec("v1", TagSourceKind.DockerImage, Citas + ":v1", 2)
            .Spec("v2", TagSourceKind.DockerImage, Citas + ":v2", 3)
            .Item("v1", Citas + "@" + V1, V1, S(17), 2)
            .Item("v2", Citas + "@" + V2, V2, S(7), 3)
            .Build();

        var expected = WithoutAuthorsStraySpaces(FixtureText.Section("text-josedom24-etiquetas.txt", "Unique Images:\t\t2", "oc tag"));
        Assert.Equal(expected, FixtureText.FromUniqueImages(ImageStreamDescriber.Describe(stream, FixedClock.AtNow)));
    }

    [Fact]
    public void TutorialStreamWithFourTagsOverTwoImages()
    {
        var stream = new StreamBuilder("citas", "josedom24-dev")
            .Spec("latest", TagSourceKind.ImageStreamImage, "citas@" + V2, 4)
            .Spec("prod", TagSourceKind.ImageStreamImage, "citas@" + V1, 5)
            .Spec("v1", TagSourceKind.DockerImage, Citas + ":v1", 2)
            .Spec("v2", TagSourceKind.DockerImage, Citas + ":v2", 3)
            .Item("latest", Citas + "@" + V2, V2, S(70), 4)
            .Item("prod", Citas + "@" + V1, V1, S(54), 5)
            .Item("v1", Citas + "@" + V1, V1, M(6) + S(10), 2)
            .Item("v2", Citas + "@" + V2, V2, M(6), 3)
            .Build();

        var expected = WithoutAuthorsStraySpaces(FixtureText.Section("text-josedom24-etiquetas.txt", "Unique Images:\t\t2", "oc tag", occurrence: 2));
        Assert.Equal(expected, FixtureText.FromUniqueImages(ImageStreamDescriber.Describe(stream, FixedClock.AtNow)));
    }

    [Fact]
    public void ShortImageIdsChangeOnlyTheDigestsOfTheTagBlocks()
    {
        // What Format-List shows: oc's text with each image by short digest, everything else as oc prints it.
        var stream = new StreamBuilder("citas", "josedom24-dev")
            .Spec("prod", TagSourceKind.ImageStreamImage, "citas@" + V1, 5)
            .Spec("v1", TagSourceKind.DockerImage, Citas + ":v1", 2)
            .Item("prod", Citas + "@" + V1, V1, S(54), 5)
            .Item("v1", Citas + "@" + V1, V1, M(6) + S(10), 2)
            .Build();

        var whole = ImageStreamDescriber.Describe(stream, FixedClock.AtNow);
        var shortened = ImageStreamDescriber.Describe(stream, FixedClock.AtNow, shortImageIds: true);

        Assert.Equal(whole.Replace(V1, V1[..19]), shortened);
        Assert.Contains("  tagged from citas@sha256:42b6ff31b8a8\n", shortened);
        Assert.Contains("  * " + Citas + "@sha256:42b6ff31b8a8\n", shortened);
        Assert.Contains("  tagged from " + Citas + ":v1\n", shortened);
    }

    [Fact]
    public void FullHeaderOfAnImportedStream()
    {
        const string hash = "sha256:XXX...SHA256 Identifier of the certain image tags...XXX"; // redacted by the author
        var stream = new StreamBuilder("parksmap-katacoda", "test")
            .Created(M(19))
            .Annotation("openshift.io/image.dockerRepositoryCheck", "2020-05-18T07:26:53Z")
            .Public("default-route-openshift-image-registry.apps.ocp4.example.local/test/parksmap-katacoda")
            .Spec("1.2.0", TagSourceKind.DockerImage, "docker.io/openshiftroadshow/parksmap-katacoda:1.2.0", 2)
            .Item("1.2.0", "docker.io/openshiftroadshow/parksmap-katacoda@" + hash, hash, M(19), 2)
            .Build();

        var expected = FixtureText.Section("text-bysnupy-parksmap-versionA.txt", "Name:\t\t\tparksmap-katacoda", "$ ");
        Assert.Equal(expected, ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
    }

    [Fact]
    public void RetaggedTagListsItsHistoryNewestFirst()
    {
        const string x = "sha256:XXX...SHA256 Identifier of the certain image tags...XXX";
        const string y = "sha256:YYY...SHA256 Identifier of the certain image tags...YYY";
        const string repo = "docker.io/openshiftroadshow/parksmap-katacoda";
        var stream = new StreamBuilder("parksmap-katacoda", "test")
            .Created(M(19))
            .Annotation("openshift.io/image.dockerRepositoryCheck", "2020-05-18T08:25:53Z")
            .Public("default-route-openshift-image-registry.apps.ocp43.kvm.local/test/parksmap-katacoda")
            .Spec("1.0.0", TagSourceKind.DockerImage, repo + ":1.0.0", 2)
            .Spec("latest", TagSourceKind.DockerImage, repo + ":1.2.0", 4)
            .Item("1.0.0", repo + "@" + x, x, M(19), 2)
            .Item("latest", repo + "@" + y, y, M(9), 4)
            .Item("latest", repo + "@" + x, x, M(17), 3)
            .Build();

        var expected = FixtureText.Section("text-bysnupy-parksmap-versionB.txt", "Name:\t\t\tparksmap-katacoda", "$ ", occurrence: 2);
        Assert.Equal(expected, ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
    }

    [Fact]
    public void TagCreatedByOcTagShowsTaggedFromStreamAtDigest()
    {
        const string x = "sha256:XXX...SHA256 Identifier of the certain image tags...XXX";
        const string repo = "docker.io/openshiftroadshow/parksmap-katacoda";
        var stream = new StreamBuilder("parksmap-katacoda", "test")
            .Created(M(12))
            .Annotation("openshift.io/image.dockerRepositoryCheck", "2020-05-18T08:15:41Z")
            .Public("default-route-openshift-image-registry.apps.ocp43.kvm.local/test/parksmap-katacoda")
            .Spec("1.0.0", TagSourceKind.DockerImage, repo + ":1.0.0", 2)
            .Spec("latest", TagSourceKind.ImageStreamImage, "parksmap-katacoda@" + x, 3)
            .Item("1.0.0", repo + "@" + x, x, M(12), 2)
            .Item("latest", repo + "@" + x, x, M(10), 3)
            .Build();

        var expected = FixtureText.Section("text-bysnupy-parksmap-versionB.txt", "Name:\t\t\tparksmap-katacoda", "$ ", occurrence: 1);
        Assert.Equal(expected, ImageStreamDescriber.Describe(stream, FixedClock.AtNow));
    }

    [Fact]
    public void PushedTagHasNoSpecTag()
    {
        const string digest = "sha256:3cf4982cc9aa5337afdce8c1fb6547bcca029ba32bb8065f62ccc6350da50499";
        var stream = new StreamBuilder("web2", "httpd")
            .Item("latest", "image-registry.openshift-image-registry.svc:5000/httpd/web2@" + digest, digest, S(75))
            .Build();
        var expected = FixtureText.Section("text-josedom24-registro-interno-update.txt", "Unique Images:\t\t1", "oc get images");
        Assert.Equal(expected, FixtureText.FromUniqueImages(ImageStreamDescriber.Describe(stream, FixedClock.AtNow)));
    }

    [Fact]
    public void ScheduledTagUpdatesAutomaticallyAndKeepsOlderItems()
    {
        const string newer = "sha256:20ed24d87a2f66eab7ddae859fe43ad101bea5b28b2101947e1468f24c52470d";
        const string older = "sha256:9577a5de1c8e4590c3e538207f3edb74968e3d119e435cceeeef9853528ab761";
        const string repo = "docker.io/josedom24/imagen-prueba";
        var stream = new StreamBuilder("imagen-prueba", "httpd")
            .Spec("latest", TagSourceKind.DockerImage, repo + ":latest", 2, t => t.ImportPolicy.Scheduled = true)
            .Item("latest", repo + "@" + newer, newer, S(39), 2)
            .Item("latest", repo + "@" + older, older, M(15), 2)
            .Build();
        var text = ImageStreamDescriber.Describe(stream, FixedClock.AtNow);
        var expected = FixtureText.Section("text-josedom24-registro-interno-update.txt", "latest", "oc get deploy", occurrence: 3);
        Assert.Equal(expected, text[text.IndexOf("\n\nlatest\n", StringComparison.Ordinal)..][2..]);
    }

    [Fact]
    public void TagsAreOrderedLatestThenNewestVersionFirst()
    {
        const string a = "sha256:275637c0d0d82c0f87b2269d1871d6a7ad1e81e8960f5ec23fe599e456618b1a";
        const string b = "sha256:13f1a1b11c4a661d9689949b107378773ff23c5ac748dd9ce61b69d1c6804108";
        var stream = new StreamBuilder("web4", "nginx")
            .Spec("2.4.56", TagSourceKind.DockerImage, "docker.io/bitnami/apache:2.4.56", 4)
            .Spec("2.4.57", TagSourceKind.DockerImage, "docker.io/bitnami/apache:2.4.57", 3)
            .Spec("latest", TagSourceKind.DockerImage, "docker.io/bitnami/apache", 2)
            .Item("2.4.56", "docker.io/bitnami/apache@" + b, b, S(2), 4)
            .Item("2.4.57", "docker.io/bitnami/apache@" + a, a, M(3), 3)
            .Item("latest", "docker.io/bitnami/apache@" + a, a, M(7), 2)
            .Build();
        var expected = FixtureText.Section("text-josedom24-crear-is.txt", "Unique Images:\t\t2", "oc get images");
        Assert.Equal(expected, FixtureText.FromUniqueImages(ImageStreamDescriber.Describe(stream, FixedClock.AtNow)));
    }

    [Fact]
    public void ImportByShortNameShowsTheNameAsTyped()
    {
        const string digest = "sha256:a9d1db64126e8554584e2e665bf59f7f3fbb8d2eb128b769b8289f63dae4d065";
        var stream = new StreamBuilder("web3", "nginx")
            .Public("default-route-openshift-image-registry.apps-crc.testing/nginx/web3")
            .Spec("latest", TagSourceKind.DockerImage, "bitnami/nginx", 2)
            .Item("latest", "bitnami/nginx@" + digest, digest, M(3), 2)
            .Build();
        var expected = FixtureText.Section("text-josedom24-crear-is.txt", "Image Repository:\tdefault-route-openshift-image-registry.apps-crc.testing/nginx/web3", "oc get images");
        var text = ImageStreamDescriber.Describe(stream, FixedClock.AtNow);
        Assert.Equal(expected, text[text.IndexOf("Image Repository:", StringComparison.Ordinal)..]);
    }
}
