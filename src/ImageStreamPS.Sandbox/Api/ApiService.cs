using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api.Patching;
using ImageStreamPS.Sandbox.Api.Selectors;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Api;

/// <summary>
/// The in-process API: the REST semantics of the Kubernetes apiserver without HTTP. Controllers call it
/// directly; the HTTP handlers are a thin layer over it. Resources are named by API group ("" for core)
/// and plural resource (<c>api.Get("apps", "deployments", "myproject", "web")</c>); namespace is null
/// for cluster-scoped kinds (and for lists/watches across all namespaces).
/// It owns server metadata (uid, resourceVersion, generation, creationTimestamp, namespace), optimistic
/// concurrency (409 on a stale resourceVersion), defaulting/validation through the kind's
/// <see cref="IResourceStrategy"/>, dry runs, selectors, paging, watch and garbage collection by
/// ownerReferences. Virtual resources (<see cref="IVirtualResource"/>) are dispatched to their handlers.
/// Failures throw <see cref="StatusException"/> with the metav1.Status a client would see.
/// Objects passed in are never modified; objects returned are copies the caller may change.
/// </summary>
public sealed class ApiService
{
    private const int ConflictRetries = 5;
    private readonly TimeProvider _clock;

    public ApiService(ResourceCatalog catalog, ObjectStore store, TimeProvider? clock = null)
    {
        Catalog = catalog;
        Store = store;
        _clock = clock ?? TimeProvider.System;
    }

    public ResourceCatalog Catalog { get; }
    public ObjectStore Store { get; }
    public DateTimeOffset Now => _clock.GetUtcNow();

    public RequestContext Context(bool dryRun = false, string? fieldManager = null) => new(this, Now, dryRun, fieldManager);

    // ---- reads -------------------------------------------------------------------------------

    public JsonObject Get(string group, string resource, string? ns, string name)
    {
        var entry = Catalog.Resolve(group, resource);
        if (entry.Virtual is { } virtualResource) return virtualResource.Get(Context(), ns ?? "", name);
        var strategy = entry.Strategy!;
        var obj = Store.Get(Key(strategy.Type, ns, name)) ?? throw ApiErrors.NotFound(strategy.Type, name);
        strategy.Decorate(obj);
        return obj;
    }

    /// <summary>Null when absent (no exception), for controllers that only peek.</summary>
    public JsonObject? TryGet(string group, string resource, string? ns, string name)
    {
        try { return Get(group, resource, ns, name); }
        catch (StatusException e) when (e.Code == 404) { return null; }
    }

    public ObjectList List(string group, string resource, string? ns, ListOptions? options = null)
    {
        options ??= ListOptions.None;
        var entry = Catalog.Resolve(group, resource);
        if (entry.Virtual is { } virtualResource)
            return ObjectList.FromJson(virtualResource.Type, virtualResource.List(Context(), ns, options));

        var strategy = entry.Strategy!;
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, strategy.FieldLabels);
        // The store's objects are shared, not copied: only a selector parses them, and only the page is decorated.
        var all = Store.ListStored(strategy.Type.Group, strategy.Type.Resource, strategy.Type.Namespaced ? NullIfEmpty(ns) : null, out var version);
        IEnumerable<StoredObject> matching = labels.IsEmpty && fields.IsEmpty ? all : all.Where(s =>
        {
            var o = s.Parse();
            return labels.Matches(ObjectMeta.Labels(o)) && fields.Matches(o, strategy);
        });

