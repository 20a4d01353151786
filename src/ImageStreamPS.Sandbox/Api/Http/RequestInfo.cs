namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// What a resource URL names, parsed as the apiserver's RequestInfoFactory does:
/// <c>/api/v1/namespaces/{ns}/{resource}/{name}/{subresource}</c>,
/// <c>/apis/{group}/{version}/...</c>, the deprecated <c>/watch/</c> prefix, and namespaces' own
/// subresources (<c>/api/v1/namespaces/{name}/status</c>). Segments are URL-decoded.
/// </summary>
public sealed record RequestInfo(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, bool WatchPrefix)
{
    /// <summary>Null when the path is not a resource path (discovery documents are handled elsewhere).</summary>
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        string group, version;
        if (parts.Count >= 3 && parts[0] == "api") { group = ""; version = parts[1]; parts = parts[2..]; }
        else if (parts.Count >= 4 && parts[0] == "apis") { group = parts[1]; version = parts[2]; parts = parts[3..]; }
        else return null;

        var watch = false;
        if (parts.Count > 0 && parts[0] == "watch") { watch = true; parts = parts[1..]; }
        if (parts.Count == 0) return null;

        string? ns = null;
        if (parts[0] == "namespaces" && parts.Count > 1)
        {
            ns = parts[1];
            if (parts.Count > 2 && parts[2] is not ("status" or "finalize")) parts = parts[2..];
            else ns = null;
        }
        if (parts.Count > 3) return null;
        return new RequestInfo(group, version, ns, parts[0], parts.Count > 1 ? parts[1] : null, parts.Count > 2 ? parts[2] : null, watch);
    }
}
