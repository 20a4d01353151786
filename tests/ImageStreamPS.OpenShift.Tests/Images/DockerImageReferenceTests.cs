using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Images;

public class DockerImageReferenceTests
{
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";

    [Theory]
    [InlineData("docker.io/josedom24/citas-backend:v1", "docker.io", "josedom24", "citas-backend", "v1", "")]
    [InlineData("docker.io/library/x:tag", "docker.io", "library", "x", "tag", "")]
    [InlineData("citas:v1", "", "", "citas", "v1", "")]
    [InlineData("citas", "", "", "citas", "", "")]
    [InlineData("ns/citas:v1", "", "ns", "citas", "v1", "")]
    [InlineData("citas@" + V1, "", "", "citas", "", V1)]
    [InlineData("127.0.0.1:5000/ns/name@" + V1, "127.0.0.1:5000", "ns", "name", "", V1)]
    [InlineData("localhost/foo", "localhost", "", "foo", "", "")]
    [InlineData("localhost:5000/foo/bar:1.0", "localhost:5000", "foo", "bar", "1.0", "")]
    [InlineData("quay.io/a/b/c:t@" + V1, "quay.io", "a", "b/c", "t", V1)]
    [InlineData("image-registry.openshift-image-registry.svc:5000/NS-x/citas", "", "", "", "", "")]
    [InlineData("foo/bar/baz", "", "foo", "bar/baz", "", "")]
    [InlineData("docker.io", "docker.io", "", "", "", "")]
    [InlineData("registry.example.com:443", "registry.example.com:443", "", "", "", "")]
    [InlineData("a__b.c-d---e", "a__b.c-d---e", "", "", "", "")]
    [InlineData("a__b-c--d", "", "", "a__b-c--d", "", "")]
    [InlineData("localhostx:1", "localhostx:1", "", "", "", "")]
    [InlineData("Host.Example.COM/ns/name", "Host.Example.COM", "ns", "name", "", "")]
    public void ParsesLikeLibraryGo(string spec, string registry, string ns, string name, string tag, string id)
    {
        if (spec.Contains("NS-x"))
        {
            // uppercase in a path component is an error even behind a valid registry
            Assert.False(DockerImageReference.TryParse(spec, out _, out var error));
            Assert.Equal("repository name must be lowercase", error);
            return;
        }
        var reference = DockerImageReference.Parse(spec);
        Assert.Equal(new DockerImageReference { Registry = registry, Namespace = ns, Name = name, Tag = tag, ID = id }, reference);
    }

    [Theory]
    [InlineData("", "repository name must have at least one component")]
    [InlineData("Citas:v1", "repository name must be lowercase")]
    [InlineData("docker.io/Josedom24/citas-backend", "repository name must be lowercase")]
    [InlineData("citas:", "invalid reference format")]
    [InlineData("citas:v1:v2", "invalid reference format")]
    [InlineData(":v1", "invalid reference format")]
    [InlineData("citas@sha256:abc", "invalid reference format")]
    [InlineData("citas@sha256:42b6ff31b8a86e292f5d4aec63eb0741", "invalid checksum digest length")]
    [InlineData("citas@md5:42b6ff31b8a86e292f5d4aec63eb0741", "unsupported digest algorithm")]
    [InlineData("citas backend", "invalid reference format")]
    [InlineData("citas\n", "invalid reference format")]
    [InlineData("-citas", "invalid reference format")]
    [InlineData("citas-", "invalid reference format")]
    [InlineData("a..b", "invalid reference format")]
    [InlineData("a//b", "invalid reference format")]
    [InlineData("a/b/", "invalid reference format")]
    [InlineData("citas:.v1", "invalid reference format")]
    [InlineData("https://docker.io/x", "invalid reference format")]
    public void RejectsWithLibraryGoMessage(string spec, string message)
    {
        Assert.False(DockerImageReference.TryParse(spec, out var reference, out var error));
        Assert.Null(reference);
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => DockerImageReference.Parse(spec)).Message);
    }

    [Fact]
    public void TagsLongerThan128CharactersAreRejected()
    {
        Assert.True(DockerImageReference.TryParse("a:" + new string('t', 128), out _));
        Assert.False(DockerImageReference.TryParse("a:" + new string('t', 129), out _));
    }

    [Fact]
    public void NamesLongerThan255CharactersAreRejected()
    {
        var name = string.Join('/', Enumerable.Repeat(new string('a', 63), 4)) + "b"; // 256
        Assert.False(DockerImageReference.TryParse(name, out _, out var error));
        Assert.Equal("repository name must not be more than 255 characters", error);
        Assert.True(DockerImageReference.TryParse(name[..^1], out _));
    }

    [Fact]
    public void DockerClientDefaultsAddHubLibraryAndLatest()
    {
        var defaulted = DockerImageReference.Parse("x").DockerClientDefaults();
        Assert.Equal("docker.io/library/x:latest", defaulted.Exact());
        Assert.Equal("quay.io/x:latest", DockerImageReference.Parse("quay.io/x").DockerClientDefaults().Exact());
        Assert.True(DockerImageReference.Parse("foobar").IsEquivalentTo(DockerImageReference.Parse("docker.io/library/foobar:latest")));
        Assert.False(DockerImageReference.Parse("foobar").IsEquivalentTo(DockerImageReference.Parse("quay.io/foobar")));
    }

    [Fact]
    public void ExactPrintsOnlyWhatIsSetAndToStringAddsLibraryForHub()
    {
        Assert.Equal("docker.io/x:1", DockerImageReference.Parse("docker.io/x:1").Exact());
        Assert.Equal("docker.io/library/x:1", DockerImageReference.Parse("docker.io/x:1").ToString());
        Assert.Equal("citas@" + V1, DockerImageReference.Parse("citas@" + V1).Exact());
    }

    [Fact]
    public void MostSpecificDropsTheTagWhenADigestIsPresent()
    {
        var reference = DockerImageReference.Parse("docker.io/josedom24/citas-backend:v1@" + V1);
        Assert.Equal("docker.io/josedom24/citas-backend@" + V1, reference.MostSpecific().Exact());
        Assert.Equal("docker.io/josedom24/citas-backend", reference.AsRepository().Exact());
        Assert.Equal("josedom24/citas-backend", reference.RepositoryName());
    }

    [Fact]
    public void DaemonMinimalAndAsV2HandleDockerHubAliases()
    {
        Assert.Equal("docker.io/x", DockerImageReference.Parse("index.docker.io/library/x:latest").DaemonMinimal().Exact());
        Assert.Equal("docker.io/x", DockerImageReference.Parse("registry-1.docker.io/library/x:latest").DaemonMinimal().Exact());
        Assert.Equal("registry-1.docker.io/josedom24/citas-backend:v1", DockerImageReference.Parse("docker.io/josedom24/citas-backend:v1").AsV2().Exact());
        Assert.Equal("quay.io/a:b", DockerImageReference.Parse("quay.io/a:b").AsV2().Exact());
    }
}
