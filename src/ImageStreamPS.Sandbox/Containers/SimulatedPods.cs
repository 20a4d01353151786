using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Containers;

/// <summary>
/// What answers at a Pod's IP and port, in a sandbox that runs no containers: a started container
/// whose image declares its answers (<see cref="DeclaredAnswers"/>) answers exactly those; a Pod
/// whose containers have not started, or that is gone, refuses the connection, as a real one would;
/// a started Pod whose image declares nothing cannot answer, and the caller is told why.
/// </summary>
public sealed class SimulatedPods(ApiService api)
{
    /// <summary>
    /// How long a deleted Pod's container goes on answering. The sandbox's kubelet removes a deleted Pod
    /// at once; a real one removes it when its containers have stopped, and a container serves what is
    /// in flight (and what a router still sends it) while it stops.
    /// </summary>
    public static readonly TimeSpan StopTime = TimeSpan.FromSeconds(2);

    // Images are immutable: what an image declares is read once per digest.
    private readonly ConcurrentDictionary<string, ImageDeclaration> _declarations = new(StringComparer.Ordinal);
    // The last state of each Pod that answered, and when it was read: what a stopping container still serves.
    private readonly ConcurrentDictionary<string, (V1Pod Pod, DateTimeOffset Seen)> _running = new(StringComparer.Ordinal);

    /// <summary>Sends one request to <paramref name="podIP"/>:<paramref name="port"/>, the Pod named by the endpoint's targetRef when known.</summary>
    public PodReply Send(string podIP, int port, string? podNamespace, string? podName, string method, string path)
    {
        var pod = FindPod(podIP, podNamespace, podName);
        if (pod is null) return new PodRefused(PodRefusal.NoPod, $"{podNamespace}/{podName}", podIP);
        var who = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

        var running = (pod.Status?.ContainerStatuses ?? [])
            .Where(s => s.State?.Running is not null)
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        var containers = (pod.Spec?.Containers ?? []).Where(c => running.Contains(c.Name)).ToList();
        if (containers.Count == 0) return new PodRefused(PodRefusal.NotStarted, who, podIP);

        var declarations = containers.Select(c => (Container: c, Declaration: Declaration(c.Image ?? ""))).ToList();
        if (declarations.FirstOrDefault(d => d.Declaration.Answers?.Port == port) is { Container: not null } listening)
        {
            var answers = listening.Declaration.Answers!;
            if (answers.Find(method, path) is { } answer)
            {
                return new PodAnswered(answer.Status, answer.ContentType, answer.Body ?? "", who);
            }
            return new PodAnswered(404, "text/plain; charset=utf-8",
                $"Not Found: the sandbox runs no containers. For {listening.Container.Image} it answers only what the image declares " +
                $"on port {port} ({answers.Describe()}).\n", who);
        }
        // Some container declares answers on another port: nothing listens on this one.
        if (declarations.Any(d => d.Declaration.Answers is not null)) return new PodRefused(PodRefusal.NotListening, who, podIP);

        var first = declarations[0];
        return new PodUnsimulated(
            $"The sandbox runs no containers, so pod {who} cannot answer this request: {first.Declaration.Why} " +
            $"The sandbox answers for images that declare their answers in the label {DeclaredAnswers.LabelKey}, as the tutorial's " +
            "josedom24/citas-backend images do.\n", who);
    }

    private V1Pod? FindPod(string podIP, string? ns, string? name)
    {
        if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(name))
            return api.List("", "pods", null).Items.Select(Decode<V1Pod>).FirstOrDefault(p => p?.Status?.PodIP == podIP);

        var key = ns + "/" + name;
        var pod = Decode<V1Pod>(api.TryGet("", "pods", ns, name));
        if (pod is null)
        {
            // Gone: its container is still stopping for a moment after it last answered.
            if (_running.TryGetValue(key, out var last) && api.Now - last.Seen < StopTime && last.Pod.Status?.PodIP == podIP) return last.Pod;
            _running.TryRemove(key, out _);
            return null;
        }
        if (pod.Status?.PodIP != podIP) return null;
        _running[key] = (pod, api.Now);
        if (_running.Count > 1024)
            foreach (var stale in _running.Where(r => api.Now - r.Value.Seen > StopTime).Select(r => r.Key).ToList()) _running.TryRemove(stale, out _);
        return pod;
    }

    private ImageDeclaration Declaration(string image)
    {
        if (!DockerImageReference.TryParse(image, out var reference) || string.IsNullOrEmpty(reference.ID))
            return new ImageDeclaration(null, $"the sandbox reads what an image declares from the image the cluster imported, by digest, and {image} names no digest.");
        if (_declarations.TryGetValue(reference.ID, out var known)) return known;

        var imageObject = api.TryGet("image.openshift.io", "images", null, reference.ID);
        // Not imported (yet): not remembered, so a later import is seen.
        if (imageObject is null) return new ImageDeclaration(null, $"the cluster has no image {reference.ID}, so the sandbox cannot read what {image} declares.");
        var label = (imageObject["dockerImageMetadata"]?["Config"]?["Labels"] as JsonObject)?[DeclaredAnswers.LabelKey]?.GetValue<string>();
        var declaration = label is null
            ? new ImageDeclaration(null, $"its image {image} declares no answers.")
            : DeclaredAnswers.TryParse(label, out var answers, out var error)
                ? new ImageDeclaration(answers, "")
                : new ImageDeclaration(null, $"the label {DeclaredAnswers.LabelKey} of its image {image} is not valid ({error}).");
        return _declarations.GetOrAdd(reference.ID, declaration);
    }

    private static T? Decode<T>(JsonObject? json) where T : class => json is null ? null : KubernetesJson.Deserialize<T>(json.ToJsonString());

    private sealed record ImageDeclaration(DeclaredAnswers? Answers, string Why);
}

/// <summary>What came back from a simulated Pod.</summary>
public abstract record PodReply(string Pod);

/// <summary>The Pod's container answered (as its image declares).</summary>
public sealed record PodAnswered(int Status, string? ContentType, string Body, string Pod) : PodReply(Pod);

/// <summary>The connection was refused: nothing listens at that address and port.</summary>
public sealed record PodRefused(PodRefusal Reason, string Pod, string PodIP) : PodReply(Pod);

/// <summary>The Pod runs, but the sandbox cannot stand in for its container; <see cref="Message"/> says why.</summary>
public sealed record PodUnsimulated(string Message, string Pod) : PodReply(Pod);

/// <summary>Why a connection to a Pod was refused.</summary>
public enum PodRefusal
{
    /// <summary>No Pod has that IP (any more).</summary>
    NoPod,
    /// <summary>The Pod exists, but its containers have not started: it is not ready.</summary>
    NotStarted,
    /// <summary>The Pod's containers answer on other ports.</summary>
    NotListening,
}
