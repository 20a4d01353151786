using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Hosting;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The faults a real cluster and its network produce, on demand, so clients can be tested against
/// them: an error status (500, 503, 429 with <c>Retry-After</c>), a connection reset before the request
/// is processed or after a write has committed, a slow answer, a watch dropped mid-stream. Off unless
/// the sandbox runs with <c>IMAGESTREAMPS_SANDBOX_FAULTS=1</c> in its environment; then the rules are
/// set with <c>PUT /sandbox/faults</c> (a JSON array, bearer token required), read with GET, cleared
/// with DELETE.
/// </summary>
/// <remarks>
/// A rule: <c>{"method":"PUT","path":"imagestreamtags","fault":"status","status":503,"retryAfter":1,"count":2}</c>.
/// <c>path</c> matches a substring of the request path (and <c>watch</c> true/false whether it is a watch),
/// <c>fault</c> is <c>status</c>, <c>reset</c> (before the request is handled), <c>reset-after</c> (handled
/// and committed, the answer never sent), <c>slow</c> (<c>delayMs</c> before handling) or <c>drop-watch</c>
/// (the watch is cut after <c>delayMs</c>); <c>count</c> is how many requests it applies to (0: all),
/// <c>every</c> applies it to every n-th matching request only.
/// </remarks>
public static class FaultInjection
{
    /// <summary>The environment variable that turns the fault mode on.</summary>
    public const string Switch = "IMAGESTREAMPS_SANDBOX_FAULTS";

    /// <summary>Where the rules are set.</summary>
    public const string ControlPath = "/sandbox/faults";

    private static readonly ConcurrentDictionary<int, FaultRule> Rules = new();
    private static int lastId;

    /// <summary>Whether this sandbox process takes fault rules.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Switch) == "1";

    /// <summary>The middleware: answers the control path, and applies the first rule a request matches.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Middleware(Task<AccessToken> token) => async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.TrimEnd('/') == ControlPath)
        {
            await ControlAsync(context, await token);
            return;
        }

        var watch = context.Request.Query.TryGetValue("watch", out var w) && w == "true";
        var rule = Rules.Values.OrderBy(r => r.Id).FirstOrDefault(r => r.Take(context.Request.Method, path, watch));
        if (rule is null)
        {
            await next(context);
            return;
        }

        switch (rule.Fault)
        {
            case "status":
                if (rule.RetryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await HttpIo.WriteStatus(context, new StatusException(rule.Status, ReasonOf(rule.Status), $"fault injected: {rule.Status}"));
                return;
            case "reset":
                context.Abort();
                return;
            case "reset-after":
                // The request is handled (a write commits) but its answer never leaves: the client cannot know.
                var answer = context.Response.Body;
                context.Response.Body = Stream.Null;
                try { await next(context); } finally { context.Response.Body = answer; }
                context.Abort();
                return;
            case "slow":
                await Task.Delay(rule.DelayMs, context.RequestAborted);
                await next(context);
                return;
            case "drop-watch":
                using (var cut = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
                {
                    _ = Task.Delay(rule.DelayMs, cut.Token).ContinueWith(t => { if (!t.IsCanceled) context.Abort(); }, TaskScheduler.Default);
                    try { await next(context); } finally { cut.Cancel(); }
                }
                return;
            default:
                await next(context);
                return;
        }
    };

    private static async Task ControlAsync(HttpContext context, AccessToken token)
    {
        if (!token.Accepts(context.Request.Headers.Authorization))
        {
            await HttpIo.WriteStatus(context, ApiErrors.Unauthorized());
            return;
        }
        switch (context.Request.Method)
        {
            case "PUT":
                var rules = await JsonSerializer.DeserializeAsync<List<FaultRule>>(context.Request.Body, Json, context.RequestAborted) ?? [];
                Rules.Clear();
                foreach (var rule in rules) Rules[rule.Id = Interlocked.Increment(ref lastId)] = rule;
                break;
            case "DELETE":
                Rules.Clear();
                break;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(Rules.Values.OrderBy(r => r.Id), Json));
    }

    private static string ReasonOf(int code) => code switch
    {
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One fault and the requests it applies to.</summary>
    public sealed class FaultRule
    {
        private int seen;
        private int applied;

        public int Id { get; set; }
        public string? Method { get; set; }
        public string Path { get; set; } = "";
        public bool? Watch { get; set; }
        public string Fault { get; set; } = "status";
        public int Status { get; set; } = 503;
        public int? RetryAfter { get; set; }
        public int DelayMs { get; set; }
        public int Count { get; set; }
        public int Every { get; set; } = 1;

        /// <summary>How many requests the rule has been applied to.</summary>
        public int Applied => Volatile.Read(ref applied);

        internal bool Take(string method, string path, bool watch)
        {
            if (Method is { Length: > 0 } m && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) return false;
            if (!path.Contains(Path, StringComparison.Ordinal)) return false;
            if (Watch is { } w && w != watch) return false;
            if (Interlocked.Increment(ref seen) % Math.Max(Every, 1) != 0) return false;
            var taken = Interlocked.Increment(ref applied);
            if (Count > 0 && taken > Count)
            {
                Interlocked.Decrement(ref applied);
                return false;
            }
            return true;
        }
    }
}
