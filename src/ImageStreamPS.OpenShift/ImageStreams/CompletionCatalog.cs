using System.Collections.Concurrent;
using System.Text.Json;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Connection;
using System.Runtime.CompilerServices;
using k8s;

namespace ImageStreamPS.OpenShift.ImageStreams;

/// <summary>
/// Names for tab completion (image streams with their tags, namespaces), cached per connection for
/// a short time and never waited on for long: a slow or unreachable cluster makes completion return
/// what it has (possibly nothing) at once, while the read finishes in the background for the next Tab.
/// </summary>
public static class CompletionCatalog
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(1500);
    private static readonly ConditionalWeakTable<OpenShiftConnection, ConcurrentDictionary<string, Entry>> Caches = new();

    private sealed record Entry(Task<IReadOnlyList<string>> Names, DateTime Started);

    /// <summary><c>stream:tag</c> for every spec and status tag, and the stream names, of a namespace.</summary>
    public static IReadOnlyList<string> StreamsAndTags(OpenShiftConnection connection, string @namespace) =>
        Lookup(connection, "is/" + @namespace, async token =>
        {
            var streams = await new ImageStreamClient(connection).ListAsync(@namespace, token).ConfigureAwait(false);
            return streams.SelectMany(s =>
            {
                var view = new ImageStreamView(s);
                return view.Tags.Select(t => t.Name).Prepend(view.Name);
            }).ToList();
        });

    /// <summary>The projects the user can see (<c>project.openshift.io</c>), or the namespaces when projects are not served.</summary>
    public static IReadOnlyList<string> Namespaces(OpenShiftConnection connection) =>
        Lookup(connection, "ns", async token =>
        {
            var api = connection.Client;
            try
            {
                using var response = await api.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                    Project.KubeGroup, Project.KubeApiVersion, Project.KubePluralName, cancellationToken: token).ConfigureAwait(false);
                var list = KubernetesJson.Deserialize<ProjectList>(((JsonElement)response.Body).GetRawText());
                return list.Items.Select(p => p.Metadata?.Name ?? "").Where(n => n.Length > 0).ToList();
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                var namespaces = await api.CoreV1.ListNamespaceAsync(cancellationToken: token).ConfigureAwait(false);
                return namespaces.Items.Select(n => n.Metadata?.Name ?? "").Where(n => n.Length > 0).ToList();
            }
        });

    private static IReadOnlyList<string> Lookup(OpenShiftConnection connection, string key, Func<CancellationToken, Task<IReadOnlyList<string>>> read)
    {
        var cache = Caches.GetValue(connection, _ => new());
        var now = DateTime.UtcNow;
        var entry = cache.AddOrUpdate(key,
            _ => Start(read, now),
            (_, old) => old.Names.IsCompleted && now - old.Started > Fresh || old.Names.IsFaulted ? Start(read, now) : old);
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
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            return await read(stop.Token).ConfigureAwait(false);
        }), now);
    }
}
