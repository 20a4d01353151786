using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources.OpenShift;

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

    public Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var mapping = Wire.Decode<ImageStreamMapping>(body, Type.Kind);
        var name = mapping.Metadata?.Name ?? "";
        var tag = mapping.Tag ?? "";
        var image = mapping.Image ?? new Image();
        image.Metadata ??= new();
        var imageName = image.Metadata.Name ?? "";

        // PrepareForCreate: the pull spec defaults to this stream in the internal registry; signatures go.
        if (string.IsNullOrEmpty(image.DockerImageReference) && internalRegistryHost() is { Length: > 0 } registry)
            image.DockerImageReference = new DockerImageReference { Registry = registry, Namespace = ns, Name = name, ID = imageName }.Exact();
        image.Signatures = null;
        var errors = Validate(name, tag, image.DockerImageReference ?? "", imageName);
        if (errors.Count > 0) throw ApiErrors.Invalid(Type, name, errors);

        var stream = ImageStreamTagView.GetStream(context.Api, ns, name) ?? throw ApiErrors.NotFound(ImageTypes.ImageStreams, name);
        var created = true;
        try
        {
            if (!context.DryRun) context.Api.Create(ImageTypes.Images.Group, ImageTypes.Images.Resource, null, image);
        }
        catch (StatusException e) when (e.Code == 409 && e.Reason == "AlreadyExists")
        {
            created = false;
        }

        // An image the registry manages that already existed is most likely tagged elsewhere: pull it from this stream.
        var reference = image.DockerImageReference ?? "";
        if (!created && image.Metadata.Annotations is { } annotations && annotations.TryGetValue("openshift.io/image.managed", out var managed) && managed == "true" &&
            ForStream(stream) is { } streamReference)
            reference = (streamReference with { Tag = "", ID = imageName }).Exact();
        var now = Wire.Time(context.Now);

        for (var attempt = 1; ; attempt++)
        {
            var lastEvent = stream.LatestTaggedImage(tag) is { } last ? (last.DockerImageReference, last.Image) : ((string, string)?)null;
            if (!stream.AddTagEvent(tag, TagEventSources.Event(now, reference, imageName, stream.Metadata.Generation ?? 0))) break;
            stream.UpdateTrackingTags(tag);
            if (context.DryRun) break;
            try
            {
                context.Api.UpdateStatus(ImageTypes.ImageStreams.Group, ImageTypes.ImageStreams.Resource, ns, name, stream);
                break;
            }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict" && attempt < MaxRetriesOnConflict)
            {
                // Retry on the newer stream unless the tag itself moved meanwhile (generation and time aside).
                var latest = ImageStreamTagView.GetStream(context.Api, ns, name) ?? throw ApiErrors.NotFound(ImageTypes.ImageStreams, name);
                if (lastEvent is not null && (latest.LatestTaggedImage(tag) is not { } newer || (newer.DockerImageReference, newer.Image) != lastEvent)) throw;
                stream = latest;
            }
        }
        return Task.FromResult(new WriteResult(new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201,
        }, true));
    }

    /// <summary><c>ValidateImageStreamMapping</c> with <c>validateImage</c>, in their order.</summary>
    private static List<FieldError> Validate(string name, string tag, string reference, string imageName)
    {
        var errors = PathSegmentName("metadata.name", name);
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("name"));
            errors.Add(FieldError.Required("dockerImageRepository"));
        }
        if (tag.Length == 0) errors.Add(FieldError.Required("tag"));
        errors.AddRange(PathSegmentName("image.metadata.name", imageName));
        if (reference.Length == 0) errors.Add(FieldError.Required("image.dockerImageReference"));
        else if (!DockerImageReference.TryParse(reference, out _, out var error)) errors.Add(FieldError.Invalid("image.dockerImageReference", reference, error));
        return errors;
    }

    /// <summary><c>ValidateObjectMeta</c>'s name check with <c>path.ValidatePathSegmentName</c>.</summary>
    private static List<FieldError> PathSegmentName(string field, string name) =>
        name.Length == 0
            ? [FieldError.Required(field, "name or generateName is required")]
            : NameValidation.Name(name, NameValidation.PathSegmentName, field).ToList();

    /// <summary><c>dockerImageReferenceForStream</c>: status.dockerImageRepository, else the spec's.</summary>
    private static DockerImageReference? ForStream(ImageStream stream)
    {
        var spec = stream.Status.DockerImageRepository is { Length: > 0 } status ? status : stream.Spec.DockerImageRepository ?? "";
        return DockerImageReference.TryParse(spec, out var reference) ? reference : null;
    }
}
