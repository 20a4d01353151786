using System.Net;
using System.Text.Json;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// Reads rollouts (Deployments, and DeploymentConfigs where the cluster serves apps.openshift.io)
/// with their ReplicaSets and Pods, and follows one through a watch until it settles.
/// </summary>
public sealed class RolloutClient(IKubernetes kubernetes)
{
    /// <summary>A client over the session's connection (the module hands connections, never KubernetesClient types).</summary>
    public RolloutClient(OpenShiftConnection connection) : this(connection.Client)
    {
    }

    // The watch is re-opened when the server ends it; the timeout keeps a stalled connection from living forever.
    private const int WatchTimeoutSeconds = 300;
    private bool? servesDeploymentConfigs;

    /// <summary>The rollout named <paramref name="name"/> (a Deployment first, then a DeploymentConfig), or null.</summary>
    /// <remarks>
    /// What depends on the Deployment (its ReplicaSets and Pods by its selector, the streams its triggers follow)
    /// is sent together with the Deployment's read when it can be told in advance (<see cref="RolloutShapes"/>:
    /// as the last read on this connection showed it, else <c>oc new-app</c>'s <c>deployment=NAME</c>), so a
    /// rollout read before costs one round trip of waiting. An answer read ahead is used only when the Deployment
    /// asks for exactly that read; otherwise it is read again after it, as it is for a DeploymentConfig (the
    /// workload first, then its ReplicationControllers, Pods and streams together).
    /// </remarks>
    public async Task<Rollout?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var shapes = RolloutShapes.Of(kubernetes);
        var expected = shapes.Expected(@namespace, name);
        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var early = expected is null ? null : ReadAhead(@namespace, expected, ahead.Token);
        try
        {
            if (await ReadDeploymentAsync(@namespace, name, cancellationToken).ConfigureAwait(false) is { } deployment)
            {
                var triggers = RolloutTriggers.Of(deployment);
                var shape = new RolloutShape(LabelSelector(deployment.Spec?.Selector?.MatchLabels), StreamKeys([triggers]));
                var streams = ReadStreamsAsync([triggers], cancellationToken, early?.Streams);
                var rollout = early is not null && early.Shape.Selector == shape.Selector
                    ? ReadAsync(deployment, early.ReplicaSets, early.Pods)
                    : ReadAsync(deployment, cancellationToken);
                await Task.WhenAll(streams, rollout).ConfigureAwait(false);
                shapes.Saw(@namespace, name, shape);
                return WithImageTags(rollout.Result, streams.Result);
            }
        }
        finally
        {
            // Reads ahead that were not used (another selector, no such Deployment, a failure) are stopped.
            ahead.Cancel();
            early?.Observe();
        }

