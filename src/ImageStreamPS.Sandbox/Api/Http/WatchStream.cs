using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// Streams a watch: 200, chunked, one compact JSON event per line, flushed per event. Closes after
/// <c>timeoutSeconds</c> (default 30 minutes); BOOKMARK events when <c>allowWatchBookmarks=true</c>;
/// a too-old resourceVersion becomes an ERROR event carrying a 410 Expired Status. With the Table
/// Accept the objects are one-row Tables (column definitions in the first event only), as kubectl get -w expects.
/// </summary>
public static class WatchStream
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public static async Task Serve(HttpContext context, ApiService api, CatalogEntry entry, string? ns, WatchOptions options,
        TimeSpan? timeout, bool bookmarks, TimeSpan bookmarkInterval, bool table, string? includeObject)
    {
        ApiWatch watch;
        try
        {
            watch = api.Watch(entry.Type.Group, entry.Type.Resource, ns, options);
        }
        catch (StatusException e) when (e.Code == 410)
        {
            await Start(context);
            await WriteEvent(context, WatchEventType.Error, e.Status);
            return;
        }

        using (watch)
        {
            await Start(context);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            stop.CancelAfter(timeout ?? DefaultTimeout);
            var lastVersion = watch.StartVersion;
            var columnsSent = false;
            var events = watch.ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            Task<bool>? next = null;
            try
            {
                while (true)
                {
                    next ??= events.MoveNextAsync().AsTask();
                    if (bookmarks)
                    {
                        var delay = Task.Delay(bookmarkInterval, stop.Token);
                        if (await Task.WhenAny(next, delay) == delay)
                        {
                            if (stop.IsCancellationRequested) break;
                            await WriteEvent(context, WatchEventType.Bookmark, new JsonObject
                            {
                                ["kind"] = entry.Type.Kind,
                                ["apiVersion"] = entry.Type.ApiVersion,
                                ["metadata"] = new JsonObject { ["resourceVersion"] = lastVersion.ToString() },
                            });
                            continue;
                        }
                    }
                    if (!await next) break;
                    next = null;
                    var change = events.Current;
                    lastVersion = Math.Max(lastVersion, change.ResourceVersion);
                    JsonNode body = change.Object;
                    if (table)
                    {
                        body = TableBuilder.Build(entry, [change.Object], api.Now, includeObject, withColumns: !columnsSent);
                        columnsSent = true;
                    }
                    await WriteEvent(context, change.Type, body);
                }
            }
            catch (OperationCanceledException) { }
            finally
            {
                if (next is not null)
                {
                    try { await next; } catch (OperationCanceledException) { }
                }
                await events.DisposeAsync();
            }
        }
    }

    private static async Task Start(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(context.RequestAborted);
        // Send the headers now: clients (client-go's reflector) wait for them before anything else.
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteEvent(HttpContext context, string type, JsonNode obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString(HttpIo.Wire) + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