        if (!string.IsNullOrEmpty(options.Continue))
        {
            var after = ContinueToken.Parse(options.Continue);
            matching = matching.Where(o => string.CompareOrdinal(ContinueToken.Position(o.Key), after) > 0);
        }
        var items = matching.ToList();
        string? next = null;
        long? remaining = null;
        if (options.Limit is > 0 and var limit && items.Count > limit)
        {
            remaining = items.Count - limit;
            items = items.Take(limit).ToList();
            next = ContinueToken.Create(version, ContinueToken.Position(items[^1].Key));
        }
        return new ObjectList(strategy.Type, new StoredItems(items, strategy.Decorate), version.ToString(), next, remaining);
    }

    // ---- writes ------------------------------------------------------------------------------

    public JsonObject Create(string group, string resource, string? ns, JsonObject obj, WriteOptions? options = null) =>
        CreateResult(group, resource, ns, obj, options).Object;

    public WriteResult CreateResult(string group, string resource, string? ns, JsonObject obj, WriteOptions? options = null)
    {
        options ??= WriteOptions.None;
        var context = Context(options.DryRun, options.FieldManager);
        var entry = Catalog.Resolve(group, resource);
        options.Fields?.Check(obj);
        if (entry.Virtual is { } virtualResource)
        {
            Require(virtualResource.Type, "create");
            return virtualResource.Create(context, ns ?? "", (JsonObject)obj.DeepClone());
        }
        var strategy = entry.Strategy!;
        var type = strategy.Type;
        Require(type, "create");
        var created = Normalize(type, obj, ns);
        var metadata = ObjectMeta.Metadata(created);

        var name = ObjectMeta.Name(created);
        if (name.Length == 0 && ObjectMeta.Str(metadata, "generateName") is { Length: > 0 } prefix)
            metadata["name"] = name = prefix + RandomSuffix();
        if (name.Length == 0)
            throw ApiErrors.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
        if (type.Namespaced) RequireNamespace(ObjectMeta.Namespace(created));

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.FormatTime(context.Now);
        if (strategy.TracksGeneration) metadata["generation"] = 1;
        else metadata.Remove("generation");
        foreach (var owned in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields" })
            metadata.Remove(owned);

        strategy.PrepareForCreate(context, created);
        Validate(type, name, ValidateMetadata(type, created).Concat(strategy.Validate(context, created)));

        var key = Key(type, ObjectMeta.Namespace(created), name);
        if (options.DryRun)
        {
            if (Store.Get(key) is not null) throw ApiErrors.AlreadyExists(type, name);
            strategy.Decorate(created);
            return new WriteResult(created, true);
        }
        try
        {
            var stored = Store.Create(key, created);
            strategy.Decorate(stored);
            return new WriteResult(stored, true);
        }
        catch (ObjectExistsException)
        {
            throw ApiErrors.AlreadyExists(type, name);
        }
    }

    /// <summary>PUT semantics: the body's resourceVersion must match (409), or be absent when the kind allows it.</summary>
    public JsonObject Update(string group, string resource, string? ns, string name, JsonObject obj, WriteOptions? options = null) =>
        Replace(group, resource, ns, name, obj, options).Object;

    public WriteResult Replace(string group, string resource, string? ns, string name, JsonObject obj, WriteOptions? options = null)
    {
        var entry = Catalog.Resolve(group, resource);
        options?.Fields?.Check(obj);
        if (entry.Virtual is { } virtualResource)
        {
            Require(virtualResource.Type, "update");
            options ??= WriteOptions.None;
            return virtualResource.Update(Context(options.DryRun, options.FieldManager), ns ?? "", name, (JsonObject)obj.DeepClone());
        }
        return Write(entry.Strategy!, ns, name, obj, options ?? WriteOptions.None, UpdateKind.Main);
    }

    /// <summary>PUT to the status subresource: only status changes are kept.</summary>
    public JsonObject UpdateStatus(string group, string resource, string? ns, string name, JsonObject obj, WriteOptions? options = null)
    {
        var strategy = StoredStrategy(group, resource);
        if (strategy.Type.Subresource("status") is null) throw ApiErrors.NoSuchResource();
        options?.Fields?.Check(obj);
        return Write(strategy, ns, name, obj, options ?? WriteOptions.None, UpdateKind.Status).Object;
    }

    /// <summary>
    /// PATCH: applies the patch to the current object and writes it, retrying on concurrent writes unless
    /// the patch itself carries a resourceVersion (then it is a precondition: 409 on mismatch).
    /// An apply patch (server-side apply) creates the object when it is absent.
    /// Subresource: null, "status" or "scale" (the patch then applies to the autoscaling/v1 Scale).
    /// </summary>
    public WriteResult Patch(string group, string resource, string? ns, string name, PatchType patchType, JsonNode patch,
        WriteOptions? options = null, string? subresource = null)
    {
        options ??= WriteOptions.None;
        var entry = Catalog.Resolve(group, resource);
        var type = entry.Type;
        Require(type, "patch");
        if (patchType == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
            throw ApiErrors.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");

        for (var attempt = 0; ; attempt++)
        {
            JsonObject current;
            try
            {
                current = subresource == "scale" ? GetScale(group, resource, ns, name) : Get(group, resource, ns, name);
            }
            catch (StatusException e) when (e.Code == 404 && patchType == PatchType.Apply && subresource is null)
            {
                var body = patch as JsonObject ?? throw ApiErrors.BadRequest("apply patch must be an object");
                CheckIdentity(type, body, name);
                var toCreate = (JsonObject)body.DeepClone();
                ObjectMeta.Metadata(toCreate)["name"] = name;
                return CreateResult(group, resource, ns, toCreate, options);
            }

            var patched = ApplyPatch(patchType, current, patch) as JsonObject
                ?? throw ApiErrors.BadRequest("the patch did not produce an object");
            if (subresource is null or "status") options.Fields?.Check(patched, current, patchType, patch);
            var preconditioned = patch is JsonObject p && ObjectMeta.Str(p, "metadata", "resourceVersion") is { Length: > 0 };
            if (!preconditioned) ObjectMeta.Metadata(patched)["resourceVersion"] = ObjectMeta.ResourceVersion(current);
            if (patchType == PatchType.Apply) CheckIdentity(type, patched, name);

            try
            {
                if (subresource == "scale") return new WriteResult(UpdateScale(group, resource, ns, name, patched, options), false);
                if (entry.Virtual is { } virtualResource)
                    return virtualResource.Update(Context(options.DryRun, options.FieldManager), ns ?? "", name, patched);
                return Write(entry.Strategy!, ns, name, patched, options, subresource == "status" ? UpdateKind.Status : UpdateKind.Main);
            }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict" && !preconditioned && attempt < ConflictRetries)
            {
            }
        }
    }

    public JsonObject Delete(string group, string resource, string? ns, string name, DeleteOptions? options = null)
    {
        options ??= DeleteOptions.None;
        var entry = Catalog.Resolve(group, resource);
        if (entry.Virtual is { } virtualResource)
        {
            Require(virtualResource.Type, "delete");
            return virtualResource.Delete(Context(options.DryRun), ns ?? "", name, options);
        }
        var strategy = entry.Strategy!;
        var type = strategy.Type;
        Require(type, "delete");
        var key = Key(type, ns, name);
        var current = Store.Get(key) ?? throw ApiErrors.NotFound(type, name);
        if (options.PreconditionUid is { Length: > 0 } uid && uid != ObjectMeta.Uid(current))
            throw ApiErrors.Conflict(type, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(current)}");
        if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != ObjectMeta.ResourceVersion(current))
            throw ApiErrors.Conflict(type, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {ObjectMeta.ResourceVersion(current)}");
        if (options.DryRun)
        {
            strategy.Decorate(current);
            return current;
        }
        if (strategy.GracePeriod(current, options) is var grace and > 0)
        {
            // Graceful deletion: mark the object; whoever runs it removes it with a zero grace period.
            if (current["metadata"]?["deletionTimestamp"] is null)
            {
                var marked = (JsonObject)current.DeepClone();
                var metadata = ObjectMeta.Metadata(marked);
                metadata["deletionTimestamp"] = ObjectMeta.FormatTime(Now.AddSeconds(grace));
                metadata["deletionGracePeriodSeconds"] = grace;
                try { current = Store.Update(key, marked, long.Parse(ObjectMeta.ResourceVersion(current))); }
                catch (ResourceVersionConflictException) { throw ApiErrors.Conflict(type, name); }
            }
            strategy.Decorate(current);
            return current;
        }

        JsonObject deleted;
        try { deleted = Store.Delete(key); }
        catch (ObjectNotFoundException) { throw ApiErrors.NotFound(type, name); }
        var context = Context();
        strategy.AfterDelete(context, deleted);
        CollectDependents(deleted, options.PropagationPolicy);
        strategy.Decorate(deleted);
        return deleted;
    }

    /// <summary>Deletes every object of a resource matching the selectors (in a namespace or everywhere).</summary>
    public IReadOnlyList<JsonObject> DeleteCollection(string group, string resource, string? ns, ListOptions? list = null, DeleteOptions? options = null)
    {
        var deleted = new List<JsonObject>();
        foreach (var item in List(group, resource, ns, list).Items)
        {
            try { deleted.Add(Delete(group, resource, NullIfEmpty(ObjectMeta.Namespace(item)), ObjectMeta.Name(item), options)); }
            catch (StatusException e) when (e.Code == 404) { }
        }
        return deleted;
    }

    // ---- scale -------------------------------------------------------------------------------

    /// <summary>The autoscaling/v1 Scale view of a resource with a scale subresource.</summary>
    public JsonObject GetScale(string group, string resource, string? ns, string name)
    {
        var strategy = StoredStrategy(group, resource);
        if (strategy.Type.Subresource("scale") is null) throw ApiErrors.NoSuchResource();
        return ScaleOf(Get(group, resource, ns, name));
    }

    /// <summary>Sets spec.replicas from a Scale (its resourceVersion, when given, is a precondition).</summary>
    public JsonObject UpdateScale(string group, string resource, string? ns, string name, JsonObject scale, WriteOptions? options = null)
    {
        var strategy = StoredStrategy(group, resource);
        if (strategy.Type.Subresource("scale") is null) throw ApiErrors.NoSuchResource();
        var replicas = ObjectMeta.Int(scale, "spec", "replicas");
        if (replicas is null or < 0)
            throw ApiErrors.Invalid(new ResourceType { Group = "autoscaling", Version = "v1", Resource = "scale", Kind = "Scale", Namespaced = true }, name,
                [replicas is null ? FieldError.Required("spec.replicas") : FieldError.Invalid("spec.replicas", replicas.Value, "must be greater than or equal to 0")]);
        var requested = ObjectMeta.ResourceVersion(scale);
        for (var attempt = 0; ; attempt++)
        {
            var current = Get(group, resource, ns, name);
            if (requested.Length > 0 && requested != ObjectMeta.ResourceVersion(current))
                throw ApiErrors.Conflict(strategy.Type, name);
            ObjectMeta.Ensure(current, "spec")["replicas"] = replicas.Value;
            try { return ScaleOf(Write(strategy, ns, name, current, options ?? WriteOptions.None, UpdateKind.Main).Object); }
            catch (StatusException e) when (e.Code == 409 && requested.Length == 0 && attempt < ConflictRetries) { }
        }
    }

    private static JsonObject ScaleOf(JsonObject obj)
    {
        var metadata = ObjectMeta.Metadata(obj);
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
            if (metadata[field] is { } value) scaleMetadata[field] = value.DeepClone();
        var selector = obj["spec"]?["selector"];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = ObjectMeta.Int(obj, "spec", "replicas") ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = ObjectMeta.Int(obj, "status", "replicas") ?? 0,
                ["selector"] = selector is null ? "" : Tables.Selector(selector).Replace("<none>", ""),
            },
        };
    }

    // ---- watch -------------------------------------------------------------------------------

    /// <summary>
    /// Opens a watch. ResourceVersion null/""/"0": ADDED for every current match, then changes;
    /// otherwise only changes after it (410 Expired when it is older than the watch window).
    /// </summary>
    public ApiWatch Watch(string group, string resource, string? ns, WatchOptions? options = null)
    {
        options ??= WatchOptions.None;
        var strategy = StoredStrategy(group, resource);
        Require(strategy.Type, "watch");
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, strategy.FieldLabels);
        var scope = strategy.Type.Namespaced ? NullIfEmpty(ns) : null;
        bool Matches(JsonObject o) =>
            (scope is null || ObjectMeta.Namespace(o) == scope) && labels.Matches(ObjectMeta.Labels(o)) && fields.Matches(o, strategy);

        long? from = options.ResourceVersion is null or "" or "0" ? null
            : long.TryParse(options.ResourceVersion, out var v) ? v
            : throw ApiErrors.BadRequest($"invalid resource version: {options.ResourceVersion}");
        try
        {
            // A change that moves an object into or out of the selection is ADDED or DELETED for this watch.
            var subscription = Store.Subscribe(strategy.Type.Group, strategy.Type.Resource, from,
                e => Matches(e.Object) || (e.Previous is { } previous && Matches(previous)), out var snapshot, out var version);
            var initial = snapshot.Where(Matches).Select(o =>
            {
                var copy = (JsonObject)o.DeepClone();
                strategy.Decorate(copy);
                return new WatchEvent(WatchEventType.Added, Key(strategy.Type, ObjectMeta.Namespace(o), ObjectMeta.Name(o)),
                    long.Parse(ObjectMeta.ResourceVersion(o)), copy);
            }).ToList();
            return new ApiWatch(initial, subscription, e =>
            {
                var copy = (JsonObject)e.Object.DeepClone();
                strategy.Decorate(copy);
                var type = e.Type != WatchEventType.Modified || e.Previous is null ? e.Type
                    : !Matches(e.Previous) ? WatchEventType.Added
                    : !Matches(e.Object) ? WatchEventType.Deleted
                    : e.Type;
                return e with { Type = type, Object = copy, Previous = null };
            }, version);
        }
        catch (ResourceVersionTooOldException e)
        {
            throw ApiErrors.Gone(e.Message);
        }
    }

    // ---- machinery ---------------------------------------------------------------------------

    private enum UpdateKind { Main, Status }

    private WriteResult Write(IResourceStrategy strategy, string? ns, string name, JsonObject obj, WriteOptions options, UpdateKind kind)
    {
        var type = strategy.Type;
        Require(type, "update");
        var context = Context(options.DryRun, options.FieldManager);
        var requested = ObjectMeta.ResourceVersion(obj);
        var bodyName = ObjectMeta.Name(obj);
        if (bodyName.Length > 0 && bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");

        for (var attempt = 0; ; attempt++)
        {
            var key = Key(type, ns, name);
            var old = Store.Get(key);
            if (old is null)
            {
                if (kind == UpdateKind.Main && strategy.AllowCreateOnUpdate)
                {
                    var toCreate = (JsonObject)obj.DeepClone();
                    ObjectMeta.Metadata(toCreate).Remove("resourceVersion");
                    ObjectMeta.Metadata(toCreate)["name"] = name;
                    return CreateResult(type.Group, type.Resource, ns, toCreate, options);
                }
                throw ApiErrors.NotFound(type, name);
            }
            var oldVersion = ObjectMeta.ResourceVersion(old);
            if (requested.Length == 0 && !strategy.AllowUnconditionalUpdate)
                throw ApiErrors.Invalid(type, name, [FieldError.InvalidLiteral("metadata.resourceVersion", "0x0", "must be specified for an update")]);
            if (requested.Length > 0 && requested != oldVersion) throw ApiErrors.Conflict(type, name);

            var updated = Normalize(type, obj, ns);
            var metadata = ObjectMeta.Metadata(updated);
            var oldMetadata = ObjectMeta.Metadata(old);
            metadata["name"] = name;
            foreach (var owned in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                if (oldMetadata[owned] is { } value) metadata[owned] = value.DeepClone();
                else metadata.Remove(owned);
            }
            metadata.Remove("selfLink");
            metadata.Remove("managedFields");

            if (kind == UpdateKind.Status) strategy.PrepareForStatusUpdate(context, updated, old);
            else strategy.PrepareForUpdate(context, updated, old);
            if (kind == UpdateKind.Main && strategy.TracksGeneration && SpecChanged(updated, old))
                ObjectMeta.Metadata(updated)["generation"] = ObjectMeta.Generation(old) + 1;
            Validate(type, name, ValidateMetadata(type, updated).Concat(strategy.ValidateUpdate(context, updated, old)));

            ObjectMeta.Metadata(updated)["resourceVersion"] = oldVersion;
            if (JsonNode.DeepEquals(updated, old) || options.DryRun)
            {
                strategy.Decorate(updated);
                return new WriteResult(updated, false);
            }
            try
            {
                var stored = Store.Update(key, updated, long.Parse(oldVersion));
                strategy.Decorate(stored);
                return new WriteResult(stored, false);
            }
            catch (ResourceVersionConflictException) when (requested.Length == 0 && attempt < ConflictRetries) { }
            catch (ResourceVersionConflictException) { throw ApiErrors.Conflict(type, name); }
            catch (ObjectNotFoundException) { throw ApiErrors.NotFound(type, name); }
        }
    }

    private JsonNode? ApplyPatch(PatchType type, JsonObject current, JsonNode patch) => type switch
    {
        PatchType.Json => JsonPatch.Apply(current, patch),
        PatchType.Merge => MergePatch.Apply(current, patch),
        PatchType.StrategicMerge => StrategicMergePatch.Apply(current, patch),
        // Server-side apply, simplified: the applied configuration merges into the live object with
        // strategic-merge semantics; field ownership is not tracked and conflicts are never reported.
        PatchType.Apply => StrategicMergePatch.Apply(current, patch),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Garbage collection: dependents named by ownerReferences go too (Orphan: they lose the reference).</summary>
    private void CollectDependents(JsonObject owner, string? propagation)
    {
        var uid = ObjectMeta.Uid(owner);
        if (uid.Length == 0) return;
        var uidBytes = Encoding.UTF8.GetBytes(uid);
        var ownerNamespace = NullIfEmpty(ObjectMeta.Namespace(owner));
        foreach (var strategy in Catalog.Strategies)
        {
            var type = strategy.Type;
            if (!type.Namespaced && ownerNamespace is not null) continue;
            // Only objects whose JSON names the uid can reference it: the rest are never parsed.
            foreach (var dependent in Store.ListStored(type.Group, type.Resource, type.Namespaced ? ownerNamespace : null, out _)
                         .Where(s => s.Contains(uidBytes)).Select(s => s.Parse()))
            {
                if (dependent["metadata"]?["ownerReferences"] is not JsonArray references ||
                    !references.Any(r => ObjectMeta.Str(r, "uid") == uid)) continue;
                var ns = NullIfEmpty(ObjectMeta.Namespace(dependent));
                var name = ObjectMeta.Name(dependent);
                try
                {
                    if (propagation == "Orphan")
                    {
                        var remaining = new JsonArray(references.Where(r => ObjectMeta.Str(r, "uid") != uid).Select(r => r!.DeepClone()).ToArray());
                        Patch(type.Group, type.Resource, ns, name, PatchType.Merge,
                            new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = remaining.Count == 0 ? null : remaining } });
                    }
                    else Delete(type.Group, type.Resource, ns, name, new DeleteOptions { PropagationPolicy = propagation });
                }
                catch (StatusException e) when (e.Code is 404 or 409) { }
            }
        }
    }

    private static bool SpecChanged(JsonObject updated, JsonObject old)
    {
        static IEnumerable<string> Keys(JsonObject o) => o.Select(p => p.Key).Where(k => k is not ("metadata" or "status" or "kind" or "apiVersion"));
        var keys = Keys(updated).Union(Keys(old));
        return keys.Any(k => !JsonNode.DeepEquals(updated[k], old[k]));
    }

    /// <summary>A copy with apiVersion/kind (checked against the URL) and metadata first, namespace from the URL.</summary>
    private static JsonObject Normalize(ResourceType type, JsonObject obj, string? ns)
    {
        CheckIdentity(type, obj, null);
        var result = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        var metadata = obj["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject();
        result["metadata"] = metadata;
        foreach (var (key, value) in obj)
            if (key is not ("apiVersion" or "kind" or "metadata")) result[key] = value?.DeepClone();

        if (type.Namespaced)
        {
            var bodyNamespace = ObjectMeta.Str(metadata, "namespace");
            if (!string.IsNullOrEmpty(ns) && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            var effective = string.IsNullOrEmpty(ns) ? bodyNamespace : ns;
            if (string.IsNullOrEmpty(effective)) throw ApiErrors.BadRequest("the server could not find the requested resource: a namespace is required");
            metadata["namespace"] = effective;
        }
        else metadata.Remove("namespace");
        return result;
    }

    private static void CheckIdentity(ResourceType type, JsonObject obj, string? name)
    {
        var kind = ObjectMeta.Str(obj, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        var apiVersion = ObjectMeta.Str(obj, "apiVersion");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        var bodyName = ObjectMeta.Name(obj);
        if (name is not null && bodyName.Length > 0 && bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
    }

    private static IEnumerable<FieldError> ValidateMetadata(ResourceType type, JsonObject obj)
    {
        var name = ObjectMeta.Name(obj);
        if (name is "." or "..") yield return FieldError.Invalid("metadata.name", name, $"may not be '{name}'");
        foreach (var forbidden in new[] { "/", "%" })
            if (name.Contains(forbidden)) yield return FieldError.Invalid("metadata.name", name, $"may not contain '{forbidden}'");
        foreach (var (field, map) in new[] { ("metadata.labels", obj["metadata"]?["labels"]), ("metadata.annotations", obj["metadata"]?["annotations"]) })
        {
            if (map is null) continue;
            if (map is not JsonObject entries) { yield return FieldError.Invalid(field, map, "must be a map of strings"); continue; }
            foreach (var (key, value) in entries)
            {
                if (!Validation.IsQualifiedName(key))
                    yield return FieldError.Invalid(field, key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
                if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
                    yield return FieldError.Invalid($"{field}[{key}]", value, "must be a string");
                else if (field == "metadata.labels" && !Validation.IsLabelValue(text))
                    yield return FieldError.Invalid(field, text, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            }
        }
    }

    private static void Validate(ResourceType type, string name, IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        if (list.Count > 0) throw ApiErrors.Invalid(type, name, list);
    }

    private void RequireNamespace(string ns)
    {
        if (Store.Get(new ObjectKey("", "namespaces", "", ns)) is null)
            throw ApiErrors.NotFound(Catalog.Resolve("", "namespaces").Type, ns);
    }

    private IResourceStrategy StoredStrategy(string group, string resource) =>
        Catalog.Resolve(group, resource).Strategy ?? throw ApiErrors.MethodNotSupported(Catalog.Resolve(group, resource).Type, "watch");

    private static void Require(ResourceType type, string verb)
    {
        if (!type.Supports(verb)) throw ApiErrors.MethodNotSupported(type, verb);
    }

    public static ObjectKey Key(ResourceType type, string? ns, string name) =>
        new(type.Group, type.Resource, type.Namespaced ? ns ?? "" : "", name);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }

    /// <summary>Opaque continue tokens: base64 of "resourceVersion/namespace/name" of the last item served.</summary>
    private static class ContinueToken
    {
        public static string Position(ObjectKey key) => key.Namespace + "/" + key.Name;

        public static string Create(long version, string position) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(version + "/" + position));

        public static string Parse(string token)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                var slash = text.IndexOf('/');
                if (slash > 0 && long.TryParse(text[..slash], out _)) return text[(slash + 1)..];
            }
            catch (FormatException) { }
            throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