        shapes.SawNoDeployment(@namespace, name);
        if (await ReadDeploymentConfigAsync(@namespace, name, cancellationToken).ConfigureAwait(false) is { } config)
        {
            var streams = ReadStreamsAsync([DeploymentConfigRollout.TriggersOf(config)], cancellationToken);
            var rollout = ReadAsync(config, cancellationToken);
            await Task.WhenAll(streams, rollout).ConfigureAwait(false);
            return WithImageTags(rollout.Result, streams.Result);
        }
        return null;
    }

    /// <summary>
    /// Fills <see cref="Rollout.ImageTags"/> and <see cref="Rollout.TagsByDigest"/>: reads each
    /// triggering image stream once (all of them at the same time) and names, per image, the tags whose
    /// current image it is. A stream that cannot be read adds nothing.
    /// </summary>
    public async Task<IReadOnlyList<Rollout>> WithImageTagsAsync(IReadOnlyList<Rollout> rollouts, CancellationToken cancellationToken)
    {
        var streams = await ReadStreamsAsync(rollouts.Select(r => r.Triggers), cancellationToken).ConfigureAwait(false);
        return rollouts.Select(r => WithImageTags(r, streams)).ToList();
    }

    /// <summary>
    /// <c>oc rollout history</c>: the rollout's revisions (<see cref="RolloutHistory"/>), each with the tags of
    /// its triggering streams that point at the image it ran; null when there is no such rollout.
    /// </summary>
    public async Task<IReadOnlyList<RolloutRevision>?> HistoryAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        if (await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) is not { } rollout) return null;
        return RolloutHistory.Of(rollout)
            .Select(r => r with { ImageTags = RolloutRuns.TagsOf(r.Digest, rollout), Runs = RolloutRuns.NameOf(r.Image, rollout) })
            .ToList();
    }

    // The tags of the rollout's triggering streams by the digest they point at now (ImageNames.TagsByDigest).
    private static Rollout WithImageTags(Rollout rollout, IReadOnlyDictionary<(string, string), ImageStream?> streams)
    {
        if (rollout.Triggers.Count == 0) return rollout;
        var read = rollout.Triggers.Select(t => (t.Namespace, t.Stream)).Distinct()
            .Select(key => streams.GetValueOrDefault(key)).OfType<ImageStream>().ToList();
        var tagsByDigest = ImageNames.TagsByDigest(read, rollout.Namespace);
        var digest = rollout.Digest;
        return rollout with
        {
            TagsByDigest = tagsByDigest,
            ImageTags = digest is not null && tagsByDigest.TryGetValue(digest, out var tags) ? tags : [],
        };
    }

    // Streams read at the same time this many at most, so a namespace of many apps does not open a connection each.
    private const int ConcurrentStreamReads = 8;

    // The streams the triggers follow (namespace, name), each once.
    private static List<(string Namespace, string Name)> StreamKeys(IEnumerable<IReadOnlyList<RolloutTrigger>> triggers) =>
        triggers.SelectMany(t => t).Select(t => (t.Namespace, t.Stream)).Distinct().ToList();

    // Each stream the triggers follow, read once (or taken from what was read ahead); null for one that cannot be read.
    private async Task<IReadOnlyDictionary<(string, string), ImageStream?>> ReadStreamsAsync(
        IEnumerable<IReadOnlyList<RolloutTrigger>> triggers, CancellationToken cancellationToken,
        IReadOnlyDictionary<(string, string), Task<ImageStream?>>? readAhead = null)
    {
        var keys = StreamKeys(triggers);
        using var slots = new SemaphoreSlim(ConcurrentStreamReads);
        var reads = keys.Select(async key =>
        {
            if (readAhead is not null && readAhead.TryGetValue(key, out var early)) return await early.ConfigureAwait(false);
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await ReadImageStreamAsync(key.Namespace, key.Name, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var read = await Task.WhenAll(reads).ConfigureAwait(false);
        return keys.Zip(read).ToDictionary(p => p.First, p => p.Second);
    }

    private async Task<ImageStream?> ReadImageStreamAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<ImageStream>(
                ImageStream.KubeGroup, ImageStream.KubeApiVersion, ApiPath.Namespace(ns), ImageStream.KubePluralName, ApiPath.Name(name), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    /// <summary>
    /// Every rollout in the namespace (or those whose workload matches <paramref name="labelSelector"/>),
    /// ReplicaSets and Pods read once for all of them.
    /// </summary>
    public async Task<IReadOnlyList<Rollout>> ListAsync(string @namespace, CancellationToken cancellationToken, string? labelSelector = null)
    {
        var ns = ApiPath.Namespace(@namespace);
        var listingDeployments = kubernetes.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken);
        var listingConfigs = ListDeploymentConfigsAsync(@namespace, labelSelector, cancellationToken);
        await Task.WhenAll(listingDeployments, listingConfigs).ConfigureAwait(false);
        var deployments = listingDeployments.Result.Items;
        var configs = listingConfigs.Result;
        if (deployments.Count == 0 && configs.Count == 0) return [];

        // What the workloads need, all at once: Pods, their ReplicaSets or ReplicationControllers, the streams they follow.
        var pods = kubernetes.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken);
        var replicaSets = deployments.Count > 0 ? kubernetes.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: cancellationToken) : null;
        var controllers = configs.Count > 0 ? kubernetes.CoreV1.ListNamespacedReplicationControllerAsync(ns, cancellationToken: cancellationToken) : null;
        var streams = ReadStreamsAsync(
            deployments.Select(RolloutTriggers.Of).Concat(configs.Select(DeploymentConfigRollout.TriggersOf)), cancellationToken);
        await Task.WhenAll(new Task?[] { pods, replicaSets, controllers, streams }.OfType<Task>()).ConfigureAwait(false);

        var rollouts = new List<Rollout>();
        if (replicaSets is not null)
        {
            rollouts.AddRange(deployments.Select(d => DeploymentRollout.Read(d, replicaSets.Result.Items, pods.Result.Items, RolloutTriggers.Of(d))));
        }
        if (controllers is not null)
        {
            rollouts.AddRange(configs.Select(c => DeploymentConfigRollout.Read(c, controllers.Result.Items, pods.Result.Items)));
        }
        return rollouts.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .Select(r => WithImageTags(r, streams.Result)).ToList();
    }

    /// <summary>The rollouts whose image triggers follow <c>streamNamespace/stream:tag</c>, read from the stream's namespace.</summary>
    public async Task<IReadOnlyList<Rollout>> ListTriggeredByAsync(string streamNamespace, string stream, string tag, CancellationToken cancellationToken)
    {
        var imageStreamTag = stream + ":" + tag;
        return (await ListAsync(streamNamespace, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Triggers.Any(t => !t.Paused && t.Namespace == streamNamespace && t.ImageStreamTag == imageStreamTag))
            .ToList();
    }

    /// <summary>
    /// Follows the rollout through a watch until it is final (Complete, Failed or Paused) and
    /// <paramref name="until"/> (if given) holds, then returns it with its ReplicaSets and Pods.
    /// Each state seen is reported to <paramref name="progress"/>. Throws
    /// <see cref="RolloutTimeoutException"/> after <paramref name="timeout"/>, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<Rollout> WaitAsync(
        string @namespace, string name, TimeSpan timeout, Func<Rollout, bool>? until, Action<Rollout>? progress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
        Rollout? last = null;
        try
        {
            var deployment = await ReadDeploymentAsync(@namespace, name, deadline.Token).ConfigureAwait(false);
            if (deployment is not null)
            {
                last = await FollowDeploymentAsync(deployment, until, progress, r => last = r, deadline.Token).ConfigureAwait(false);
                return await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) ?? last;
            }

            var config = await ReadDeploymentConfigAsync(@namespace, name, deadline.Token).ConfigureAwait(false)
                ?? throw new RolloutNotFoundException(@namespace, name);
            last = await FollowDeploymentConfigAsync(config, until, progress, r => last = r, deadline.Token).ConfigureAwait(false);
            return await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) ?? last;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            // Read what the pods say now: a stuck rollout is usually explained there (ImagePullBackOff, CrashLoopBackOff).
            var current = await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) ?? last;
            if (current is null) throw new RolloutNotFoundException(@namespace, name);
            throw new RolloutTimeoutException(TimeoutMessage(current, timeout), current);
        }
    }

    internal static string TimeoutMessage(Rollout rollout, TimeSpan timeout)
    {
        var stuck = rollout.Pods
            .Where(p => p.Status is not ("Running" or "Completed") || p.Ready.StartsWith("0/", StringComparison.Ordinal))
            .Select(p => $"pod \"{p.Name}\" is {p.Status}" + (p.Message is null ? "" : $": {p.Message}"))
            .ToList();
        var kind = rollout.Kind == "DeploymentConfig" ? "deployment config" : "deployment";
        var message = $"Timed out after {FormatTimeout(timeout)} waiting for {kind} \"{rollout.Name}\" to roll out. {rollout.State.Message}";
        return stuck.Count == 0 ? message : message + " " + string.Join("; ", stuck) + ".";
    }

    private static string FormatTimeout(TimeSpan timeout) =>
        timeout.TotalMinutes >= 1 && timeout.Seconds == 0 ? $"{(int)timeout.TotalMinutes}m" : $"{timeout.TotalSeconds:0.###}s";

    private async Task<Rollout> FollowDeploymentAsync(
        V1Deployment deployment, Func<Rollout, bool>? until, Action<Rollout>? progress, Action<Rollout> seen, CancellationToken cancellationToken)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var name = deployment.Metadata.Name;
        // A bookmark's version, newer than the object's: the watch goes on from there (the object is left as read).
        string? bookmark = null;
        while (true)
        {
            var rollout = DeploymentRollout.Read(deployment, [], [], RolloutTriggers.Of(deployment));
            seen(rollout);
            progress?.Invoke(rollout);
            if (IsDone(rollout, until)) return rollout;

            // Watch from the version just read: every change after it arrives as an event.
            var resourceVersion = bookmark ?? deployment.Metadata.ResourceVersion;
            Exception? watchError = null;
            V1Deployment? changed = null;
            await foreach (var (type, item) in Survive(kubernetes.AppsV1.WatchListNamespacedDeploymentAsync(
                ApiPath.Namespace(ns), fieldSelector: "metadata.name=" + name, resourceVersion: resourceVersion, allowWatchBookmarks: true,
                timeoutSeconds: WatchTimeoutSeconds, onError: e => watchError = e, cancellationToken: cancellationToken), e => watchError = e, cancellationToken).ConfigureAwait(false))
            {
                if (type == WatchEventType.Deleted) throw new RolloutNotFoundException(ns, name, deleted: true);
                if (type == WatchEventType.Bookmark)
                {
                    bookmark = item.Metadata?.ResourceVersion ?? bookmark;
                    continue;
                }
                if (type is not (WatchEventType.Added or WatchEventType.Modified)) continue;
                changed = item;
                var next = DeploymentRollout.Read(item, [], [], RolloutTriggers.Of(item));
                seen(next);
                progress?.Invoke(next);
                if (IsDone(next, until)) return next;
                (deployment, bookmark) = (item, null);
            }

            cancellationToken.ThrowIfCancellationRequested();
            // The server closed the watch (its timeout, 410 Expired, a dropped connection, a restart): read the
            // object again, as a reflector re-lists, and watch on from there.
            if (watchError is not null || changed is null)
            {
                deployment = await ReadAgainAsync(() => ReadDeploymentAsync(ns, name, cancellationToken), cancellationToken).ConfigureAwait(false)
                    ?? throw new RolloutNotFoundException(ns, name, deleted: true);
                bookmark = null;
            }
        }
    }

    private async Task<Rollout> FollowDeploymentConfigAsync(
        DeploymentConfig config, Func<Rollout, bool>? until, Action<Rollout>? progress, Action<Rollout> seen, CancellationToken cancellationToken)
    {
        var ns = config.Metadata.NamespaceProperty;
        var name = config.Metadata.Name;
        while (true)
        {
            var rollout = DeploymentConfigRollout.Read(config, [], []);
            seen(rollout);
            progress?.Invoke(rollout);
            if (IsDone(rollout, until)) return rollout;

            Exception? watchError = null;
            DeploymentConfig? changed = null;
            await foreach (var (type, item) in Survive(kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(
                DeploymentConfig.Group, DeploymentConfig.Version, ApiPath.Namespace(ns), DeploymentConfig.Plural,
                fieldSelector: "metadata.name=" + name, resourceVersion: config.Metadata.ResourceVersion, allowWatchBookmarks: true,
                timeoutSeconds: WatchTimeoutSeconds, onError: e => watchError = e, cancellationToken: cancellationToken), e => watchError = e, cancellationToken).ConfigureAwait(false))
            {
                if (type == WatchEventType.Deleted) throw new RolloutNotFoundException(ns, name, deleted: true);
                if (type is not (WatchEventType.Added or WatchEventType.Modified)) continue;
                var next = item is JsonElement element
                    ? KubernetesJson.Deserialize<DeploymentConfig>(element)
                    : KubernetesJson.Deserialize<DeploymentConfig>(KubernetesJson.Serialize(item));
                changed = next;
                var state = DeploymentConfigRollout.Read(next, [], []);
                seen(state);
                progress?.Invoke(state);
                if (IsDone(state, until)) return state;
                config = next;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (watchError is not null || changed is null)
            {
                config = await ReadAgainAsync(() => ReadDeploymentConfigAsync(ns, name, cancellationToken), cancellationToken).ConfigureAwait(false)
                    ?? throw new RolloutNotFoundException(ns, name, deleted: true);
            }
        }
    }

    // A watch whose connection fails (refused while the server restarts, reset mid-stream) ends like one the
    // server closed: the failure is noted and the caller re-reads and watches again.
    private static async IAsyncEnumerable<(WatchEventType, T)> Survive<T>(
        IAsyncEnumerable<(WatchEventType, T)> watch, Action<Exception> failed, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var events = watch.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            (WatchEventType, T) current;
            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false)) yield break;
                current = events.Current;
            }
            catch (Exception exception) when (IsTransport(exception) && !cancellationToken.IsCancellationRequested)
            {
                failed(exception);
                yield break;
            }
            yield return current;
        }
    }

    // Reads again until the server answers (or the wait's deadline passes): a sandbox or API server that
    // restarts refuses connections for a few seconds, which must not end a -Wait.
    private static async Task<T> ReadAgainAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransport(exception) && !cancellationToken.IsCancellationRequested)
            {
                // 250 ms doubling to 2 s, plus up to a tenth (wait.Jitter): a restart is seen within a couple of seconds.
                var wait = new Backoff(int.MaxValue, TimeSpan.FromMilliseconds(250), 2.0, 0.1).Delay(Math.Min(attempt, 3), Random.Shared.NextDouble);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransport(Exception exception) =>
        exception is OpenShiftApiException { Failure: ApiFailure.Connection or ApiFailure.Timeout } or HttpRequestException or IOException;

    // A condition (e.g. "runs the new image") must hold before a final state counts: a failure left over from
    // an earlier rollout is not the outcome of the one being waited for.
    private static bool IsDone(Rollout rollout, Func<Rollout, bool>? until) =>
        rollout.State.IsFinal && (until is null || until(rollout));

    private async Task<Rollout> ReadAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        var (replicaSets, pods) = ListReplicaSetsAndPods(
            ApiPath.Namespace(deployment.Metadata.NamespaceProperty), LabelSelector(deployment.Spec?.Selector?.MatchLabels), cancellationToken);
        return await ReadAsync(deployment, replicaSets, pods).ConfigureAwait(false);
    }

    // A Deployment's ReplicaSets and Pods by its selector, both requests at once.
    private (Task<V1ReplicaSetList> ReplicaSets, Task<V1PodList> Pods) ListReplicaSetsAndPods(string ns, string? selector, CancellationToken cancellationToken) =>
        (kubernetes.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: selector, cancellationToken: cancellationToken),
         kubernetes.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken));

    private static async Task<Rollout> ReadAsync(V1Deployment deployment, Task<V1ReplicaSetList> replicaSets, Task<V1PodList> pods)
    {
        await Task.WhenAll(replicaSets, pods).ConfigureAwait(false);
        return DeploymentRollout.Read(deployment, replicaSets.Result.Items, pods.Result.Items, RolloutTriggers.Of(deployment));
    }

    // The reads that depend on a Deployment, sent before it arrives.
    private ReadsAhead ReadAhead(string ns, RolloutShape shape, CancellationToken cancellationToken)
    {
        var (replicaSets, pods) = ListReplicaSetsAndPods(ApiPath.Namespace(ns), shape.Selector, cancellationToken);
        return new ReadsAhead(
            shape, replicaSets, pods, shape.Streams.ToDictionary(k => k, k => ReadImageStreamAsync(k.Namespace, k.Name, cancellationToken)));
    }

    private sealed record ReadsAhead(
        RolloutShape Shape, Task<V1ReplicaSetList> ReplicaSets, Task<V1PodList> Pods, IReadOnlyDictionary<(string, string), Task<ImageStream?>> Streams)
    {
        // A read ahead that was not used may fail or be cancelled: its failure is seen here, never left unobserved.
        public void Observe()
        {
            foreach (var task in Streams.Values.Cast<Task>().Append(ReplicaSets).Append(Pods))
            {
                _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<Rollout> ReadAsync(DeploymentConfig config, CancellationToken cancellationToken)
    {
        var ns = ApiPath.Namespace(config.Metadata.NamespaceProperty);
        var controllers = kubernetes.CoreV1.ListNamespacedReplicationControllerAsync(
            ns, labelSelector: "openshift.io/deployment-config.name=" + config.Metadata.Name, cancellationToken: cancellationToken);
        var pods = kubernetes.CoreV1.ListNamespacedPodAsync(
            ns, labelSelector: "deploymentconfig=" + config.Metadata.Name, cancellationToken: cancellationToken);
        await Task.WhenAll(controllers, pods).ConfigureAwait(false);
        return DeploymentConfigRollout.Read(config, controllers.Result.Items, pods.Result.Items);
    }

    private static string? LabelSelector(IDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0 ? null : string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value));

    private async Task<V1Deployment?> ReadDeploymentAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kubernetes.AppsV1.ReadNamespacedDeploymentAsync(ApiPath.Name(name), ApiPath.Namespace(ns), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<DeploymentConfig?> ReadDeploymentConfigAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (servesDeploymentConfigs == false) return null;
        try
        {
            var config = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync<DeploymentConfig>(
                DeploymentConfig.Group, DeploymentConfig.Version, ApiPath.Namespace(ns), DeploymentConfig.Plural, ApiPath.Name(name), cancellationToken).ConfigureAwait(false);
            servesDeploymentConfigs = true;
            return config;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // 404 for a missing object and for a cluster without apps.openshift.io look the same here; both mean "none".
            return null;
        }
    }

    private async Task<IReadOnlyList<DeploymentConfig>> ListDeploymentConfigsAsync(string ns, string? labelSelector, CancellationToken cancellationToken)
    {
        if (servesDeploymentConfigs == false) return [];
        try
        {
            var list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync<DeploymentConfigList>(
                DeploymentConfig.Group, DeploymentConfig.Version, ApiPath.Namespace(ns), DeploymentConfig.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
            servesDeploymentConfigs = true;
            return list.Items.ToList();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            servesDeploymentConfigs = false;
            return [];
        }
    }
}

/// <summary>No Deployment or DeploymentConfig of that name (or it was deleted while being followed).</summary>
public sealed class RolloutNotFoundException(string @namespace, string name, bool deleted = false)
    : Exception(deleted
        ? $"deployment \"{name}\" was deleted while waiting for its rollout"
        : $"deployments.apps \"{name}\" not found")
{
    public string Namespace { get; } = @namespace;
    public string Name { get; } = name;
}
