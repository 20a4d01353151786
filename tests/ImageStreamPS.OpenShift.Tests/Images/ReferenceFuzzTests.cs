using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.OpenShift.Tests.Images;

/// <summary>Property tests over generated and mutated input (fixed seeds, so every run checks the same cases).</summary>
public class ReferenceFuzzTests
{
    private const string Alphabet = "abcz019AZ._-_:/@ \t\n%#!é\u0000";
    private const string V1 = "sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";

    public static IEnumerable<TheoryDataRow<int>> Seeds() => Enumerable.Range(1, 20).Select(i => new TheoryDataRow<int>(i));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ArbitraryTextNeverThrowsAndAcceptedSpecsRoundTrip(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var text = RandomText(random, Alphabet, random.Next(0, 40));
            var ok = DockerImageReference.TryParse(text, out var reference, out var error);
            if (!ok)
            {
                Assert.False(string.IsNullOrEmpty(error));
                continue;
            }
            Assert.DoesNotContain(text, c => char.IsWhiteSpace(c) || c is '%' or '#' or '!' or 'é' or '\u0000');
            if (reference.Name.Length == 0)
                continue; // registry-only specs print as "host/", as library-go does
            // whatever parses prints back to a spec that parses to the same reference
            var again = DockerImageReference.Parse(reference.Exact());
            Assert.Equal(reference.ID.Length > 0 ? reference with { Tag = "" } : reference, again);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedValidSpecsParseIntoTheirParts(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var registry = random.Next(3) switch { 0 => "", 1 => "quay.io", _ => "127.0.0.1:" + random.Next(1, 65535) };
            var ns = random.Next(2) == 0 ? "" : Component(random);
            var name = Component(random);
            var tag = random.Next(2) == 0 ? "" : TagText(random);
            var id = random.Next(3) == 0 ? V1 : "";
            var spec = (registry.Length > 0 ? registry + "/" : "") + (ns.Length > 0 ? ns + "/" : "") + name
                + (tag.Length > 0 ? ":" + tag : "") + (id.Length > 0 ? "@" + id : "");

            var reference = DockerImageReference.Parse(spec);
            var first = ns.Length > 0 ? ns : name;
            if (registry.Length == 0 && (first.Contains('.') || first.StartsWith("localhost")))
                continue; // a dotted first component is a registry: covered by the table tests
            Assert.Equal(registry, reference.Registry);
            Assert.Equal(ns, reference.Namespace);
            Assert.Equal(name, reference.Name);
            Assert.Equal(tag, reference.Tag);
            Assert.Equal(id, reference.ID);
            // as library-go's NameString: with a digest, the tag is not printed
            var expected = (registry.Length > 0 ? registry + "/" : "") + (ns.Length > 0 ? ns + "/" : "") + name
                + (id.Length > 0 ? "@" + id : tag.Length > 0 ? ":" + tag : "");
            Assert.Equal(expected, reference.Exact());
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StreamReferencesNeverThrowFromTryParse(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var text = RandomText(random, Alphabet, random.Next(0, 30));
            if (ImageStreamReference.TryParse(text, out var reference, out var error))
            {
                Assert.True(ImageStreamValidation.IsValidStreamName(reference.Name));
                Assert.Equal(reference, ImageStreamReference.Parse(reference.ToString()));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }

    [Fact]
    public void PathologicalInputIsRejectedQuickly()
    {
        // exponential backtracking on the component grammar would never finish this
        var text = string.Concat(Enumerable.Repeat("a-", 5000)) + "!";
        Assert.False(DockerImageReference.TryParse(text, out _));
        Assert.False(ImageStreamValidation.IsValidStreamName(text));
    }

    private static string RandomText(Random random, string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    private static string Component(Random random)
    {
        const string alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
        string[] separators = [".", "_", "__", "-", "--"];
        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomText(random, alnum, random.Next(1, 6)));
        return string.Join(separators[random.Next(separators.Length)], parts);
    }

    private static string TagText(Random random)
    {
        const string first = "abcXYZ019_";
        const string rest = "abcXYZ019_.-";
        return RandomText(random, first, 1) + RandomText(random, rest, random.Next(0, 20));
    }
}
