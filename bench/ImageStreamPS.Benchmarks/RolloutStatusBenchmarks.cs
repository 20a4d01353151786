using BenchmarkDotNet.Attributes;
using ImageStreamPS.OpenShift.Apps;
using k8s;
using k8s.Models;

namespace ImageStreamPS.Benchmarks;

/// <summary>
/// What Get-AppRollout -Wait does per watch event: read the Deployment, then decide with
/// kubectl's rollout-status rules whether it is done. The ratio shows how much of that the
/// decision costs next to reading the event.
/// </summary>
[MemoryDiagnoser]
public class RolloutStatusBenchmarks
{
    private string json = "";
    private V1Deployment deployment = new();

    [GlobalSetup]
    public void Setup()
    {
        deployment = KubernetesYaml.Deserialize<V1Deployment>(Fixture.Read("deployment-bysnupy-parksmap-after-trigger.yaml"));
        json = KubernetesJson.Serialize(deployment);
    }

    [Benchmark(Baseline = true)]
    public int ReadEvent() => KubernetesJson.Deserialize<V1Deployment>(json).Status?.Replicas ?? 0;

    [Benchmark]
    public RolloutStatus Evaluate() => DeploymentStatusViewer.Evaluate(deployment).Status;

    [Benchmark]
    public RolloutStatus ReadAndEvaluate() => DeploymentStatusViewer.Evaluate(KubernetesJson.Deserialize<V1Deployment>(json)).Status;
}
