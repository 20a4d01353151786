using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Sandbox.Images.Streams;

/// <summary>
/// <c>tagsChanged</c> of openshift-apiserver's imagestream strategy: for every spec tag that is new or
/// whose source changed, the status event is computed inside the same request when the source is an
/// ImageStreamImage, an ImageStreamTag or a reference DockerImage; plain DockerImage tags wait for
/// the import controller. Then same-stream tracking tags follow (the engine's <see cref="ImageStream.UpdateTrackingTags"/>).
/// </summary>
internal sealed class TagEventSources(Func<string, string, ImageStream?> getStream, string internalRegistry)
{
    /// <summary>Applies the events to <paramref name="stream"/>; returns the field errors (wrapped by the caller).</summary>
    public List<FieldError> Apply(ImageStream? old, ImageStream stream, DateTime now)
    {
        var errors = new List<FieldError>();
        var ns = stream.Metadata.NamespaceProperty ?? "";
        var name = stream.Metadata.Name ?? "";
        var generation = stream.Metadata.Generation ?? 0;
        foreach (var tagRef in (stream.Spec.Tags ?? []).ToList())
        {
            var tag = tagRef.Name;
            if (old?.FindSpecTag(tag) is { } oldRef && !SpecTagGenerations.Changed(oldRef, tagRef, ns)) continue;
            if (tagRef.From is not { } from) continue;
            var kind = from.Kind ?? "";
            var fromName = from.Name ?? "";
            var fromPath = $"spec.tags[{tag}].from";
            tagRef.Generation = generation;

            if (kind == TagSourceKind.DockerImage && fromName.Length > 0)
            {
                if (tagRef.Reference) stream.AddTagEvent(tag, Event(now, fromName, "", generation));
                continue;
            }

            var split = kind switch { TagSourceKind.ImageStreamTag => ':', TagSourceKind.ImageStreamImage => '@', _ => '\0' };
            if (split == '\0') continue; // validation reports the kind
            var parts = fromName.Split(split);
            if (parts.Length > 2)
            {
                errors.Add(FieldError.Invalid(fromPath + ".name", fromName, "must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>"));
                continue;
            }
            var (sourceStreamName, tagOrId) = parts.Length == 1 ? (name, parts[0]) : (parts[0], parts[1]);
            var sourceNamespace = string.IsNullOrEmpty(from.Namespace) ? ns : from.Namespace;
            var source = stream;
            if (sourceNamespace != ns || sourceStreamName != name)
            {
                if (getStream(sourceNamespace, sourceStreamName) is not { } other)
                {
                    errors.Add(FieldError.NotFound(fromPath + ".name", fromName));
                    continue;
                }
                source = other;
            }

            TagEvent? tagEvent;
            if (kind == TagSourceKind.ImageStreamImage)
            {
                if (!source.TryResolveImageId(tagOrId, now, out tagEvent, out var error))
                {
                    errors.Add(FieldError.Invalid(fromPath + ".name", fromName, $"error generating tag event: {error!.Message}"));
                    continue;
                }
            }
            else
            {
                // tagReferenceToTagEvent sets the generation through LatestTaggedImage's pointer: in the same
                // stream the source tag's newest event takes this generation too (an alias rewrites its source).
                if (source.LatestTaggedImage(tagOrId) is not { } latest) continue; // the source tag has no image yet: fine, it stays empty
                latest.Generation = generation;
                tagEvent = Event(latest.Created ?? now, latest.DockerImageReference, latest.Image, generation);
            }
            tagEvent!.Generation = generation;

            // A copy pointing at the source stream's internal repository is rewritten to this stream's.
            if (!tagRef.Reference && DockerImageReference.TryParse(tagEvent.DockerImageReference, out var reference) &&
                reference.Registry == internalRegistry && reference.Namespace == sourceNamespace && reference.Name == sourceStreamName)
            {
                tagEvent.DockerImageReference = (reference with { Namespace = ns, Name = name }).Exact();
            }
            stream.AddTagEvent(tag, tagEvent);
        }

        UpdateChangedTrackingTags(old, stream);
        return errors;
    }

    /// <summary>Wraps tag errors the way the strategy reports them: one InternalError cause on <c>[]</c>.</summary>
    public static FieldError Wrap(string streamName, IReadOnlyList<FieldError> errors) =>
        FieldError.Internal("[]", $"imagestreams \"{streamName}\" is invalid: {FieldError.Join(errors)}");

    private static void UpdateChangedTrackingTags(ImageStream? old, ImageStream stream)
    {
        foreach (var list in (stream.Status.Tags ?? []).ToList())
        {
            var items = list.Items;
            var hasConditions = list.Conditions is { Count: > 0 };
            if (items is not { Count: > 0 } && !hasConditions) continue;
            if (old is not null && !hasConditions)
            {
                var oldItems = old.FindStatusTag(list.Tag)?.Items;
                var changed = (items?.Count ?? 0, oldItems?.Count ?? 0) switch
                {
                    (0, _) => false, // deleted
                    (_, 0) => true,
                    _ => !ImageStreamShape.Same(items![0], oldItems![0]),
                };
                if (!changed) continue;
            }
            stream.UpdateTrackingTags(list.Tag);
        }
    }

    public static TagEvent Event(DateTime created, string reference, string image, long generation) =>
        new() { Created = created, DockerImageReference = reference, Image = image, Generation = generation };
}
