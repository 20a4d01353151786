using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Images.Streams;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using static ImageStreamPS.Sandbox.Images.Streams.JsonRead;
using FieldError = ImageStreamPS.Sandbox.Resources.FieldError;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// An ImageStreamImport request carried out as openshift-apiserver's <c>imagestreamimport/rest.go</c>:
/// validate, fetch every image (and a repository's tags), store the Images, then fold successes and
/// failures into the stream (spec tags reset to the imported source, events, ImportSuccess conditions,
/// <c>openshift.io/image.dockerRepositoryCheck</c>) in one server-side write; nothing is written for
/// <c>import: false</c> or when nothing changed.
/// </summary>
internal sealed class StreamImport(ImageImporter importer)
{
    public const string RepositoryCheckAnnotation = "openshift.io/image.dockerRepositoryCheck";
    private const int MaximumTagsPerRepository = 50;
    private const string Group = "image.openshift.io";

    private static ResourceType Type => ImageTypes.ImageStreamImports;

    public JsonObject Create(RequestContext context, string ns, JsonObject body)
    {
        var name = Str(body["metadata"]?["name"]) ?? "";
        var spec = Defaulted(body["spec"] as JsonObject ?? new JsonObject());
        var parsed = Validate(name, ns, spec);
        var doImport = Bool(spec["import"]);

        var stream = context.Api.TryGet(Group, "imagestreams", ns, name);
        var requestedVersion = Str(body["metadata"]?["resourceVersion"]) ?? "";
        var requestedUid = Str(body["metadata"]?["uid"]) ?? "";
        if (stream is null && (requestedVersion.Length > 0 || requestedUid.Length > 0))
            throw ApiErrors.NotFound(ImageTypes.ImageStreams, name);
        if (stream is not null && requestedVersion.Length > 0 && requestedVersion != ObjectMeta.ResourceVersion(stream))
            throw ApiErrors.Conflict(ImageTypes.ImageStreams, name,
                $"the image stream was updated from \"{requestedVersion}\" to \"{ObjectMeta.ResourceVersion(stream)}\"");
        if (stream is not null && requestedUid.Length > 0 && requestedUid != ObjectMeta.Uid(stream))
            throw ApiErrors.NotFound(ImageTypes.ImageStreams, name);

        var credentials = ImportCredentials.ForNamespace(context.Api, ns);
        var insecureRepository = stream is not null && Str(stream["metadata"]?["annotations"]?["openshift.io/image.insecureRepository"]) == "true";
        var images = new List<Outcome>();
        var specImages = spec["images"] as JsonArray ?? [];
        for (var i = 0; i < specImages.Count; i++)
        {
            var item = (JsonObject)specImages[i]!;
            var reference = parsed.Images[i];
            var toName = item["to"] is JsonObject to ? Str(to["name"]) : reference.Tag;
            var tagAnnotations = stream is not null && toName is not null ? TagHistory.SpecTag(stream, toName)?["annotations"] : null;
            var options = Options(item["importPolicy"] as JsonObject, insecureRepository, credentials,
                Str(tagAnnotations?["importer.image.openshift.io/prefer-arch"]), Str(tagAnnotations?["importer.image.openshift.io/prefer-os"]));
            images.Add(Fetch(reference, options, toName, Str(item["from"]?["name"]) ?? "", item));
        }

        JsonObject? repositoryStatus = null;
        var repositoryImages = new List<Outcome>();
        if (spec["repository"] is JsonObject repository && parsed.Repository is { } repositoryReference)
            repositoryStatus = ImportRepository(repository, repositoryReference, insecureRepository, credentials, repositoryImages);

        foreach (var outcome in images.Concat(repositoryImages).Where(o => o.Imported is not null))
            // Only images that land on a tag are stored; a digest fetched without "to" is only reported.
            outcome.Stored = doImport && !context.DryRun && outcome.ToTag is not null
                ? StoreImages(context.Api, outcome.Imported!)
                : PreviewImage(outcome.Imported!.Image);

        var response = new JsonObject
        {
            ["kind"] = Type.Kind,
            ["apiVersion"] = Type.ApiVersion,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = ObjectMeta.FormatTime(context.Now),
            },
            ["spec"] = spec,
        };
        var status = new JsonObject();
        if (doImport)
            status["import"] = context.DryRun ? stream?.DeepClone() : UpdateStream(context, ns, name, stream, spec, images, repositoryImages);
        status["images"] = new JsonArray(images.Select((o, i) => (JsonNode)ImageStatus(o, Bool(specImages[i]?["includeManifest"]))).ToArray());
        if (repositoryStatus is not null)
        {
            repositoryStatus["images"] = new JsonArray(repositoryImages.Select(o => (JsonNode)ImageStatus(o, Bool(spec["repository"]?["includeManifest"]))).ToArray());
            repositoryStatus["additionalTags"] = repositoryStatus["additionalTags"]?.DeepClone();
            if (repositoryStatus["additionalTags"] is JsonArray { Count: 0 }) repositoryStatus.Remove("additionalTags");
            status["repository"] = repositoryStatus;
        }
        response["status"] = status;
        return response;
    }

    /// <summary>One requested image: its reference, its target tag (if any) and what came back.</summary>
    private sealed class Outcome(RemoteImageReference reference, string? toTag, string fromName, JsonObject specItem)
    {
        public RemoteImageReference Reference { get; } = reference;
        public string? ToTag { get; } = toTag;
        public string FromName { get; } = fromName;
        public JsonObject SpecItem { get; } = specItem;
        public ImportedImage? Imported { get; init; }
        public ImportFailure? Failure { get; init; }
        public JsonObject? Stored { get; set; }
    }

    private Outcome Fetch(RemoteImageReference reference, ImportOptions options, string? toTag, string fromName, JsonObject specItem)
    {
        try
        {
            var imported = importer.ImportAsync(reference, options, CancellationToken.None).GetAwaiter().GetResult();
            return new Outcome(reference, toTag, fromName, specItem) { Imported = imported };
        }
        catch (ImportFailure failure)
        {
            return new Outcome(reference, toTag, fromName, specItem) { Failure = failure };
        }
    }

    private JsonObject ImportRepository(JsonObject repository, RemoteImageReference reference, bool insecureRepository,
        Func<string, RegistryCredential?> credentials, List<Outcome> outcomes)
    {
        var options = Options(repository["importPolicy"] as JsonObject, insecureRepository, credentials, null, null);
        IReadOnlyList<string> tags;
        try
        {
            tags = importer.ListTagsAsync(reference, options, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ImportFailure failure)
        {
            return new JsonObject { ["status"] = failure.ToStatus() };
        }
        var ordered = TagPriority.Order(tags);
        var fromName = Str(repository["from"]?["name"]) ?? "";
        foreach (var tag in ordered.Take(MaximumTagsPerRepository))
            outcomes.Add(Fetch(reference.At(tag, null), options, tag, $"{fromName}:{tag}", repository));
        var failures = outcomes.Count(o => o.Failure is not null);
        var status = new JsonObject
        {
            ["status"] = failures == 0
                ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
                : new JsonObject
                {
                    ["metadata"] = new JsonObject(),
                    ["status"] = "Failure",
                    ["message"] = failures == 1 ? "one of the images from this repository failed to import" : $"{failures} of the images from this repository failed to import",
                    ["reason"] = "ImportFailed",
                },
            ["additionalTags"] = new JsonArray(ordered.Skip(MaximumTagsPerRepository).Select(t => (JsonNode)t!).ToArray()),
        };
        return status;
    }

    /// <summary>Folds the results into the stream and writes it (creating it if missing); returns the stream as stored.</summary>
    private static JsonObject? UpdateStream(RequestContext context, string ns, string name, JsonObject? stream,
        JsonObject spec, List<Outcome> images, List<Outcome> repositoryImages)
    {
        for (var attempt = 0; ; attempt++)
        {
            var exists = stream is not null;
            var next = exists
                ? (JsonObject)stream!.DeepClone()
                : new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                    ["spec"] = new JsonObject { ["lookupPolicy"] = new JsonObject { ["local"] = false } },
                    ["status"] = new JsonObject(),
                };
            var nextGeneration = exists ? ObjectMeta.Generation(stream!) + 1 : 1;
            var now = ObjectMeta.FormatTime(context.Now);
            foreach (var outcome in images.Concat(repositoryImages))
            {
                if (outcome.ToTag is not { } tag) continue;
                Apply(next, outcome, tag, nextGeneration, now);
            }
            ImageStreamShape.Normalize(next);
            var changed = !exists || !JsonNode.DeepEquals(next, Normalized(stream!));
            var annotations = ObjectMeta.Metadata(next)["annotations"] as JsonObject;
            if (!changed && exists && annotations?[RepositoryCheckAnnotation] is not null) return stream;
            if (annotations is null) ObjectMeta.Metadata(next)["annotations"] = annotations = new JsonObject();
            annotations[RepositoryCheckAnnotation] = now;

            using (ImageStreamWrites.Internal())
            {
                try
                {
                    return exists
                        ? context.Api.Update(Group, "imagestreams", ns, name, next)
                        : context.Api.Create(Group, "imagestreams", ns, next);
                }
                catch (StatusException e) when (attempt < 5 && ((e.Code == 409 && e.Reason is "Conflict" or "AlreadyExists") || (e.Code == 404 && exists)))
                {
                    stream = context.Api.TryGet(Group, "imagestreams", ns, name);
                }
            }
        }
    }

    /// <summary>What one result does to its tag (<c>importSuccessful</c> / <c>checkImportFailure</c>).</summary>
    private static void Apply(JsonObject stream, Outcome outcome, string tag, long nextGeneration, string now)
    {
        var specItem = outcome.SpecItem;
        var importPolicy = ImageStreamShape.ImportPolicy(specItem["importPolicy"] as JsonObject);
        var requestedReferencePolicy = ImageStreamShape.ReferencePolicy(specItem["referencePolicy"] as JsonObject);
        var specTag = TagHistory.SpecTag(stream, tag);

        if (outcome.Imported is { } imported)
        {
            var latest = TagHistory.Latest(stream, tag);
            var differentEvent = latest is null ||
                Str(latest["dockerImageReference"]) != imported.DockerImageReference || Str(latest["image"]) != imported.Digest;
            var differentGeneration = specTag is null || LongOrNull(specTag["generation"]) is not { } specGeneration ||
                latest is null || specGeneration > Long(latest["generation"]);
            if (differentEvent || differentGeneration || specTag is null)
            {
                specTag = new JsonObject
                {
                    ["name"] = tag,
                    ["annotations"] = specTag?["annotations"]?.DeepClone(),
                    ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = outcome.FromName },
                    ["generation"] = 0L,
                    ["importPolicy"] = importPolicy.DeepClone(),
                    ["referencePolicy"] = specTag?["referencePolicy"]?.DeepClone() ?? requestedReferencePolicy,
                };
                TagHistory.SetSpecTag(stream, specTag);
                TagHistory.AddTagEvent(stream, tag, TagEventSources.Event(now, imported.DockerImageReference, imported.Digest, nextGeneration));
            }
            specTag["importPolicy"] = importPolicy.DeepClone();
            TagHistory.StatusTag(stream, tag)?.Remove("conditions");
            return;
        }

        var failure = outcome.Failure!;
        var message = failure.Message.Length > 0 ? failure.Message : "unknown error prevented import";
        if (TagHistory.AddImportFailure(stream, tag, failure.Reason, message, nextGeneration, now) && specTag is not null)
            specTag["generation"] = 0L;
        if (specTag is null)
        {
            TagHistory.SetSpecTag(stream, new JsonObject
            {
                ["name"] = tag,
                ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = outcome.FromName },
                ["generation"] = 0L,
                ["importPolicy"] = importPolicy.DeepClone(),
                ["referencePolicy"] = requestedReferencePolicy,
            });
        }
    }

    private static JsonObject Normalized(JsonObject stream)
    {
        var copy = (JsonObject)stream.DeepClone();
        ImageStreamShape.Normalize(copy);
        return copy;
    }

    /// <summary>Creates the Image (and a kept list's platform Images); an existing Image is reused.</summary>
    private static JsonObject StoreImages(ApiService api, ImportedImage imported)
    {
        foreach (var manifest in imported.Manifests) StoreImage(api, manifest);
        return StoreImage(api, imported.Image);
    }

    private static JsonObject StoreImage(ApiService api, JsonObject image)
    {
        var name = Str(image["metadata"]?["name"]) ?? "";
        var toStore = ImageDocument.StripManifest((JsonObject)image.DeepClone());
        JsonObject stored;
        try { stored = api.Create(Group, "images", null, toStore); }
        catch (StatusException e) when (e.Code == 409) { stored = api.Get(Group, "images", null, name); }
        var result = (JsonObject)stored.DeepClone();
        result.Remove("kind");
        result.Remove("apiVersion");
        (result["metadata"] as JsonObject)?.Remove("resourceVersion");
        // The response may carry the manifest and config when asked; the stored object never does.
        if (image["dockerImageManifest"] is { } manifest) result["dockerImageManifest"] = manifest.DeepClone();
        if (image["dockerImageConfig"] is { } config) result["dockerImageConfig"] = config.DeepClone();
        return result;
    }

    /// <summary>An Image that was fetched but not stored (<c>import: false</c>): no uid, <c>creationTimestamp: null</c>.</summary>
    private static JsonObject PreviewImage(JsonObject image)
    {
        var result = (JsonObject)image.DeepClone();
        var metadata = (JsonObject)result["metadata"]!;
        var annotations = metadata["annotations"];
        metadata.Remove("annotations");
        metadata["creationTimestamp"] = null;
        if (annotations is not null) metadata["annotations"] = annotations;
        return result;
    }

    private static JsonObject ImageStatus(Outcome outcome, bool includeManifest)
    {
        var status = new JsonObject();
        if (outcome.Imported is not null)
        {
            status["status"] = new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" };
            var image = (JsonObject)outcome.Stored!.DeepClone();
            if (!includeManifest) ImageDocument.StripManifest(image);
            status["image"] = image;
            if (outcome.Reference.Tag is { } tag && outcome.Reference.Digest is null) status["tag"] = tag;
            if (outcome.Imported.Manifests.Count > 0)
                status["manifests"] = new JsonArray(outcome.Imported.Manifests.Select(m => (JsonNode)ImageDocument.StripManifest((JsonObject)m.DeepClone())).ToArray());
        }
        else
        {
            status["status"] = outcome.Failure!.ToStatus();
            if (outcome.Reference.Tag is { } tag && outcome.Reference.Digest is null) status["tag"] = tag;
        }
        return status;
    }

    private static ImportOptions Options(JsonObject? policy, bool insecureRepository, Func<string, RegistryCredential?> credentials, string? arch, string? os) =>
        new(Insecure: Bool(policy?["insecure"]) || insecureRepository, ImportMode: Str(policy?["importMode"]),
            PreferArch: arch, PreferOs: os, Credentials: credentials);

    /// <summary>Server defaulting of the request: import and reference policies get their defaults.</summary>
    private static JsonObject Defaulted(JsonObject spec)
    {
        var result = new JsonObject { ["import"] = Bool(spec["import"]) };
        if (spec["images"] is JsonArray images)
        {
            result["images"] = new JsonArray(images.OfType<JsonObject>().Select(image =>
            {
                var item = new JsonObject { ["from"] = image["from"]?.DeepClone() };
                if (image["to"] is JsonObject to) item["to"] = to.DeepClone();
                item["importPolicy"] = ImageStreamShape.ImportPolicy(image["importPolicy"] as JsonObject);
                item["includeManifest"] = Bool(image["includeManifest"]) ? true : null;
                item["referencePolicy"] = ImageStreamShape.ReferencePolicy(image["referencePolicy"] as JsonObject);
                if (item["includeManifest"] is null) item.Remove("includeManifest");
                return (JsonNode)item;
            }).ToArray());
        }
        if (spec["repository"] is JsonObject repository)
        {
            var item = new JsonObject
            {
                ["from"] = repository["from"]?.DeepClone(),
                ["importPolicy"] = ImageStreamShape.ImportPolicy(repository["importPolicy"] as JsonObject),
                ["referencePolicy"] = ImageStreamShape.ReferencePolicy(repository["referencePolicy"] as JsonObject),
            };
            if (Bool(repository["includeManifest"])) item["includeManifest"] = true;
            result["repository"] = item;
        }
        return result;
    }

    private sealed record ParsedRequest(List<RemoteImageReference> Images, RemoteImageReference? Repository);

    private static ParsedRequest Validate(string name, string ns, JsonObject spec)
    {
        var errors = new List<FieldError>();
        if (name.Length == 0) errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        else
            errors.AddRange(ImageStreamValidation.ValidateStreamName(name, ns).Select(e =>
                e.Type == FieldErrorType.Required ? FieldError.Required(e.Field, e.Detail) : FieldError.Invalid(e.Field, e.Value ?? "", e.Detail)));

        var references = new List<RemoteImageReference>();
        var images = spec["images"] as JsonArray ?? [];
        RemoteImageReference? repositoryReference = null;
        if (images.Count == 0 && spec["repository"] is not JsonObject)
            errors.Add(new FieldError("spec.images", "FieldValueInvalid", "Invalid value: \"null\": you must specify at least one image or a repository import"));
        for (var i = 0; i < images.Count; i++)
        {
            var path = $"spec.images[{i}]";
            var item = images[i] as JsonObject ?? new JsonObject();
            var kind = Str(item["from"]?["kind"]) ?? "";
            var fromName = Str(item["from"]?["name"]) ?? "";
            if (kind != "DockerImage") errors.Add(FieldError.Invalid(path + ".from.kind", kind, "only DockerImage is supported"));
            if (fromName.Length == 0) errors.Add(FieldError.Required(path + ".from.name"));
            else if (!DockerImageReference.TryParse(fromName, out var parsed, out var error)) errors.Add(FieldError.Invalid(path + ".from.name", fromName, error));
            else references.Add(RemoteImageReferences.From(parsed));
            if (item["to"] is JsonObject to)
            {
                var toName = Str(to["name"]) ?? "";
                if (toName.Length == 0) errors.Add(FieldError.Required(path + ".to.name"));
                else if (!ImageStreamValidation.IsValidTag(toName))
                    errors.Add(FieldError.Invalid(path + ".to.name", toName, $"must match \"{ImageStreamValidation.TagPattern}\""));
            }
        }
        if (spec["repository"] is JsonObject repository)
        {
            var kind = Str(repository["from"]?["kind"]) ?? "";
            var fromName = Str(repository["from"]?["name"]) ?? "";
            if (kind != "DockerImage") errors.Add(FieldError.Invalid("spec.repository.from.kind", kind, "only DockerImage is supported"));
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
