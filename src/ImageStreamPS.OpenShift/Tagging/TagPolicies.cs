using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.ImageStreams;

namespace ImageStreamPS.OpenShift.Tagging;

/// <summary>
/// The import flags <c>oc tag</c> and <c>oc import-image</c> share (<c>--reference-policy</c>,
/// <c>--import-mode</c>, <c>--scheduled</c>, <c>--insecure</c>), read once for both: any case in, the
/// API's spelling out, oc's message for anything else.
/// </summary>
public static class TagPolicies
{
    /// <summary><c>Source</c> or <c>Local</c> for any case of either; null for null or empty (not given).</summary>
    /// <exception cref="ImageTagException">oc's message for another value.</exception>
    public static string? ReferencePolicy(string? policy) => policy?.ToLowerInvariant() switch
    {
        null or "" => null,
        "source" => TagReferencePolicyType.Source,
        "local" => TagReferencePolicyType.Local,
        _ => throw new ImageTagException(ImageTagError.InvalidOptions, "reference policy must be set to 'source' or 'local'"),
    };

    /// <summary><c>Legacy</c> or <c>PreserveOriginal</c> for any case of either; null for null or empty (not given).</summary>
    /// <exception cref="ImageTagException">oc's message for another value.</exception>
    public static string? ImportMode(string? mode) => mode?.ToLowerInvariant() switch
    {
        null or "" => null,
        "legacy" => Api.ImportMode.Legacy,
        "preserveoriginal" => Api.ImportMode.PreserveOriginal,
        _ => throw new ImageTagException(ImageTagError.InvalidOptions, $"valid ImportMode values are {Api.ImportMode.Legacy} or {Api.ImportMode.PreserveOriginal}"),
    };

    /// <summary>The flags with their values spelled as the API spells them.</summary>
    /// <exception cref="ImageTagException">A value oc would refuse.</exception>
    public static ImageImportOptions Normalize(ImageImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { ReferencePolicy = ReferencePolicy(options.ReferencePolicy), ImportMode = ImportMode(options.ImportMode) };
    }

    /// <summary>
    /// <c>oc tag</c>'s options from the shared import flags plus <c>--alias</c> and <c>--reference</c>;
    /// a policy or mode not given is oc's default (<c>Source</c>, <c>Legacy</c>).
    /// </summary>
    public static TagOptions ForTag(ImageImportOptions flags, bool alias, bool reference)
    {
        var normalized = Normalize(flags);
        return new TagOptions
        {
            Alias = alias,
            Reference = reference,
            Scheduled = normalized.Scheduled,
            Insecure = normalized.Insecure,
            ReferencePolicy = normalized.ReferencePolicy ?? TagReferencePolicyType.Source,
            ImportMode = normalized.ImportMode ?? Api.ImportMode.Legacy,
        };
    }
}
