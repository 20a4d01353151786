using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using FieldError = ImageStreamPS.Sandbox.Resources.FieldError;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// <c>ValidateImageStream</c>: the stream name, the deprecated <c>spec.dockerImageRepository</c>, every
/// spec tag (source kind and name, scheduled only for DockerImage, reference policy, import mode, tag
/// name grammar) and every status item's pull spec, with openshift-apiserver's causes and messages.
/// </summary>
internal static class ImageStreamRules
{
    public static List<FieldError> Validate(JsonObject stream)
    {
        var errors = new List<FieldError>();
        var name = Str(stream["metadata"]?["name"]) ?? "";
        var ns = Str(stream["metadata"]?["namespace"]) ?? "";
        // Path-segment problems ('/', '%', '.', '..') are reported by the generic metadata checks.
        if (name.Length > 0 && name is not ("." or "..") && !name.Contains('/') && !name.Contains('%'))
            errors.AddRange(ImageStreamValidation.ValidateStreamName(name, ns).Select(Convert));

        if (Str(stream["spec"]?["dockerImageRepository"]) is { Length: > 0 } repository)
        {
            const string field = "spec.dockerImageRepository";
            if (!DockerImageReference.TryParse(repository, out var reference, out var error))
                errors.Add(FieldError.Invalid(field, repository, error));
            else
            {
                if (reference.Tag.Length > 0) errors.Add(FieldError.Invalid(field, repository, "the repository name may not contain a tag"));
                if (reference.ID.Length > 0) errors.Add(FieldError.Invalid(field, repository, "the repository name may not contain an ID"));
            }
        }

        foreach (var tag in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
            errors.AddRange(ValidateTagReference(tag, $"spec.tags[{Str(tag["name"])}]"));

        foreach (var list in (stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var items = list["items"] as JsonArray ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var field = $"status.tags[{Str(list["tag"])}].items[{i}].dockerImageReference";
                var pullSpec = Str(items[i]?["dockerImageReference"]) ?? "";
                if (pullSpec.Length == 0) errors.Add(FieldError.Required(field));
                else if (!DockerImageReference.TryParse(pullSpec, out _, out var error)) errors.Add(FieldError.Invalid(field, pullSpec, error));
            }
        }
        return errors;
    }

    /// <summary><c>ValidateImageStreamTagReference</c> plus the sandbox's tag-name check.</summary>
    public static List<FieldError> ValidateTagReference(JsonObject tag, string path)
    {
        var errors = new List<FieldError>();
        var tagName = Str(tag["name"]) ?? "";
        if (!ImageStreamValidation.IsValidTag(tagName))
            errors.Add(FieldError.Invalid(path + ".name", tagName, $"must match \"{ImageStreamValidation.TagPattern}\""));
        if (tag["from"] is JsonObject from)
        {
            var fromName = Str(from["name"]) ?? "";
            if (fromName.Length == 0) errors.Add(FieldError.Required(path + ".from.name"));
            switch (Str(from["kind"]))
            {
                case "DockerImage":
                    if (fromName.Length > 0 && !DockerImageReference.TryParse(fromName, out _, out var error))
                        errors.Add(FieldError.Invalid(path + ".from.name", fromName, error));
                    break;
                case "ImageStreamImage":
                case "ImageStreamTag":
                    if (Bool(tag["importPolicy"]?["scheduled"]))
                        errors.Add(FieldError.Invalid(path + ".importPolicy.scheduled", JsonValue.Create(true),
                            "only tags pointing to Docker repositories may be scheduled for background import"));
                    break;
                default:
                    errors.Add(FieldError.Required(path + ".from.kind", "valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'"));
                    break;
            }
        }
        var policy = Str(tag["referencePolicy"]?["type"]) ?? "";
        if (policy is not ("Source" or "Local"))
            errors.Add(FieldError.Invalid(path + ".referencePolicy.type", policy, "valid values are \"Source\", \"Local\""));
        var mode = Str(tag["importPolicy"]?["importMode"]) ?? "";
        if (mode is not ("" or "Legacy" or "PreserveOriginal"))
            errors.Add(FieldError.Invalid(path + ".importPolicy.importMode", mode, "invalid import mode, valid modes are '', 'Legacy', 'PreserveOriginal'"));
        return errors;
    }

    private static FieldError Convert(OpenShift.Images.FieldError error) => error.Type == FieldErrorType.Required
        ? FieldError.Required(error.Field, error.Detail)
        : FieldError.Invalid(error.Field, error.Value ?? "", error.Detail);
}
