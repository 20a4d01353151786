using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Images;

public class ImageStreamValidationTests
{
    [Theory]
    [InlineData("citas")]
    [InlineData("citas-backend")]
    [InlineData("a.b_c-d")]
    [InlineData("0")]
    public void AcceptsStreamNamesOpenShiftAccepts(string name) => Assert.Empty(ImageStreamValidation.ValidateStreamName(name, "myproject"));

    [Theory]
    [InlineData("Citas", "metadata.name: Invalid value: \"Citas\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"")]
    [InlineData("citas:v1", "metadata.name: Invalid value: \"citas:v1\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"")]
    [InlineData("citas@x", "metadata.name: Invalid value: \"citas@x\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"")]
    [InlineData("a/b", "metadata.name: Invalid value: \"a/b\": may not contain '/'")]
    [InlineData("a%b", "metadata.name: Invalid value: \"a%b\": may not contain '%'")]
    [InlineData(".", "metadata.name: Invalid value: \".\": may not be '.'")]
    [InlineData("..", "metadata.name: Invalid value: \"..\": may not be '..'")]
    [InlineData("a__b", "metadata.name: Invalid value: \"a__b\": must match \"[a-z0-9]+(?:[._-][a-z0-9]+)*\"")]
    [InlineData("", "metadata.name: Required value: name or generateName is required")]
    public void RejectsStreamNamesWithTheServersWords(string name, string message)
    {
        var error = Assert.Single(ImageStreamValidation.ValidateStreamName(name));
        Assert.Equal(message, error.ToString());
    }

    [Fact]
    public void NamespaceAndNameTogetherAreAtMost255Characters()
    {
        var name = new string('a', 255 - "myproject/".Length);
        Assert.Empty(ImageStreamValidation.ValidateStreamName(name, "myproject"));
        var error = Assert.Single(ImageStreamValidation.ValidateStreamName(name + "a", "myproject"));
        Assert.Equal("'namespace/name' cannot be longer than 255 characters", error.Detail);
        Assert.Equal("FieldValueInvalid", error.Reason);
    }

    [Theory]
    [InlineData("v1", true)]
    [InlineData("latest", true)]
    [InlineData("_x", true)]
    [InlineData("1.0-rc_1", true)]
    [InlineData("-v1", false)]
    [InlineData(".v1", false)]
    [InlineData("v1:x", false)]
    [InlineData("v 1", false)]
    [InlineData("vé", false)]
    [InlineData("v1\n", false)]
    [InlineData("", false)]
    public void TagsFollowTheDockerTagGrammar(string tag, bool valid)
    {
        Assert.Equal(valid, ImageStreamValidation.IsValidTag(tag));
        Assert.Equal(valid, ImageStreamValidation.ValidateTag(tag) is null);
    }

    [Fact]
    public void TagsAreAtMost128Characters()
    {
        Assert.True(ImageStreamValidation.IsValidTag(new string('a', 128)));
        Assert.Equal(
            "invalid tag \"" + new string('a', 129) + "\" format, tags must start with an alphanumeric character followed by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters",
            ImageStreamValidation.ValidateTag(new string('a', 129)));
    }

    [Theory]
    [InlineData("sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85", null)]
    [InlineData("sha256:42b6", "invalid checksum digest length")]
    [InlineData("sha1:42b6ff31b8a86e292f5d4aec63eb074144fc134a", "unsupported digest algorithm")]
    [InlineData("sha256:zz", "invalid checksum digest format")]
    [InlineData("sha256", "invalid checksum digest format")]
    [InlineData("", "invalid checksum digest format")]
    [InlineData(":42b6", "invalid checksum digest format")]
    [InlineData("sha256:", "invalid checksum digest format")]
    [InlineData("sha256:42b6:ff31", "invalid checksum digest format")]
    [InlineData("sha 256:42b6", "invalid checksum digest format")]
    [InlineData("sha256:42B6FF31B8A86E292F5D4AEC63EB074144FC134A427D465C77C641E836467A85", null)]
    [InlineData("my_alg+v1.2-x:0a", "unsupported digest algorithm")]
    public void DigestsAreValidatedLikeTheDistributionLibrary(string digest, string? message) =>
        Assert.Equal(message, ImageStreamValidation.ValidateDigest(digest));
}
