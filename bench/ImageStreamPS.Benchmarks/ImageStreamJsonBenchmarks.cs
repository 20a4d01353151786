using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ImageStreamPS.OpenShift.Api;
using k8s;

namespace ImageStreamPS.Benchmarks;

/// <summary>
/// Reading and writing an ImageStream (a real one: osbs-stage, 3 tags with history) as the engine
/// does on every GET/PUT, against parsing the same bytes into a bare JsonDocument: the ratio is the
/// price of the typed model.
/// </summary>
[MemoryDiagnoser]
public class ImageStreamJsonBenchmarks
{
    private string json = "";
    private ImageStream stream = new();

    [GlobalSetup]
    public void Setup()
    {
        json = Fixture.Read("imagestream-osbs-3.9.41.json");
        stream = KubernetesJson.Deserialize<ImageStream>(json);
    }

    [Benchmark(Baseline = true)]
    public int ParseUntyped()
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("status").GetProperty("tags").GetArrayLength();
    }

    [Benchmark]
    public int Deserialize() => KubernetesJson.Deserialize<ImageStream>(json).Status.Tags?.Count ?? 0;

    [Benchmark]
    public int Serialize() => Encoding.UTF8.GetByteCount(KubernetesJson.Serialize(stream));
}
