using System.Collections.Concurrent;
using System.Text;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// Request counters served at <c>/metrics</c> in Prometheus text format:
/// <c>sandbox_requests_total{verb="get",resource="imagestreams",code="200"} 3</c> for resource requests
/// (subresources as <c>deployments/scale</c>) and <c>sandbox_nonresource_requests_total{path,code}</c>
/// for discovery, OpenAPI and the like, so tests and benchmarks can count a client's round trips.
/// </summary>
public sealed class RequestMetrics
{
    private readonly ConcurrentDictionary<(string Verb, string Resource, int Code), long> _resource = new();
    private readonly ConcurrentDictionary<(string Path, int Code), long> _nonResource = new();

    public void CountResource(string verb, string resource, int code) => _resource.AddOrUpdate((verb, resource, code), 1, (_, n) => n + 1);
    public void CountNonResource(string path, int code) => _nonResource.AddOrUpdate((path, code), 1, (_, n) => n + 1);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP sandbox_requests_total Resource requests by verb, resource and HTTP status code.\n");
        text.Append("# TYPE sandbox_requests_total counter\n");
        foreach (var ((verb, resource, code), count) in _resource.OrderBy(p => p.Key.Resource).ThenBy(p => p.Key.Verb).ThenBy(p => p.Key.Code))
            text.Append($"sandbox_requests_total{{verb=\"{verb}\",resource=\"{resource}\",code=\"{code}\"}} {count}\n");
        text.Append("# HELP sandbox_nonresource_requests_total Other requests (discovery, OpenAPI, version) by path and HTTP status code.\n");
        text.Append("# TYPE sandbox_nonresource_requests_total counter\n");
        foreach (var ((path, code), count) in _nonResource.OrderBy(p => p.Key.Path).ThenBy(p => p.Key.Code))
            text.Append($"sandbox_nonresource_requests_total{{path=\"{Escape(path)}\",code=\"{code}\"}} {count}\n");
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
