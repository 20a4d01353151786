namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// Where the lines describing each request go (<c>GET /version -> 200 (3 ms)</c>). The sink flows
/// with the async call, so two pipelines sharing one connection each see only their own requests.
/// </summary>
public static class RequestTrace
{
    private static readonly AsyncLocal<Action<string>?> CurrentSink = new();

    /// <summary>
    /// Sends the lines of every request made by this async flow to <paramref name="sink"/> until disposed; null: to
    /// nobody (nothing is written, and no line is even made).
    /// </summary>
    public static IDisposable Begin(Action<string>? sink)
    {
        var previous = CurrentSink.Value;
        CurrentSink.Value = sink;
        return new Scope(previous);
    }

    internal static void Write(string line) => CurrentSink.Value?.Invoke(line);

    /// <summary>Whether this async flow has a sink (otherwise the lines need not be made).</summary>
    internal static bool IsOn => CurrentSink.Value is not null;

    /// <summary><c>GET /apis/...</c>: method and path only. The query is kept but values of credential-like keys are masked.</summary>
    internal static string Describe(HttpMethod method, Uri? uri)
    {
        if (uri is null)
        {
            return method.Method;
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var query = uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Contains('?') ? "?" + uri.OriginalString.Split('?', 2)[1] : "");
        return $"{method.Method} {path}{RedactQuery(query)}";
    }

    private static string RedactQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        var parts = query.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var key = parts[i].Split('=', 2)[0];
            if (key.Contains("token", StringComparison.OrdinalIgnoreCase) ||
                key.Contains("password", StringComparison.OrdinalIgnoreCase) ||
                key.Contains("secret", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = key + "=REDACTED";
            }
        }

        return "?" + string.Join('&', parts);
    }

    private sealed class Scope(Action<string>? previous) : IDisposable
    {
        public void Dispose() => CurrentSink.Value = previous;
    }
}
