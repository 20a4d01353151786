namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>A manifest was pushed to the integrated registry (what OpenShift's registry reports as an imagestreammapping).</summary>
/// <param name="Repository">The repository, <c>&lt;namespace&gt;/&lt;stream&gt;</c> for image streams.</param>
/// <param name="Tag">The tag pushed, or null for a push by digest.</param>
/// <param name="Digest">The manifest digest.</param>
/// <param name="MediaType">The manifest media type.</param>
/// <param name="Content">The manifest bytes.</param>
internal sealed record ManifestPushed(string Repository, string? Tag, string Digest, string MediaType, byte[] Content);
