using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageStreamPS.OpenShift.Triggers;

/// <summary>
/// Reads and writes the <c>image.openshift.io/triggers</c> annotation the way OpenShift's trigger
/// controller does (library-go <c>trigger/annotations.go</c>): a JSON array; anything that does not
/// decode (a string <c>"false"</c> for <c>paused</c>, a syntax error) or that has two triggers on the same
/// field makes the whole annotation void, and the controller silently ignores every trigger on the object.
/// </summary>
public static class ImageTriggerAnnotation
{
    /// <summary>The annotation key.</summary>
    public const string Key = "image.openshift.io/triggers";

    // Go's encoding/json matches keys case-insensitively and rejects type mismatches.
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    // Go writes \" inside strings, not \u0022.
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Decodes the annotation value. False (with the reason) when OpenShift would ignore it; a missing
    /// annotation or JSON <c>null</c> is a valid empty list.
    /// </summary>
    public static bool TryParse(string? value, out IReadOnlyList<ImageTrigger> triggers, [NotNullWhen(false)] out string? error)
    {
        triggers = [];
        if (value is null)
        {
            error = null;
            return true;
        }
        List<WireTrigger?>? wire;
        try
        {
            wire = JsonSerializer.Deserialize<List<WireTrigger?>>(value, ReadOptions);
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
        var list = (wire ?? []).Select(w => new ImageTrigger
        {
            From = new ImageTriggerSource
            {
                Kind = w?.From?.Kind ?? "",
                Name = w?.From?.Name ?? "",
                Namespace = string.IsNullOrEmpty(w?.From?.Namespace) ? null : w.From.Namespace,
                ApiVersion = string.IsNullOrEmpty(w?.From?.ApiVersion) ? null : w.From.ApiVersion,
            },
            FieldPath = w?.FieldPath ?? "",
            Paused = w?.Paused ?? false,
        }).ToList();
        for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
                if (list[i].FieldPath == list[j].FieldPath)
                {
                    error = "duplicate triggers are not allowed";
                    return false;
                }
        triggers = list;
        error = null;
        return true;
    }

    /// <summary>The triggers in an object's annotations; empty when absent or when OpenShift would ignore them.</summary>
    public static IReadOnlyList<ImageTrigger> FromAnnotations(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(Key, out var value) && TryParse(value, out var triggers, out _) ? triggers : [];

    /// <summary>Encodes triggers as OpenShift writes them (<c>paused</c> only when true, namespace only when set).</summary>
    public static string Serialize(IEnumerable<ImageTrigger> triggers) =>
        JsonSerializer.Serialize(triggers.ToList(), WriteOptions);

    // Nullable members so that JSON null is accepted like Go does (it leaves the zero value).
    private sealed class WireTrigger
    {
        public WireSource? From { get; set; }
        public string? FieldPath { get; set; }
        public bool? Paused { get; set; }
    }

    private sealed class WireSource
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? Namespace { get; set; }
        public string? ApiVersion { get; set; }
    }
}
