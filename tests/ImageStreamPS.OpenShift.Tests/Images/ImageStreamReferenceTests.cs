using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Images;

public class ImageStreamReferenceTests
{
    private const string V2 = "sha256:eae3f65c7760f3834cd08affead4c8972534948b4c73156485e89ea8b9d6ed2d";

    [Theory]
    [InlineData("citas", null, "citas", null, null, ImageStreamReferenceKind.Stream)]
    [InlineData("citas:v1", null, "citas", "v1", null, ImageStreamReferenceKind.Tag)]
    [InlineData("ns/citas:v1", "ns", "citas", "v1", null, ImageStreamReferenceKind.Tag)]
    [InlineData("citas@" + V2, null, "citas", null, V2, ImageStreamReferenceKind.Image)]
    [InlineData("ns/citas@eae3f65c", "ns", "citas", null, "eae3f65c", ImageStreamReferenceKind.Image)]
    [InlineData("my.stream_1-x:V1.0_rc-1", null, "my.stream_1-x", "V1.0_rc-1", null, ImageStreamReferenceKind.Tag)]
    public void ParsesTheFormsUsersType(string text, string? ns, string name, string? tag, string? id, ImageStreamReferenceKind kind)
    {
        var reference = ImageStreamReference.Parse(text);
        Assert.Equal(ns, reference.Namespace);
        Assert.Equal(name, reference.Name);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(id, reference.ImageId);
        Assert.Equal(kind, reference.Kind);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("", "an image stream name is required")]
    [InlineData("a/b/c:v1", "invalid image stream \"a/b/c:v1\"")]
    [InlineData("/citas:v1", "invalid namespace \"\" for image stream \"/citas:v1\"")]
    [InlineData("ns/", "invalid name \"\" for image stream \"ns/\"")]
    [InlineData("citas:v1:v2", "expected exactly one : delimiter in the istag \"citas:v1:v2\"")]
    [InlineData("citas:", "image stream tag name \"citas:\" must have a name and a tag")]
    [InlineData(":v1", "image stream tag name \":v1\" must have a name and a tag")]
    [InlineData("citas@a@b", "expected exactly one @ in the isimage name \"citas@a@b\"")]
    [InlineData("citas@", "image stream image name \"citas@\" must have a name and ID")]
    [InlineData("Citas:v1", "invalid image stream name \"Citas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"")]
    [InlineData("ci--tas", "invalid image stream name \"ci--tas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"")]
    [InlineData("citas:-v1", "invalid tag \"-v1\" format, tags must start with an alphanumeric character followed by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters")]
    [InlineData("citas@not-hex", "invalid image id \"not-hex\" in \"citas@not-hex\": expected a digest such as sha256:<64 hex digits> or a hex prefix of one")]
    public void RejectsWithAClearMessage(string text, string message)
    {
        Assert.False(ImageStreamReference.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImageStreamReference.Parse(text)).Message);
    }

    [Fact]
    public void ParseTagRequiresATag()
    {
        Assert.Equal("citas:prod", ImageStreamReference.ParseTag("citas:prod").ObjectName);
        Assert.Equal("\"citas\" must be of the form <stream_name>:<tag>", Assert.Throws<FormatException>(() => ImageStreamReference.ParseTag("citas")).Message);
    }

    [Fact]
    public void NamespaceFallsBackToTheDefault()
    {
        Assert.Equal("myproject", ImageStreamReference.Parse("citas:v1").NamespaceOr("myproject"));
        Assert.Equal("other", ImageStreamReference.Parse("other/citas:v1").NamespaceOr("myproject"));
    }

    [Fact]
    public void BadNamespaceIsNamed()
    {
        Assert.False(ImageStreamReference.TryParse("My_NS/citas:v1", out _, out var error));
        Assert.StartsWith("invalid namespace \"My_NS\" for image stream \"My_NS/citas:v1\": a lowercase RFC 1123 label", error);
    }
}
