using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>imagestreammappings</c>: the create-only RPC a registry posts after a push (openshift-apiserver
/// <c>imagestreammapping/rest.go</c> Create and strategy.go): <c>{metadata: {name: STREAM}, image: Image, tag: TAG}</c>
/// creates the Image when it is new and prepends a status event to the tag of the existing stream (no spec tag),
/// then the tags that track it follow. The answer is a Success Status (201).
/// </summary>
internal sealed class ImageStreamMappingResource(Func<string> internalRegistryHost) : IVirtualResource
{
    private const int MaxRetriesOnConflict = 10;

    public ResourceType Type => ImageTypes.ImageStreamMappings;

    public WriteResult Create(RequestContext context, string ns, JsonObject body)
    {
        var name = Str(body["metadata"]?["name"]) ?? "";
        var tag = Str(body["tag"]) ?? "";
        var image = body["image"] as JsonObject ?? new JsonObject();
        image["metadata"] ??= new JsonObject();
        var imageName = Str(image["metadata"]?["name"]) ?? "";

        // PrepareForCreate: the pull spec defaults to this stream in the internal registry; signatures go.
        if ((Str(image["dockerImageReference"]) ?? "").Length == 0 && internalRegistryHost() is { Length: > 0 } registry)
            image["dockerImageReference"] = new DockerImageReference { Registry = registry, Namespace = ns, Name = name, ID = imageName }.Exact();
        image.Remove("signatures");
        var errors = Validate(name, tag, image, imageName);
        if (errors.Count > 0) throw ApiErrors.Invalid(Type, name, errors);

        var stream = context.Api.Get(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name);
        var created = true;
        try
        {
            if (!context.DryRun) context.Api.Create(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, (JsonObject)image.DeepClone());
        }
        catch (StatusException e) when (e.Code == 409 && e.Reason == "AlreadyExists")
        {
            created = false;
        }

        // An image the registry manages that already existed is most likely tagged elsewhere: pull it from this stream.
        var reference = Str(image["dockerImageReference"]) ?? "";
        if (!created && Str(image["metadata"]?["annotations"]?["openshift.io/image.managed"]) == "true" &&
            ForStream(stream) is { } streamReference)
            reference = (streamReference with { Tag = "", ID = imageName }).Exact();
        var now = ObjectMeta.FormatTime(context.Now);

        for (var attempt = 1; ; attempt++)
        {
            var lastEvent = TagHistory.Latest(stream, tag)?.DeepClone() as JsonObject;
            var next = new JsonObject
            {
                ["created"] = now,
                ["dockerImageReference"] = reference,
                ["image"] = imageName,
                ["generation"] = ObjectMeta.Generation(stream),
            };
            if (!TagHistory.AddTagEvent(stream, tag, next)) break;
            TagHistory.UpdateTrackingTags(stream, ns, name, tag);
            if (context.DryRun) break;
            try
            {
                context.Api.UpdateStatus(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name, stream);
                break;
            }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict" && attempt < MaxRetriesOnConflict)
            {
                // Retry on the newer stream unless the tag itself moved meanwhile (generation and time aside).
                var latest = context.Api.Get(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name);
                if (lastEvent is not null && !SameEvent(lastEvent, TagHistory.Latest(latest, tag))) throw;
                stream = latest;
            }
        }
        return new WriteResult(new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201,
        }, true);
    }

    /// <summary><c>ValidateImageStreamMapping</c> with <c>validateImage</c>, in their order.</summary>
    private static List<FieldError> Validate(string name, string tag, JsonObject image, string imageName)
    {
        var errors = PathSegmentName("metadata.name", name);
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("name"));
            errors.Add(FieldError.Required("dockerImageRepository"));
        }
        if (tag.Length == 0) errors.Add(FieldError.Required("tag"));
        errors.AddRange(PathSegmentName("image.metadata.name", imageName));
        var reference = Str(image["dockerImageReference"]) ?? "";
        if (reference.Length == 0) errors.Add(FieldError.Required("image.dockerImageReference"));
        else if (!DockerImageReference.TryParse(reference, out _, out var error)) errors.Add(FieldError.Invalid("image.dockerImageReference", reference, error));
        return errors;
    }

    /// <summary><c>ValidateObjectMeta</c>'s name check with <c>path.ValidatePathSegmentName</c>.</summary>
    private static List<FieldError> PathSegmentName(string field, string name)
    {
        if (name.Length == 0) return [FieldError.Required(field, "name or generateName is required")];
        var errors = new List<FieldError>();
        if (name is "." or "..") errors.Add(FieldError.Invalid(field, name, $"may not be '{name}'"));
        if (name.Contains('/')) errors.Add(FieldError.Invalid(field, name, "may not contain '/'"));
        if (name.Contains('%')) errors.Add(FieldError.Invalid(field, name, "may not contain '%'"));
        return errors;
    }

    /// <summary><c>dockerImageReferenceForStream</c>: status.dockerImageRepository, else the spec's.</summary>
    private static DockerImageReference? ForStream(JsonObject stream)
    {
        var spec = Str(stream["status"]?["dockerImageRepository"]) is { Length: > 0 } status ? status : Str(stream["spec"]?["dockerImageRepository"]) ?? "";
        return DockerImageReference.TryParse(spec, out var reference) ? reference : null;
    }

    private static bool SameEvent(JsonObject last, JsonObject? newer) =>
        newer is not null && Str(last["dockerImageReference"]) == Str(newer["dockerImageReference"]) && Str(last["image"]) == Str(newer["image"]);
}
