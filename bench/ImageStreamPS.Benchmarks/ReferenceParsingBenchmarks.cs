using BenchmarkDotNet.Attributes;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Benchmarks;

/// <summary>
/// The reference grammar every cmdlet runs on its input (citas:v1, ns/citas@sha256:…,
/// docker.io/josedom24/citas-backend:v1), against splitting the same text on '/' and ':' with no
/// validation: the ratio is the price of rejecting bad input before any request is sent.
/// </summary>
[MemoryDiagnoser]
public class ReferenceParsingBenchmarks
{
    private const string Pull = "docker.io/josedom24/citas-backend:v1";
    private const string ByDigest = "quay.io/openshift/origin-cli@sha256:42b6ff31b8a86e292f5d4aec63eb074144fc134a427d465c77c641e836467a85";
    private const string StreamTag = "myproject/citas:v1";

    [Benchmark(Baseline = true)]
    public int SplitWithoutValidation()
    {
        var slash = Pull.LastIndexOf('/');
        var colon = Pull.LastIndexOf(':');
        return Pull[..slash].Split('/').Length + Pull[(slash + 1)..colon].Length + Pull[(colon + 1)..].Length;
    }

    [Benchmark]
    public string DockerImageReferenceByTag() => DockerImageReference.Parse(Pull).Tag;

    [Benchmark]
    public string DockerImageReferenceByDigest() => DockerImageReference.Parse(ByDigest).ID;

    [Benchmark]
    public string? ImageStreamTagReference() => ImageStreamReference.ParseTag(StreamTag).Tag;
}
