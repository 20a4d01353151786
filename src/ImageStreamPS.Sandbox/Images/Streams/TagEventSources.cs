using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Resources;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using FieldError = ImageStreamPS.Sandbox.Resources.FieldError;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// <c>tagsChanged</c> of openshift-apiserver's imagestream strategy: for every spec tag that is new or
/// whose source changed, the status event is computed inside the same request when the source is an
/// ImageStreamImage, an ImageStreamTag or a reference DockerImage; plain DockerImage tags wait for
/// the import controller. Then same-stream tracking tags follow.
/// </summary>
internal sealed class TagEventSources(Func<string, string, JsonObject?> getStream, string internalRegistry)
{
    /// <summary>Applies the events to <paramref name="stream"/>; returns the field errors (wrapped by the caller).</summary>
    public List<FieldError> Apply(JsonObject? old, JsonObject stream, string now)
    {
        var errors = new List<FieldError>();
        var ns = Str(stream["metadata"]?["namespace"]) ?? "";
        var name = Str(stream["metadata"]?["name"]) ?? "";
        var generation = Long(stream["metadata"]?["generation"]);
        foreach (var tagRef in (stream["spec"]?["tags"] as JsonArray ?? []).OfType<JsonObject>().ToList())
        {
            var tag = Str(tagRef["name"]) ?? "";
            if (old is not null && TagHistory.SpecTag(old, tag) is { } oldRef && !SpecTagGenerations.Changed(oldRef, tagRef, ns)) continue;
            if (tagRef["from"] is not JsonObject from) continue;
            var kind = Str(from["kind"]) ?? "";
            var fromName = Str(from["name"]) ?? "";
            var fromPath = $"spec.tags[{tag}].from";
            tagRef["generation"] = generation;

            if (kind == "DockerImage" && fromName.Length > 0)
            {
                if (Bool(tagRef["reference"]))
                    TagHistory.AddTagEvent(stream, tag, Event(now, fromName, "", generation));
                continue;
            }

            var split = kind switch { "ImageStreamTag" => ':', "ImageStreamImage" => '@', _ => '\0' };
            if (split == '\0') continue; // validation reports the kind
            var parts = fromName.Split(split);
            if (parts.Length > 2)
            {
                errors.Add(FieldError.Invalid(fromPath + ".name", fromName, "must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>"));
                continue;
            }
            var (sourceStreamName, tagOrId) = parts.Length == 1 ? (name, parts[0]) : (parts[0], parts[1]);
            var sourceNamespace = Str(from["namespace"]) is { Length: > 0 } n ? n : ns;
            var source = stream;
            if (sourceNamespace != ns || sourceStreamName != name)
            {
                if (getStream(sourceNamespace, sourceStreamName) is not { } other)
                {
                    errors.Add(FieldError.NotFound(fromPath + ".name", JsonValue.Create(fromName)));
                    continue;
                }
                source = other;
            }

            JsonObject? tagEvent;
            if (kind == "ImageStreamImage")
            {
                try
                {
                    tagEvent = TagHistory.ResolveImageId(source, tagOrId, now);
                }
                catch (ImageIdException e)
                {
                    errors.Add(FieldError.Invalid(fromPath + ".name", fromName, $"error generating tag event: {e.Message}"));
                    continue;
                }
            }
            else
            {
                tagEvent = TagHistory.Latest(source, tagOrId)?.DeepClone() as JsonObject;
                if (tagEvent is null) continue; // the source tag has no image yet: fine, it stays empty
            }
            tagEvent["generation"] = generation;

            // A copy pointing at the source stream's internal repository is rewritten to this stream's.
            if (!Bool(tagRef["reference"]) && DockerImageReference.TryParse(Str(tagEvent["dockerImageReference"]), out var reference) &&
                reference.Registry == internalRegistry && reference.Namespace == sourceNamespace && reference.Name == sourceStreamName)
            {
                tagEvent["dockerImageReference"] = (reference with { Namespace = ns, Name = name }).Exact();
            }
            TagHistory.AddTagEvent(stream, tag, tagEvent);
        }

        UpdateChangedTrackingTags(old, stream, ns, name);
        return errors;
    }

    /// <summary>Wraps tag errors the way the strategy reports them: one InternalError cause on <c>[]</c>.</summary>
    public static FieldError Wrap(string streamName, IReadOnlyList<FieldError> errors)
    {
        var inner = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        return new FieldError("[]", "InternalError", $"Internal error: imagestreams \"{streamName}\" is invalid: {inner}");
    }

    private static void UpdateChangedTrackingTags(JsonObject? old, JsonObject stream, string ns, string name)
    {
        foreach (var list in (stream["status"]?["tags"] as JsonArray ?? []).OfType<JsonObject>().ToList())
        {
            var tag = Str(list["tag"]) ?? "";
            var items = list["items"] as JsonArray;
            var hasConditions = list["conditions"] is JsonArray { Count: > 0 };
            if ((items is null || items.Count == 0) && !hasConditions) continue;
            if (old is not null && !hasConditions)
            {
                var oldItems = TagHistory.StatusTag(old, tag)?["items"] as JsonArray;
                var newCount = items?.Count ?? 0;
                var oldCount = oldItems?.Count ?? 0;
                var changed = (newCount, oldCount) switch
                {
                    (0, 0) => false,
                    (0, _) => false, // deleted
                    (_, 0) => true,
                    _ => !JsonNode.DeepEquals(items![0], oldItems![0]),
                };
                if (!changed) continue;
            }
            TagHistory.UpdateTrackingTags(stream, ns, name, tag);
        }
    }

    internal static JsonObject Event(string created, string reference, string image, long generation) => new()
    {
        ["created"] = created,
        ["dockerImageReference"] = reference,
        ["image"] = image,
        ["generation"] = generation,
    };
}
