using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// What a strategy or virtual resource may use while handling one request: the in-process API (to read
/// or write other objects), the request's clock, whether it is a dry run, whether the server writes
/// for itself, and the request's cancellation.
/// </summary>
/// <param name="Internal">
/// A write the server makes for itself (an import or a registry push storing its result), which may set
/// an image stream's spec and status in one update: openshift-apiserver's separate internal strategy.
/// Clients never get it: the HTTP layer builds its options without it.
/// </param>
/// <param name="Cancellation">Ends with the request (the client went away) or with the sandbox.</param>
public sealed record RequestContext(
    ApiService Api, DateTimeOffset Now, bool DryRun = false, string? FieldManager = null, bool Internal = false,
    CancellationToken Cancellation = default);
