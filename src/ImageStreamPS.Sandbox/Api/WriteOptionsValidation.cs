using System.Text;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// The query options of a write, checked as kube-apiserver's handlers check them before anything else
/// (apimachinery <c>ValidateCreateOptions</c>/<c>ValidateUpdateOptions</c>/<c>ValidatePatchOptions</c> →
/// <c>ValidateFieldManager</c>): a field manager of at most 128 bytes, all printable. A failure is 422 Invalid
/// on the options kind (<c>CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: ...</c>).
/// </summary>
public static class WriteOptionsValidation
{
    /// <summary>apimachinery's <c>FieldManagerMaxLength</c>.</summary>
    public const int FieldManagerMaxLength = 128;

    /// <summary>Throws the 422 on <paramref name="optionsKind"/> (CreateOptions, UpdateOptions, PatchOptions) when the options are invalid.</summary>
    public static void Validate(string optionsKind, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = FieldManager(options.FieldManager ?? "");
        if (errors.Count == 0) return;
        throw new StatusException(StatusErrors.Invalid("meta.k8s.io", optionsKind, "", errors));
    }

    private static List<FieldError> FieldManager(string fieldManager)
    {
        var errors = new List<FieldError>();
        if (Encoding.UTF8.GetByteCount(fieldManager) > FieldManagerMaxLength) errors.Add(FieldError.TooLong("fieldManager", FieldManagerMaxLength));
        var position = 0;
        foreach (var rune in fieldManager.EnumerateRunes())
        {
            if (!GoText.IsPrint(rune))
                errors.Add(FieldError.Invalid("fieldManager", fieldManager, $"invalid character U+{rune.Value:X4} (at position {position})"));
            position += rune.Utf8SequenceLength;
        }
        return errors;
    }
}
