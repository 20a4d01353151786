using BenchmarkDotNet.Attributes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Describe;
using k8s;

namespace ImageStreamPS.Benchmarks;

/// <summary>
/// Get-ImageStream | Format-List renders what oc describe is prints; this is that formatter on a
/// real stream, against reading the same stream from JSON (what the GET before it costs).
/// </summary>
[MemoryDiagnoser]
public class DescribeBenchmarks
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
    public int ReadStream() => KubernetesJson.Deserialize<ImageStream>(json).Spec.Tags?.Count ?? 0;

    [Benchmark]
    public int Describe() => ImageStreamDescriber.Describe(stream).Length;
}
