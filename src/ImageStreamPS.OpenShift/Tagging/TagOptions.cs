using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Tagging;

/// <summary>The flags of <c>oc tag</c> that shape the spec tag.</summary>
public sealed record TagOptions
{
    /// <summary><c>--alias</c>: keep an ImageStreamTag source so the tag follows it (same stream only).</summary>
    public bool Alias { get; init; }
    /// <summary><c>--reference</c>: do not import; point at the source as-is.</summary>
    public bool Reference { get; init; }
    /// <summary><c>--scheduled</c>: re-import periodically (container images only).</summary>
    public bool Scheduled { get; init; }
    /// <summary><c>--insecure</c>: allow HTTP or unverified TLS on import (container images only).</summary>
    public bool Insecure { get; init; }
    /// <summary><c>--reference-policy</c>: <c>Source</c> (default) or <c>Local</c>, any case.</summary>
    public string ReferencePolicy { get; init; } = TagReferencePolicyType.Source;
    /// <summary><c>--import-mode</c>: <c>Legacy</c> (default) or <c>PreserveOriginal</c>, any case.</summary>
    public string ImportMode { get; init; } = Api.ImportMode.Legacy;
}
