using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using k8s;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// What the last read of each Deployment on a connection showed about what to read with it: the label selector of
/// its ReplicaSets and Pods and the image streams its triggers follow. <see cref="RolloutClient.GetAsync"/> sends
/// those reads together with the Deployment's instead of after it, and uses an answer only when the Deployment,
/// once it arrives, asks for exactly that read; anything else is read again. A guess never changes a result, only
/// how many round trips it takes.
/// </summary>
internal sealed class RolloutShapes
{
    // Bounded: a namespace of many apps read once each must not grow this without end.
    private const int MaxEntries = 512;

    private static readonly ConditionalWeakTable<IKubernetes, RolloutShapes> ByConnection = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), RolloutShape> shapes = new();

    /// <summary>The shapes remembered for one connection (one cluster and credentials).</summary>
    public static RolloutShapes Of(IKubernetes kubernetes) => ByConnection.GetValue(kubernetes, static _ => new RolloutShapes());

    /// <summary>
    /// What to read with the Deployment <paramref name="name"/>: as last seen, else the selector <c>oc new-app</c>
    /// (and New-App) gives a Deployment, <c>deployment=NAME</c>, and no stream; null when the name was last seen to
    /// be no Deployment (nothing is read ahead then).
    /// </summary>
    public RolloutShape? Expected(string @namespace, string name) =>
        shapes.TryGetValue((@namespace, name), out var shape) ? (ReferenceEquals(shape, NotADeployment) ? null : shape) : new RolloutShape("deployment=" + name, []);

    /// <summary>Remembers what the Deployment asked for this time.</summary>
    public void Saw(string @namespace, string name, RolloutShape shape)
    {
        if (shapes.Count >= MaxEntries) shapes.Clear();
        shapes[(@namespace, name)] = shape;
    }

    /// <summary>Remembers a name that is no Deployment (a DeploymentConfig, or nothing).</summary>
    public void SawNoDeployment(string @namespace, string name) => Saw(@namespace, name, NotADeployment);

    private static readonly RolloutShape NotADeployment = new(null, []);
}

/// <summary>The reads that go with a Deployment: its ReplicaSets' and Pods' selector (null: none, every one) and the followed streams.</summary>
internal sealed record RolloutShape(string? Selector, IReadOnlyList<(string Namespace, string Name)> Streams);
