using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.ImageStreams;
using YamlDotNet.Core;

namespace ImageStreamPS.OpenShift.Tests.ImageStreams;

/// <summary>The one YAML reader: go-yaml v2's scalars (as sigs.k8s.io/yaml reads them) and bounds that turn crafted input into errors.</summary>
public class YamlReaderTests
{
    // go-yaml v2 resolve.go: plain y/yes/on are true, n/no/off false; ints through strconv.ParseInt(s, 0, 64) with '_'
    // removed; yamlStyleFloat for floats; quoted and block scalars are strings.
    [Theory]
    [InlineData("v: yes", "true")]
    [InlineData("v: On", "true")]
    [InlineData("v: n", "false")]
    [InlineData("v: 'yes'", "\"yes\"")]
    [InlineData("v: \"on\"", "\"on\"")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: 017", "15")]
    [InlineData("v: 1_000", "1000")]
    [InlineData("v: -42", "-42")]
    [InlineData("v: 18446744073709551615", "18446744073709551615")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: 1e3", "1000")]
    [InlineData("v: ~", "null")]
    [InlineData("v: 1.2.3", "\"1.2.3\"")]
    [InlineData("v: 2001-12-14", "\"2001-12-14\"")]
    public void PlainScalarsResolveAsGoYamlV2Does(string yaml, string json) =>
        Assert.Equal(json, YamlReader.ReadFirst(yaml)!["v"]?.ToJsonString() ?? "null");

    [Fact]
    public void NestingDeeperThanTheLimitIsAnErrorNotAStackOverflow()
    {
        // 40,000 levels in 80 KB: the body that used to kill the process.
        var text = new string('[', 40_000) + new string(']', 40_000);

        var error = Assert.Throws<YamlException>(() => YamlReader.ReadDocuments(text));

        Assert.Contains($"exceeded max depth of {YamlReader.MaxDepth}", error.Message);
    }

    [Fact]
    public void NestingUpToTheLimitReads()
    {
        var text = new string('[', YamlReader.MaxDepth) + new string(']', YamlReader.MaxDepth);
        Assert.IsType<JsonArray>(YamlReader.ReadFirst(text));
    }

    [Theory]
    [InlineData(9, 9)]   // the classic billion laughs, 400-odd bytes
    [InlineData(6, 30)]
    public void AliasBombsStopAtTheExpansionLimit(int levels, int width)
    {
        var text = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (var i = 1; i <= levels; i++)
            text.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", width))}]\n");
        var memory = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<YamlException>(() => YamlReader.ReadDocuments(text.ToString()));

        Assert.Contains("excessive aliasing", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - memory < 512L * 1024 * 1024, "the expansion allocated more than 512 MB before it was stopped");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void AnAliasWithinTheLimitExpandsToACopy()
    {
        var json = YamlReader.ReadFirst("base: &b {image: citas}\nprod: *b\n")!;
        Assert.Equal("citas", json["prod"]!["image"]!.GetValue<string>());
        json["prod"]!["image"] = "changed";
        Assert.Equal("citas", json["base"]!["image"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("? [a, b]\n: c\n")]
    [InlineData("{[a]: b}")]
    [InlineData("k: &m {a: 1}\n*m : v\n")]
    public void AKeyThatIsNotAScalarIsAnError(string yaml) =>
        Assert.Contains("invalid map key", Assert.Throws<YamlException>(() => YamlReader.ReadDocuments(yaml)).Message);

    [Fact]
    public void TextLargerThanTheRequestLimitIsRefused() =>
        Assert.Throws<YamlException>(() => YamlReader.ReadDocuments("a: " + new string('x', YamlReader.MaxBytes)));

    [Fact]
    public void ADeepManifestFileIsAnInvalidDataError()
    {
        // New-ImageStream -Path reads files through ImageStreamManifest: a 200 KB nest is a categorized error.
        var text = "kind: ImageStream\nmetadata: " + new string('[', 100_000) + new string(']', 100_000);
        var error = Assert.Throws<InvalidDataException>(() => ImageStreamManifest.Read(text));
        Assert.Contains("exceeded max depth", error.Message);
    }

    [Fact]
    public void SeveralDocumentsAndListsStillRead()
    {
        var objects = OpenShiftYaml.ReadObjects("kind: List\napiVersion: v1\nitems:\n- kind: ImageStream\n  metadata: {name: a}\n---\nkind: ImageStream\nmetadata:\n  name: b\n");
        Assert.Equal(["a", "b"], objects.Select(o => o["metadata"]!["name"]!.GetValue<string>()));
    }

    // go-yaml's reader (readerc.go yaml_parser_update_buffer) admits only YAML's printable characters, so a
    // binary file is "control characters are not allowed"; tab, CR/LF, NEL, U+FFFD and astral characters pass.
    [Theory]
    [InlineData("a: \u0000")]
    [InlineData("a: b\u0007")]
    [InlineData("a: \u007F")]
    [InlineData("a: \uFFFE")]
    public void ControlCharactersAreNotAllowed(string yaml)
    {
        var error = Assert.Throws<YamlException>(() => YamlReader.ReadDocuments(yaml));
        Assert.Contains("control characters are not allowed", error.Message);
    }

    [Fact]
    public void PrintableTextPasses() =>
        Assert.Equal("b\tc \u00E9 \U0001F600 \uFFFD", YamlReader.ReadFirst("a: \"b\tc \u00E9 \U0001F600 \uFFFD\"\r\n")!["a"]!.GetValue<string>());

    // yaml_parser_determine_encoding: UTF-16 after its byte order mark, else UTF-8; bytes that are not UTF-8 fail
    // (go-yaml: "invalid leading UTF-8 octet") rather than turning into U+FFFD.
    [Fact]
    public void FileBytesDecodeAsGoYamlDecodesThem()
    {
        Assert.Equal("a: é", YamlReader.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a: é")]));
        Assert.Equal("a: é", YamlReader.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a: é")]));
        Assert.Equal("a: é", YamlReader.Decode([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("a: é")]));

        var latin1 = Assert.Throws<YamlException>(() => YamlReader.Decode(Encoding.Latin1.GetBytes("a: café")));
        Assert.Contains("invalid UTF-8 text at byte 6", latin1.Message);
    }
}
