using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// An ImageStreamImport request carried out as openshift-apiserver's <c>imagestreamimport/rest.go</c>:
/// validate, fetch every image (and a repository's tags, in the engine's <see cref="TagOrder"/>) without
/// blocking a thread, store the Images, then fold successes and failures into the stream (spec tags reset
/// to the imported source, events, ImportSuccess conditions, <c>openshift.io/image.dockerRepositoryCheck</c>)
/// in one internal write; nothing is written for <c>import: false</c> or when nothing changed.
/// </summary>
internal sealed class StreamImport(ImageImporter importer)
{
    public const string RepositoryCheckAnnotation = "openshift.io/image.dockerRepositoryCheck";
    private const int MaximumTagsPerRepository = 50;

    private static ResourceType Type => ImageTypes.ImageStreamImports;

    public async Task<JsonObject> CreateAsync(RequestContext context, string ns, JsonObject body)
    {
        var request = Wire.Decode<ImageStreamImport>(body, Type.Kind);
        var name = request.Metadata?.Name ?? "";
        var spec = Defaulted(request.Spec ?? new ImageStreamImportSpec());
        var parsed = Validate(name, ns, spec);

        var stream = ImageStreamTagView.GetStream(context.Api, ns, name);
        var requestedVersion = request.Metadata?.ResourceVersion ?? "";
        var requestedUid = request.Metadata?.Uid ?? "";
        if (stream is null && (requestedVersion.Length > 0 || requestedUid.Length > 0))
            throw ApiErrors.NotFound(ImageTypes.ImageStreams, name);
        // imagestreamimport/rest.go names the stream image.Resource("imagestream") here: singular.
        var singular = ImageTypes.ImageStreams with { Resource = ImageTypes.ImageStreams.Singular };
        if (stream is not null && requestedVersion.Length > 0 && requestedVersion != stream.Metadata.ResourceVersion)
            throw ApiErrors.Conflict(singular, name,
                $"the image stream was updated from \"{requestedVersion}\" to \"{stream.Metadata.ResourceVersion}\"");
        if (stream is not null && requestedUid.Length > 0 && requestedUid != stream.Metadata.Uid)
            throw ApiErrors.NotFound(singular, name);

        var credentials = ImportCredentials.ForNamespace(context.Api, ns);
        var insecureRepository = stream?.Metadata.Annotations?.TryGetValue("openshift.io/image.insecureRepository", out var insecure) == true && insecure == "true";
        var images = new List<Outcome>();
        var specImages = spec.Images ?? [];
        for (var i = 0; i < specImages.Count; i++)
        {
            var item = specImages[i];
            var reference = parsed.Images[i];
            var toName = item.To is { } to ? to.Name : reference.Tag;
            var tagAnnotations = stream is not null && toName is not null ? stream.FindSpecTag(toName)?.Annotations : null;
            var options = Options(item.ImportPolicy, insecureRepository, credentials,
                Annotation(tagAnnotations, "importer.image.openshift.io/prefer-arch"), Annotation(tagAnnotations, "importer.image.openshift.io/prefer-os"));
            images.Add(await FetchAsync(reference, options, toName, item.From?.Name ?? "", item.ImportPolicy, item.ReferencePolicy, item.IncludeManifest,
                context.Cancellation).ConfigureAwait(false));
        }

        RepositoryImportStatus? repositoryStatus = null;
        var repositoryImages = new List<Outcome>();
        if (spec.Repository is { } repository && parsed.Repository is { } repositoryReference)
            repositoryStatus = await ImportRepositoryAsync(repository, repositoryReference, insecureRepository, credentials, repositoryImages, context.Cancellation)
                .ConfigureAwait(false);

        foreach (var outcome in images.Concat(repositoryImages).Where(o => o.Imported is not null))
            // Only images that land on a tag are stored; a digest fetched without "to" is only reported.
            outcome.Stored = spec.Import && !context.DryRun && outcome.ToTag is not null
                ? StoreImages(context.Api, outcome.Imported!)
                : PreviewImage(outcome.Imported!.Image);

        var response = new ImageStreamImport
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString(), CreationTimestamp = Wire.Time(context.Now) },
            Spec = spec,
            Status = new ImageStreamImportStatus(),
        };
        var json = Wire.Encode(response);
        var status = new JsonObject();
        if (spec.Import)
        {
            var imported = context.DryRun ? stream : UpdateStream(context, ns, name, stream, images, repositoryImages);
            status["import"] = imported is null ? null : Wire.Encode(imported);
        }
        status["images"] = new JsonArray(images.Select(o => (JsonNode)ImageStatus(o)).ToArray());
        if (repositoryStatus is not null)
        {
            var repositoryJson = Wire.Encode(repositoryStatus);
            repositoryJson.Remove("additionalTags");
            repositoryJson["images"] = new JsonArray(repositoryImages.Select(o => (JsonNode)ImageStatus(o)).ToArray());
            if (repositoryStatus.AdditionalTags is { Count: > 0 } additional) repositoryJson["additionalTags"] = new JsonArray(additional.Select(t => (JsonNode)t!).ToArray());
            status["repository"] = repositoryJson;
        }
        json["status"] = status;
        return json;
    }

    /// <summary>One requested image: its reference, its target tag (if any), how to tag it and what came back.</summary>
    private sealed record Outcome(
        RemoteImageReference Reference, string? ToTag, string FromName, TagImportPolicy ImportPolicy, TagReferencePolicy ReferencePolicy, bool IncludeManifest)
    {
        public ImportedImage? Imported { get; init; }
        public ImportFailure? Failure { get; init; }
        public JsonObject? Stored { get; set; }
    }

    private async Task<Outcome> FetchAsync(RemoteImageReference reference, ImportOptions options, string? toTag, string fromName,
        TagImportPolicy importPolicy, TagReferencePolicy referencePolicy, bool includeManifest, CancellationToken cancellationToken)
    {
        var outcome = new Outcome(reference, toTag, fromName, importPolicy, referencePolicy, includeManifest);
        try
        {
            return outcome with { Imported = await importer.ImportAsync(reference, options, cancellationToken).ConfigureAwait(false) };
        }
        catch (ImportFailure failure)
        {
            return outcome with { Failure = failure };
        }
    }

    private async Task<RepositoryImportStatus> ImportRepositoryAsync(RepositoryImportSpec repository, RemoteImageReference reference, bool insecureRepository,
        Func<string, RegistryCredential?> credentials, List<Outcome> outcomes, CancellationToken cancellationToken)
    {
        var options = Options(repository.ImportPolicy, insecureRepository, credentials, null, null);
        IReadOnlyList<string> tags;
        try
        {
            tags = await importer.ListTagsAsync(reference, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportFailure failure)
        {
            return new RepositoryImportStatus { Status = failure.Status };
        }
        var ordered = TagOrder.Prioritize(tags);
        var fromName = repository.From?.Name ?? "";
        foreach (var tag in ordered.Take(MaximumTagsPerRepository))
            outcomes.Add(await FetchAsync(reference.At(tag, null), options, tag, $"{fromName}:{tag}", repository.ImportPolicy, repository.ReferencePolicy,
                repository.IncludeManifest, cancellationToken).ConfigureAwait(false));
        var failures = outcomes.Count(o => o.Failure is not null);
        return new RepositoryImportStatus
        {
            Status = failures == 0
                ? ApiStatus.Succeeded()
                : new ApiStatus
                {
                    Status = ApiStatus.Failure,
                    Message = failures == 1 ? "one of the images from this repository failed to import" : $"{failures} of the images from this repository failed to import",
                    Reason = "ImportFailed",
                },
            AdditionalTags = ordered.Skip(MaximumTagsPerRepository).ToList(),
        };
    }

    /// <summary>Folds the results into the stream and writes it (creating it if missing); returns the stream as stored.</summary>
    private static ImageStream? UpdateStream(RequestContext context, string ns, string name, ImageStream? stream,
        List<Outcome> images, List<Outcome> repositoryImages)
    {
        for (var attempt = 0; ; attempt++)
        {
            var exists = stream is not null;
            var next = exists ? Wire.Copy(stream!) : ImageStreamTagView.NewStream(ns, name);
            var nextGeneration = exists ? (stream!.Metadata.Generation ?? 0) + 1 : 1;
            var now = Wire.Time(context.Now);
            foreach (var outcome in images.Concat(repositoryImages))
            {
                if (outcome.ToTag is not { } tag) continue;
                Apply(next, outcome, tag, nextGeneration, now);
            }
            ImageStreamShape.Normalize(next);
            var changed = !exists || !Same(next, stream!);
            var annotations = next.Metadata.Annotations;
            if (!changed && exists && annotations?.ContainsKey(RepositoryCheckAnnotation) == true) return stream;
            (next.Metadata.Annotations ??= new Dictionary<string, string>())[RepositoryCheckAnnotation] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

            try
            {
                return ImageStreamTagView.Write(context with { DryRun = false }, next, exists, @internal: true);
            }
            catch (StatusException e) when (attempt < 5 && ((e.Code == 409 && e.Reason is "Conflict" or "AlreadyExists") || (e.Code == 404 && exists)))
            {
                stream = ImageStreamTagView.GetStream(context.Api, ns, name);
            }
        }
    }

    private static bool Same(ImageStream next, ImageStream stored)
    {
        var copy = Wire.Copy(stored);
        ImageStreamShape.Normalize(copy);
        return JsonNode.DeepEquals(Wire.Encode(next), Wire.Encode(copy));
    }

    /// <summary>What one result does to its tag (<c>importSuccessful</c> / <c>checkImportFailure</c>).</summary>
    private static void Apply(ImageStream stream, Outcome outcome, string tag, long nextGeneration, DateTime now)
    {
        var importPolicy = ImageStreamShape.Normalize(Wire.Copy(outcome.ImportPolicy));
        var requestedReferencePolicy = ImageStreamShape.Normalize(Wire.Copy(outcome.ReferencePolicy));
        var specTag = stream.FindSpecTag(tag);

        if (outcome.Imported is { } imported)
        {
            var latest = ImageStreamTagView.Latest(stream, tag);
            var differentEvent = latest is null || latest.DockerImageReference != imported.DockerImageReference || latest.Image != imported.Digest;
            var differentGeneration = specTag?.Generation is not { } specGeneration || latest is null || specGeneration > latest.Generation;
            if (differentEvent || differentGeneration || specTag is null)
            {
                specTag = new TagReference
                {
                    Name = tag,
                    Annotations = specTag?.Annotations,
                    From = new ObjectReference(TagSourceKind.DockerImage, outcome.FromName),
                    Generation = 0,
                    ImportPolicy = Wire.Copy(importPolicy),
                    ReferencePolicy = specTag?.ReferencePolicy ?? requestedReferencePolicy,
                };
                stream.SetSpecTag(specTag);
                stream.AddTagEvent(tag, TagEventSources.Event(now, imported.DockerImageReference, imported.Digest, nextGeneration));
            }
            specTag.ImportPolicy = Wire.Copy(importPolicy);
            if (stream.FindStatusTag(tag) is { } statusTag) statusTag.Conditions = null;
            return;
        }

        var failure = outcome.Failure!;
        var message = failure.Message.Length > 0 ? failure.Message : "unknown error prevented import";
        if (SetImportFailure(stream, tag, failure.Reason, message, nextGeneration, now) && specTag is not null)
            specTag.Generation = 0;
        if (specTag is null)
        {
            stream.SetSpecTag(new TagReference
            {
                Name = tag,
                From = new ObjectReference(TagSourceKind.DockerImage, outcome.FromName),
                Generation = 0,
                ImportPolicy = Wire.Copy(importPolicy),
                ReferencePolicy = requestedReferencePolicy,
            });
        }
    }

    /// <summary>Records an ImportSuccess=False condition; false (nothing changed) when an identical type/status/reason/message is there.</summary>
    private static bool SetImportFailure(ImageStream stream, string tag, string reason, string message, long generation, DateTime now)
    {
        var list = stream.EnsureStatusTag(tag);
        if (list.Conditions is { Count: > 0 } conditions && conditions[0] is { Type: TagEventCondition.ImportSuccess, Status: "False" } first &&
            first.Reason == reason && first.Message == message)
            return false;
        list.Conditions =
        [
            new TagEventCondition
            {
                Type = TagEventCondition.ImportSuccess, Status = "False", LastTransitionTime = now, Reason = reason, Message = message, Generation = generation,
            },
        ];
        return true;
    }

    /// <summary>Creates the Image (and a kept list's platform Images); an existing Image is reused.</summary>
    private static JsonObject StoreImages(ApiService api, ImportedImage imported)
    {
        foreach (var manifest in imported.Manifests) StoreImage(api, manifest);
        return StoreImage(api, imported.Image);
    }

    private static JsonObject StoreImage(ApiService api, Image image)
    {
        var (group, resource) = (ImageTypes.Images.Group, ImageTypes.Images.Resource);
        var toStore = ImageDocument.StripManifest(Wire.Copy(image));
        Image stored;
        try { stored = api.Create(group, resource, null, toStore); }
        catch (StatusException e) when (e.Code == 409) { stored = api.Get<Image>(group, resource, null, image.Metadata.Name); }
        stored.Kind = null;
        stored.ApiVersion = null;
        stored.Metadata.ResourceVersion = null;
        // The response may carry the manifest and config when asked; the stored object never does.
        stored.DockerImageManifest = image.DockerImageManifest;
        stored.DockerImageConfig = image.DockerImageConfig;
        return ImageDocument.Encode(stored);
    }

    /// <summary>An Image that was fetched but not stored (<c>import: false</c>): no uid, <c>creationTimestamp: null</c>.</summary>
    private static JsonObject PreviewImage(Image image)
    {
        var json = ImageDocument.Encode(Wire.Copy(image));
        if (json["metadata"] is JsonObject metadata)
        {
            var annotations = metadata["annotations"];
            metadata.Remove("annotations");
            metadata["creationTimestamp"] = null;
            if (annotations is not null) metadata["annotations"] = annotations.DeepClone();
        }
        return json;
    }

    private static JsonObject ImageStatus(Outcome outcome)
    {
        var status = new JsonObject();
        if (outcome.Imported is not null)
        {
            status["status"] = Wire.Encode(ApiStatus.Succeeded());
            var image = (JsonObject)outcome.Stored!.DeepClone();
            if (!outcome.IncludeManifest)
            {
                image.Remove("dockerImageManifest");
                image.Remove("dockerImageConfig");
            }
            status["image"] = image;
            if (outcome.Reference.Tag is { } tag && outcome.Reference.Digest is null) status["tag"] = tag;
            if (outcome.Imported.Manifests.Count > 0)
                status["manifests"] = new JsonArray(outcome.Imported.Manifests
                    .Select(m => (JsonNode)ImageDocument.Encode(ImageDocument.StripManifest(Wire.Copy(m)))).ToArray());
        }
        else
        {
            status["status"] = Wire.Encode(outcome.Failure!.Status);
            if (outcome.Reference.Tag is { } tag && outcome.Reference.Digest is null) status["tag"] = tag;
        }
        return status;
    }

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;

    private static ImportOptions Options(TagImportPolicy? policy, bool insecureRepository, Func<string, RegistryCredential?> credentials, string? arch, string? os) =>
        new(Insecure: policy?.Insecure == true || insecureRepository, ImportMode: policy?.ImportMode,
            PreferArch: arch, PreferOs: os, Credentials: credentials);

    /// <summary>Server defaulting of the request: import and reference policies get their defaults.</summary>
    private static ImageStreamImportSpec Defaulted(ImageStreamImportSpec spec)
    {
        foreach (var image in spec.Images ?? [])
        {
            image.ImportPolicy = ImageStreamShape.Normalize(image.ImportPolicy);
            image.ReferencePolicy = ImageStreamShape.Normalize(image.ReferencePolicy);
        }
        if (spec.Repository is { } repository)
        {
            repository.ImportPolicy = ImageStreamShape.Normalize(repository.ImportPolicy);
            repository.ReferencePolicy = ImageStreamShape.Normalize(repository.ReferencePolicy);
        }
        return spec;
    }

    private sealed record ParsedRequest(List<RemoteImageReference> Images, RemoteImageReference? Repository);

    private static ParsedRequest Validate(string name, string ns, ImageStreamImportSpec spec)
    {
        var errors = new List<FieldError>();
        if (name.Length == 0) errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        else errors.AddRange(ImageStreamValidation.ValidateStreamName(name, ns));

        var references = new List<RemoteImageReference>();
        var images = spec.Images ?? [];
        RemoteImageReference? repositoryReference = null;
        if (images.Count == 0 && spec.Repository is null)
            errors.Add(FieldError.InvalidLiteral("spec.images", "\"null\"", "you must specify at least one image or a repository import"));
        for (var i = 0; i < images.Count; i++)
        {
            var path = $"spec.images[{i}]";
            var item = images[i];
            var kind = item.From?.Kind ?? "";
            var fromName = item.From?.Name ?? "";
            if (kind != TagSourceKind.DockerImage) errors.Add(FieldError.Invalid(path + ".from.kind", kind, "only DockerImage is supported"));
            if (fromName.Length == 0) errors.Add(FieldError.Required(path + ".from.name"));
            else if (!DockerImageReference.TryParse(fromName, out var parsed, out var error)) errors.Add(FieldError.Invalid(path + ".from.name", fromName, error));
            else references.Add(RemoteImageReferences.From(parsed));
            if (item.To is { } to)
            {
                var toName = to.Name ?? "";
                if (toName.Length == 0) errors.Add(FieldError.Required(path + ".to.name"));
                else if (!ImageStreamValidation.IsValidTag(toName))
                    errors.Add(FieldError.Invalid(path + ".to.name", toName, $"must match \"{ImageStreamValidation.TagPattern}\""));
            }
        }
        if (spec.Repository is { } repository)
        {
            var kind = repository.From?.Kind ?? "";
            var fromName = repository.From?.Name ?? "";
            if (kind != TagSourceKind.DockerImage) errors.Add(FieldError.Invalid("spec.repository.from.kind", kind, "only DockerImage is supported"));
            if (fromName.Length == 0) errors.Add(FieldError.Required("spec.repository.from.name"));
            else if (!DockerImageReference.TryParse(fromName, out var parsed, out var error)) errors.Add(FieldError.Invalid("spec.repository.from.name", fromName, error));
            else if (parsed.Tag.Length > 0 || parsed.ID.Length > 0)
                errors.Add(FieldError.Invalid("spec.repository.from.name", fromName, "you must specify an image repository, not a tag or ID"));
            else repositoryReference = RemoteImageReferences.From(parsed);
        }
        if (errors.Count > 0) throw ApiErrors.Invalid(Type, name, errors);
        return new ParsedRequest(references, repositoryReference);
    }
}
