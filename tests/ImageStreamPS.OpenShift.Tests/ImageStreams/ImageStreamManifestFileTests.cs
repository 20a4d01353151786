using System.Text;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

/// <summary>
/// What <c>New-ImageStream -Path</c> reads: a file oc create -f would refuse is an <see cref="InvalidDataException"/>
/// (the cmdlet's ManifestInvalid), never a silent "created nothing".
/// </summary>
public sealed class ImageStreamManifestFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // oc create -f of a file with no objects: "error: no objects passed to create".
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n---\n")]
    [InlineData("kind: List\napiVersion: v1\nitems: []\n")]
    public void AManifestWithoutObjectsIsAnError(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => ImageStreamManifest.Read(text));
        Assert.Equal("The manifest holds no objects: no objects passed to create.", error.Message);
    }

    // kubectl decodes each document into an object; a scalar or list document is refused, not skipped.
    [Theory]
    [InlineData("hello", "document 1 is not an object (string)")]
    [InlineData("kind: ImageStream\nmetadata: {name: a}\n---\n- a\n", "document 2 is not an object (array)")]
    public void ADocumentThatIsNoObjectIsAnError(string text, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => ImageStreamManifest.Read(text));
        Assert.StartsWith("The manifest is not valid YAML: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task ABinaryFileIsAnErrorBeforeAnythingIsCreated()
    {
        var path = Path.Combine(_dir, "image.gz");
        await File.WriteAllBytesAsync(path, [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x4C, 0x4A, 0x06, 0x00], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ImageStreamManifest.ReadFileAsync(path, TestContext.Current.CancellationToken));

        Assert.StartsWith("The manifest is not valid YAML: yaml: ", error.Message);
    }

    [Fact]
    public async Task AFileLargerThanTheRequestLimitIsRefusedUnread()
    {
        var path = Path.Combine(_dir, "large.yaml");
        await using (var file = File.Create(path)) file.SetLength(YamlReader.MaxBytes + 1L);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ImageStreamManifest.ReadFileAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"The manifest is larger than {YamlReader.MaxBytes} bytes, the API server's request limit.", error.Message);
    }

    [Fact]
    public async Task AUtf16FileWrittenByWindowsPowerShellIsRead()
    {
        var path = Path.Combine(_dir, "utf16.yaml");
        await File.WriteAllTextAsync(path, "kind: ImageStream\napiVersion: image.openshift.io/v1\nmetadata:\n  name: citas\n", Encoding.Unicode,
            TestContext.Current.CancellationToken);

        var objects = await ImageStreamManifest.ReadFileAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("citas", Assert.Single(objects).Stream!.Metadata.Name);
    }
}
