using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ImageStreamPS.Sandbox.Containers;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// The router's plain-HTTP frontend (HAProxy's <c>frontend public</c>): matches the lowercased Host
/// header and the path against the admitted Routes, redirects or refuses what a Route's TLS settings
/// keep off plain HTTP, picks a backend (the sticky cookie first, then the balance algorithm), and
/// sends the request to the Pod; a refused connection is retried on another backend (retries 3,
/// option redispatch); with no backend left the answer is the 503 page.
/// </summary>
public sealed class RouterFrontend(Func<RouteTable> table, SimulatedPods pods, RouterStatistics statistics)
{
    private const int Attempts = 4;
    private readonly ConcurrentDictionary<string, int> _roundRobin = new(StringComparer.Ordinal);

    /// <param name="context">The request.</param>
    /// <param name="listenerHost">The host whose own loopback port took the request, if any: a request
    /// that names no host (its Host is the loopback address itself) goes to it.</param>
    public async Task HandleAsync(HttpContext context, string? listenerHost)
    {
        statistics.Count(ref statistics.Requests);
        var request = context.Request;
        var current = table();
        var host = request.Host.Host.TrimEnd('.').ToLowerInvariant();
        if (!current.HasHost(host) && listenerHost is not null && IsLoopback(host)) host = listenerHost;

        var route = current.Match(host, request.Path.Value ?? "/");
        if (route is null || route.Insecure == InsecureHandling.None)
        {
            await Unavailable(context).ConfigureAwait(false);
            return;
        }
        if (route.Insecure == InsecureHandling.Redirect)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"https://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentLength = 0;
            return;
        }

        var tried = new HashSet<RouteBackend>();
        var sticky = Sticky(route, request);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var backend = attempt == 0 && sticky is not null ? sticky : Pick(route, tried, context);
            if (backend is null) break;
            tried.Add(backend);
            var reply = pods.Send(backend.IP, backend.Port, backend.PodNamespace, backend.PodName, request.Method, request.Path.Value ?? "/");
            switch (reply)
            {
                case PodRefused refused:
                    statistics.Refused(refused.Reason);
                    continue;
                case PodAnswered answered:
                    statistics.Count(ref statistics.Answered);
                    if (route.CookieName is { } cookie && backend != sticky)
                    {
                        context.Response.Headers.SetCookie = $"{cookie}={backend.CookieValue}; path=/; HttpOnly";
                        context.Response.Headers.CacheControl = "private";
                    }
                    await Write(context, answered.Status, answered.ContentType, answered.Body).ConfigureAwait(false);
                    return;
                case PodUnsimulated unsimulated:
                    statistics.Count(ref statistics.Unsimulated);
                    await Write(context, StatusCodes.Status502BadGateway, "text/plain; charset=utf-8", unsimulated.Message).ConfigureAwait(false);
                    return;
            }
        }
        await Unavailable(context).ConfigureAwait(false);
    }

    private Task Unavailable(HttpContext context)
    {
        statistics.Count(ref statistics.Unavailable);
        return ApplicationNotAvailablePage.WriteAsync(context.Response);
    }

    // The cookie names a server of this route even when its weight is 0 (HAProxy keeps those for existing sessions).
    private static RouteBackend? Sticky(ServedRoute route, HttpRequest request) =>
        route.CookieName is { } name && request.Cookies.TryGetValue(name, out var value)
            ? route.Backends.FirstOrDefault(b => b.CookieValue == value)
            : null;

    private RouteBackend? Pick(ServedRoute route, HashSet<RouteBackend> tried, HttpContext context)
    {
        var candidates = route.Active.Where(b => !tried.Contains(b)).ToList();
        if (candidates.Count == 0) return null;
        var total = candidates.Sum(b => b.Weight);
        var point = route.Balance switch
        {
            BalanceAlgorithm.Random => Random.Shared.Next(total),
            BalanceAlgorithm.Source => (int)((uint)(context.Connection.RemoteIpAddress ?? IPAddress.Loopback).GetHashCode() % (uint)total),
            // leastconn: the simulated Pods answer at once, so no server ever has more connections than another.
            _ => (int)((uint)_roundRobin.AddOrUpdate(route.Key, 0, (_, n) => unchecked(n + 1)) % (uint)total),
        };
        foreach (var backend in candidates)
        {
            if (point < backend.Weight) return backend;
            point -= backend.Weight;
        }
        return candidates[^1];
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Task Write(HttpContext context, int status, string? contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        if (contentType is not null) context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}

/// <summary>What the router did with requests since it started (for tests and diagnostics).</summary>
public sealed class RouterStatistics
{
    public long Requests;
    public long Answered;
    public long Unavailable;
    public long Unsimulated;
    public long RefusedNoPod;
    public long RefusedNotStarted;
    public long RefusedNotListening;

    public void Count(ref long counter) => Interlocked.Increment(ref counter);

    public void Refused(PodRefusal reason)
    {
        switch (reason)
        {
            case PodRefusal.NoPod: Count(ref RefusedNoPod); break;
            case PodRefusal.NotStarted: Count(ref RefusedNotStarted); break;
            case PodRefusal.NotListening: Count(ref RefusedNotListening); break;
        }
    }
}
