using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Apps;
using ImageStreamPS.OpenShift.Connection;
using k8s;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// Names for tab completion (image streams with their tags, apps, services, namespaces), read from the
/// cluster and bounded: each list asks for at most <see cref="ListLimit"/> objects, an answer is kept
/// for <see cref="Fresh"/>, and Tab never waits longer than <see cref="Patience"/> — a slow or unreachable
/// cluster makes completion return what it has (possibly nothing) at once, while the read finishes in
/// the background (at most <see cref="ReadTimeout"/>) for the next Tab.
/// </summary>
public static class CompletionCatalog
{
    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    /// <summary>How long Tab waits for the cluster.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(1500);

    /// <summary>How long a read may go on in the background before it is abandoned.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The most objects one completion list asks for (<c>?limit=</c>); the rest are not offered.</summary>
    public const int ListLimit = 500;

    private static readonly ConditionalWeakTable<OpenShiftConnection, ConcurrentDictionary<string, Entry>> Caches = new();
    private static readonly ConcurrentDictionary<string, Entry> ProfileCache = new();
    private static readonly ConcurrentDictionary<string, Task<OpenShiftConnection>> Connections = new();

    private sealed record Entry(Task<IReadOnlyList<string>> Names, DateTime Started);

    /// <summary><c>stream:tag</c> for every spec and status tag, and the stream names, of a namespace.</summary>
    public static IReadOnlyList<string> StreamsAndTags(OpenShiftConnection connection, string @namespace) =>
        Lookup(connection, "is/" + @namespace, async token =>
        {
            using var response = await connection.Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                ImageStream.KubeGroup, ImageStream.KubeApiVersion, @namespace, ImageStream.KubePluralName,
                limit: ListLimit, cancellationToken: token).ConfigureAwait(false);
            var streams = KubernetesJson.Deserialize<ImageStreamList>(((JsonElement)response.Body).GetRawText()).Items;
            return streams.SelectMany(s =>
            {
                var view = new ImageStreamView(s);
                return view.Tags.Select(t => t.Name).Prepend(view.Name);
            }).ToList();
        });

    /// <summary>The apps of a namespace: its Deployments, and DeploymentConfigs where the cluster serves them (<c>Get-AppRollout</c>).</summary>
    public static IReadOnlyList<string> Apps(OpenShiftConnection connection, string @namespace) =>
        Lookup(connection, "apps/" + @namespace, async token =>
        {
            var deployments = await connection.Client.AppsV1.ListNamespacedDeploymentAsync(@namespace, limit: ListLimit, cancellationToken: token).ConfigureAwait(false);
            var names = deployments.Items.Select(d => d.Metadata?.Name ?? "").ToList();
            try
            {
                using var response = await connection.Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                    DeploymentConfig.Group, DeploymentConfig.Version, @namespace, DeploymentConfig.Plural, limit: ListLimit, cancellationToken: token).ConfigureAwait(false);
                names.AddRange(KubernetesJson.Deserialize<DeploymentConfigList>(((JsonElement)response.Body).GetRawText()).Items.Select(c => c.Metadata?.Name ?? ""));
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // No apps.openshift.io on this cluster (or not allowed): Deployments only.
            }
            return names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        });

    /// <summary>The Services of a namespace (<c>New-AppRoute -Service</c>).</summary>
    public static IReadOnlyList<string> Services(OpenShiftConnection connection, string @namespace) =>
        Lookup(connection, "svc/" + @namespace, async token =>
        {
            var services = await connection.Client.CoreV1.ListNamespacedServiceAsync(@namespace, limit: ListLimit, cancellationToken: token).ConfigureAwait(false);
            return services.Items.Select(s => s.Metadata?.Name ?? "").Where(n => n.Length > 0).ToList();
        });

    /// <summary>The values of the app label in a namespace (<c>Get-App</c>, <c>Remove-App</c>).</summary>
    public static IReadOnlyList<string> AppLabels(OpenShiftConnection connection, string @namespace) =>
        Lookup(connection, "app-labels/" + @namespace, token => new Apps.AppClient(connection).ListAppNamesAsync(@namespace, token));

    /// <summary>The Routes of a namespace (<c>Get-AppRoute</c>, <c>Remove-AppRoute</c>).</summary>
    public static IReadOnlyList<string> Routes(OpenShiftConnection connection, string @namespace) =>
        Lookup(connection, "routes/" + @namespace, async token =>
            (await new Apps.RouteClient(connection).ListAsync(@namespace, null, token).ConfigureAwait(false)).Select(r => r.Name).ToList());

    /// <summary>The projects the user can see (<c>project.openshift.io</c>), or the namespaces when projects are not served.</summary>
    public static IReadOnlyList<string> Namespaces(OpenShiftConnection connection) =>
        Lookup(connection, "ns", token => ReadNamespacesAsync(connection, token));

    /// <summary>
    /// The namespaces of a cluster not connected yet (<c>Connect-OpenShift -Namespace</c>): connects with
    /// <paramref name="profile"/> in the background (kept for reuse while it is fresh) and lists them.
    /// </summary>
    public static IReadOnlyList<string> Namespaces(ConnectionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var key = $"{profile.Server}|{profile.Context}|{profile.User}";
        return Wait(ProfileCache.AddOrUpdate(key,
            _ => Start(token => NamespacesOfProfileAsync(key, profile, token), DateTime.UtcNow),
            (_, old) => IsStale(old, DateTime.UtcNow) ? Start(token => NamespacesOfProfileAsync(key, profile, token), DateTime.UtcNow) : old));
    }

    private static async Task<IReadOnlyList<string>> NamespacesOfProfileAsync(string key, ConnectionProfile profile, CancellationToken token)
    {
        var opening = Connections.GetOrAdd(key, _ => OpenShiftConnection.OpenAsync(profile, CancellationToken.None));
        OpenShiftConnection connection;
        try
        {
            connection = await opening.WaitAsync(token).ConfigureAwait(false);
        }
        catch
        {
            Connections.TryRemove(new KeyValuePair<string, Task<OpenShiftConnection>>(key, opening));
            throw;
        }
        try
        {
            return await ReadNamespacesAsync(connection, token).ConfigureAwait(false);
        }
        catch
        {
            // A connection that stopped working (an expired token) is made again on the next Tab.
            if (Connections.TryRemove(new KeyValuePair<string, Task<OpenShiftConnection>>(key, opening))) connection.Dispose();
            throw;
        }
    }

    private static async Task<IReadOnlyList<string>> ReadNamespacesAsync(OpenShiftConnection connection, CancellationToken token)
    {
        var api = connection.Client;
        try
        {
            using var response = await api.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                Project.KubeGroup, Project.KubeApiVersion, Project.KubePluralName, limit: ListLimit, cancellationToken: token).ConfigureAwait(false);
            var list = KubernetesJson.Deserialize<ProjectList>(((JsonElement)response.Body).GetRawText());
            return list.Items.Select(p => p.Metadata?.Name ?? "").Where(n => n.Length > 0).ToList();
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            var namespaces = await api.CoreV1.ListNamespaceAsync(limit: ListLimit, cancellationToken: token).ConfigureAwait(false);
            return namespaces.Items.Select(n => n.Metadata?.Name ?? "").Where(n => n.Length > 0).ToList();
        }
    }

    private static IReadOnlyList<string> Lookup(OpenShiftConnection connection, string key, Func<CancellationToken, Task<IReadOnlyList<string>>> read)
    {
        var cache = Caches.GetValue(connection, _ => new());
        var now = DateTime.UtcNow;
        return Wait(cache.AddOrUpdate(key, _ => Start(read, now), (_, old) => IsStale(old, now) ? Start(read, now) : old));
    }

    // A finished answer older than Fresh, or a failed one, is read again; a read in progress is waited on.
    private static bool IsStale(Entry entry, DateTime now) =>
        entry.Names.IsCompleted && now - entry.Started > Fresh || entry.Names.IsFaulted || entry.Names.IsCanceled;

    private static IReadOnlyList<string> Wait(Entry entry)
    {
        try
        {
            if (entry.Names.Wait(Patience)) return entry.Names.Result;
        }
        catch (AggregateException)
        {
        }
        return [];
    }

    private static Entry Start(Func<CancellationToken, Task<IReadOnlyList<string>>> read, DateTime now)
    {
        return new Entry(Task.Run(async () =>
        {
            using var stop = new CancellationTokenSource(ReadTimeout);
            return await read(stop.Token).ConfigureAwait(false);
        }), now);
    }
}
