using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Api.Schemas;

/// <summary>
/// <c>fieldValidation=Strict|Warn|Ignore</c> on create, update and patch, as kube-apiserver implements it
/// (k8s.io/apiserver endpoints/handlers: create.go and update.go decode strictly and answer 400
/// "X in version "v1" cannot be handled as a X: strict decoding error: unknown field "spec.a"" through
/// transformDecodeError; patch.go answers 422 Invalid on <c>patch</c>; Warn adds one <c>Warning: 299</c>
/// per field; absent means Warn, rest.go fieldValidation). Unknown fields are those the kind's generated
/// schema (<see cref="KindSchemas"/>) does not have; duplicates are found while the JSON body is read
/// (<see cref="DuplicateFields"/>). One instance per request.
/// </summary>
public sealed class FieldValidation
{
    public const string Strict = "Strict", Warn = "Warn", Ignore = "Ignore";

    private readonly GroupVersionSchemas? _schemas;
    private readonly KindSchema? _kind;
    private readonly ResourceType _type;
    private readonly List<string> _duplicates = [];

    private FieldValidation(string directive, ResourceType type, GroupVersionSchemas? schemas)
    {
        Directive = directive;
        _type = type;
        _schemas = schemas;
        _kind = schemas?.Kind(type.Kind);
    }

    public string Directive { get; }

    /// <summary>The warnings to send as <c>Warning: 299</c> headers (Warn only).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// The directive of the request's <c>fieldValidation</c> values (absent: Warn); anything else is rejected
    /// as ValidateFieldValidation does, before the body is read: 422 on <paramref name="options"/>
    /// (<c>CreateOptions</c>, <c>UpdateOptions</c>, <c>PatchOptions</c>).
    /// </summary>
    public static FieldValidation For(IEnumerable<string?> values, ResourceType type, KindSchemas schemas, string options)
    {
        // The query parameter codec keeps the first value (Convert_Slice_string_To_string); "" means Warn.
        var given = values.FirstOrDefault() ?? "";
        var directive = given.Length == 0 ? Warn : given;
        if (directive is not (Strict or Warn or Ignore))
        {
            var message = $"Unsupported value: \"{directive}\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"";
            throw new StatusException(422, "Invalid", $"{options}.meta.k8s.io \"\" is invalid: fieldValidation: {message}", new JsonObject
            {
                ["group"] = "meta.k8s.io", ["kind"] = options,
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueNotSupported", ["message"] = message, ["field"] = "fieldValidation" }),
            });
        }
        GroupVersionSchemas? groupVersion = null;
        try
        {
            groupVersion = schemas.For(type.Group, type.Version);
        }
        catch (KeyNotFoundException)
        {
        }
        return new FieldValidation(directive, type, groupVersion);
    }

    /// <summary>Records the duplicate fields the body parser found (paths as <c>metadata.name</c>).</summary>
    public void Duplicates(IEnumerable<string> paths)
    {
        if (Directive != Ignore) _duplicates.AddRange(paths);
    }

    /// <summary>
    /// Checks a create or update body (a patch: the patched object, with <paramref name="current"/> the object it
    /// was applied to, whose fields are not the request's). Strict: throws; Warn: records warnings.
    /// </summary>
    public void Check(JsonObject obj, JsonObject? current = null, PatchType? patch = null, JsonNode? patchBody = null)
    {
        var errors = _duplicates.Select(p => $"duplicate field \"{p}\"").ToList();
        _duplicates.Clear();
        if (_kind is { Typed: true } && _schemas is not null)
        {
            var known = current is null ? [] : UnknownFields.Find(current, _kind.Name, _schemas.Components).Select(f => f.Path).ToHashSet();
            var unknown = UnknownFields.Find(obj, _kind.Name, _schemas.Components);
            errors.AddRange(unknown.Where(f => !known.Contains(f.Path)).Select(f => $"unknown field \"{f.Path}\""));
            // Decoding into the typed object drops them, whatever the directive.
            foreach (var field in unknown) field.Parent.Remove(field.Key);
        }
        if (Directive == Ignore) return;
        if (errors.Count == 0) return;
        if (Directive == Warn)
        {
            Warnings.AddRange(errors);
            return;
        }
        var strict = "strict decoding error: " + string.Join(", ", errors);
        if (patch is null)
            throw new StatusException(400, "BadRequest",
                $"{_type.Kind} in version \"{_type.Version}\" cannot be handled as a {_type.Kind}: {strict}");
        // patch.go: field.Invalid(field.NewPath("patch"), <the patch map (strategic) or the patched JSON>, strict)
        var value = patch == PatchType.StrategicMerge ? GoValue(patchBody) : obj.ToJsonString(Api.Http.HttpIo.Wire);
        var message = $"Invalid value: {Quote(value)}: {strict}";
        throw new StatusException(422, "Invalid", $" \"\" is invalid: patch: {message}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = "patch" }),
        });
    }

    /// <summary>Go's <c>%+v</c> of the decoded patch map: <c>map[spec:map[a:1]]</c>, keys sorted.</summary>
    private static string GoValue(JsonNode? node) => node switch
    {
        JsonObject o => "map[" + string.Join(" ", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + GoValue(p.Value))) + "]",
        JsonArray a => "[" + string.Join(" ", a.Select(GoValue)) + "]",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => "<nil>",
        _ => node.ToJsonString(),
    };

    /// <summary>Go's <c>%q</c>.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
            builder.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r", _ => c.ToString() });
        return builder.Append('"').ToString();
    }
}
