using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// What a strategy or virtual resource may use while handling one request: the in-process API (to read
/// or write other objects), the request's clock and whether it is a dry run.
/// </summary>
public sealed record RequestContext(ApiService Api, DateTimeOffset Now, bool DryRun = false, string? FieldManager = null);
