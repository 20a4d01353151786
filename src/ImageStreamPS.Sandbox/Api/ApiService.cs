using ImageStreamPS.OpenShift.Api;
using System.Globalization;
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

    private RequestContext Context(WriteOptions options, CancellationToken cancellation = default) =>
        new(this, Now, options.DryRun, options.FieldManager, options.Internal, cancellation);

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
        ParseResourceVersion(options.ResourceVersion);
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, strategy.FieldLabels);
        // The store's objects are shared, not copied: only a selector parses them, and only the page is decorated.
        var all = Store.ListStored(strategy.Type.Group, strategy.Type.Resource, strategy.Type.Namespaced ? NullIfEmpty(ns) : null, out var version);
        IEnumerable<StoredObject> matching = labels.IsEmpty && fields.IsEmpty ? all : all.Where(s =>
        {
            var o = s.Parse();
            return labels.Matches(MetaAccessor.Labels(o)) && fields.Matches(o, strategy);
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

    // ---- typed access: what strategies, virtual resources and controllers use ------------------

    /// <summary>The object as <typeparamref name="T"/> (404 when absent).</summary>
    public T Get<T>(string group, string resource, string? ns, string name) where T : class =>
        Wire.Decode<T>(Get(group, resource, ns, name), Catalog.Resolve(group, resource).Type.Kind);

    /// <summary>The object as <typeparamref name="T"/>, or null when absent.</summary>
    public T? TryGet<T>(string group, string resource, string? ns, string name) where T : class =>
        TryGet(group, resource, ns, name) is { } json ? Wire.Decode<T>(json, Catalog.Resolve(group, resource).Type.Kind) : null;

    /// <summary>Every matching object as <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> List<T>(string group, string resource, string? ns, ListOptions? options = null) where T : class
    {
        var kind = Catalog.Resolve(group, resource).Type.Kind;
        return List(group, resource, ns, options).Items.Select(item => Wire.Decode<T>(item, kind)).ToList();
    }

    /// <summary>Creates a stored object from its typed form; returns it as stored.</summary>
    public T Create<T>(string group, string resource, string? ns, T obj, WriteOptions? options = null) where T : class =>
        Wire.Decode<T>(Create(group, resource, ns, Wire.Encode(obj), options));

    /// <summary>Replaces a stored object from its typed form (its resourceVersion is the precondition).</summary>
    public T Update<T>(string group, string resource, string? ns, string name, T obj, WriteOptions? options = null) where T : class =>
        Wire.Decode<T>(Update(group, resource, ns, name, Wire.Encode(obj), options));

    /// <summary>Writes the status of a stored object from its typed form.</summary>
    public T UpdateStatus<T>(string group, string resource, string? ns, string name, T obj, WriteOptions? options = null) where T : class =>
        Wire.Decode<T>(UpdateStatus(group, resource, ns, name, Wire.Encode(obj), options));

    // ---- writes ------------------------------------------------------------------------------

    public JsonObject Create(string group, string resource, string? ns, JsonObject obj, WriteOptions? options = null) =>
        CreateResult(group, resource, ns, obj, options).Object;

    /// <summary>POST: creates a stored object, or hands the body to a virtual resource (which may wait on the network).</summary>
    public async Task<WriteResult> CreateResultAsync(string group, string resource, string? ns, JsonObject obj, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= WriteOptions.None;
        var entry = Catalog.Resolve(group, resource);
        if (entry.Virtual is not { } virtualResource) return CreateResult(group, resource, ns, obj, options);
        Require(virtualResource.Type, "create");
        options.Fields?.Check(obj);
        return await virtualResource.CreateAsync(Context(options, cancellationToken), ns ?? "", (JsonObject)obj.DeepClone()).ConfigureAwait(false);
    }

    public async Task<JsonObject> CreateAsync(string group, string resource, string? ns, JsonObject obj, WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        (await CreateResultAsync(group, resource, ns, obj, options, cancellationToken).ConfigureAwait(false)).Object;

    /// <summary>POST of a stored kind (virtual resources are written through <see cref="CreateResultAsync"/>).</summary>
    public WriteResult CreateResult(string group, string resource, string? ns, JsonObject obj, WriteOptions? options = null)
    {
        options ??= WriteOptions.None;
        var context = Context(options);
        var strategy = StoredWrite(group, resource);
        options.Fields?.Check(obj);
        var type = strategy.Type;
        Require(type, "create");
        var created = Normalize(type, obj, ns);
        var metadata = MetaAccessor.Metadata(created);

        var name = MetaAccessor.Name(created);
        if (name.Length == 0 && MetaAccessor.Str(metadata, "generateName") is { Length: > 0 } prefix)
            metadata["name"] = name = prefix + RandomSuffix();
        if (name.Length == 0)
            throw ApiErrors.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
        if (type.Namespaced) RequireNamespace(MetaAccessor.Namespace(created));

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = MetaAccessor.FormatTime(context.Now);
        if (strategy.TracksGeneration) metadata["generation"] = 1;
        else metadata.Remove("generation");
        foreach (var owned in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields" })
            metadata.Remove(owned);

        strategy.PrepareForCreate(context, created);
        Validate(type, name, ValidateMetadata(type, created).Concat(strategy.Validate(context, created)));

        var key = Key(type, MetaAccessor.Namespace(created), name);
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
        options?.Fields?.Check(obj);
        return Write(StoredWrite(group, resource), ns, name, obj, options ?? WriteOptions.None, UpdateKind.Main);
    }

    /// <summary>PUT of any resource, virtual ones included.</summary>
    public async Task<WriteResult> ReplaceAsync(string group, string resource, string? ns, string name, JsonObject obj, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= WriteOptions.None;
        var entry = Catalog.Resolve(group, resource);
        if (entry.Virtual is not { } virtualResource) return Replace(group, resource, ns, name, obj, options);
        Require(virtualResource.Type, "update");
        // The handler checks the body's name against the URL before any storage (apiserver update.go checkName).
        CheckIdentity(virtualResource.Type, obj, name);
        options.Fields?.Check(obj);
        return await virtualResource.UpdateAsync(Context(options, cancellationToken), ns ?? "", name, (JsonObject)obj.DeepClone()).ConfigureAwait(false);
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
        StoredWrite(group, resource);
        var result = PatchAsync(group, resource, ns, name, patchType, patch, options, subresource);
        // A stored kind never awaits: the task is complete.
        return result.IsCompletedSuccessfully ? result.Result : result.GetAwaiter().GetResult();
    }

    /// <summary>PATCH of any resource, virtual ones included (Get, apply the patch, Update).</summary>
    public async Task<WriteResult> PatchAsync(string group, string resource, string? ns, string name, PatchType patchType, JsonNode patch,
        WriteOptions? options = null, string? subresource = null, CancellationToken cancellationToken = default)
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
                MetaAccessor.Metadata(toCreate)["name"] = name;
                return await CreateResultAsync(group, resource, ns, toCreate, options, cancellationToken).ConfigureAwait(false);
            }

            var patched = ApplyPatch(patchType, current, patch) as JsonObject
                ?? throw ApiErrors.BadRequest("the patch did not produce an object");
            if (subresource is null or "status") options.Fields?.Check(patched, current, patchType, patch);
            var preconditioned = patch is JsonObject p && MetaAccessor.Str(p, "metadata", "resourceVersion") is { Length: > 0 };
            if (!preconditioned) MetaAccessor.Metadata(patched)["resourceVersion"] = MetaAccessor.ResourceVersion(current);
            if (patchType == PatchType.Apply) CheckIdentity(type, patched, name);

            try
            {
                if (subresource == "scale") return new WriteResult(UpdateScale(group, resource, ns, name, patched, options), false);
                if (entry.Virtual is { } virtualResource)
                    return await virtualResource.UpdateAsync(Context(options, cancellationToken), ns ?? "", name, patched).ConfigureAwait(false);
                return Write(entry.Strategy!, ns, name, patched, options, subresource == "status" ? UpdateKind.Status : UpdateKind.Main);
            }
            catch (StatusException e) when (e.Code == 409 && e.Reason == "Conflict" && !preconditioned && attempt < ConflictRetries)
            {
            }
        }
    }

    /// <summary>DELETE of any resource, virtual ones included.</summary>
    public async Task<JsonObject> DeleteAsync(string group, string resource, string? ns, string name, DeleteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= DeleteOptions.None;
        var entry = Catalog.Resolve(group, resource);
        if (entry.Virtual is not { } virtualResource) return Delete(group, resource, ns, name, options);
        Require(virtualResource.Type, "delete");
        return await virtualResource.DeleteAsync(new RequestContext(this, Now, options.DryRun, Cancellation: cancellationToken), ns ?? "", name, options)
            .ConfigureAwait(false);
    }

    /// <summary>DELETE of a stored kind (virtual resources are deleted through <see cref="DeleteAsync"/>).</summary>
    public JsonObject Delete(string group, string resource, string? ns, string name, DeleteOptions? options = null)
    {
        options ??= DeleteOptions.None;
        var strategy = StoredWrite(group, resource);
        var type = strategy.Type;
        Require(type, "delete");
        var key = Key(type, ns, name);
        var current = Store.Get(key) ?? throw ApiErrors.NotFound(type, name);
        if (options.PreconditionUid is { Length: > 0 } uid && uid != MetaAccessor.Uid(current))
            throw ApiErrors.Conflict(type, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {MetaAccessor.Uid(current)}");
        if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != MetaAccessor.ResourceVersion(current))
            throw ApiErrors.Conflict(type, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {MetaAccessor.ResourceVersion(current)}");
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
                var metadata = MetaAccessor.Metadata(marked);
                metadata["deletionTimestamp"] = MetaAccessor.FormatTime(Now.AddSeconds(grace));
                metadata["deletionGracePeriodSeconds"] = grace;
                try { current = Store.Update(key, marked, long.Parse(MetaAccessor.ResourceVersion(current))); }
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
            try { deleted.Add(Delete(group, resource, NullIfEmpty(MetaAccessor.Namespace(item)), MetaAccessor.Name(item), options)); }
            catch (StatusException e) when (e.Code == 404) { }
        }
        return deleted;
    }

    // ---- computed subresources ----------------------------------------------------------------

    /// <summary>GET of a computed subresource (<c>imagestreams/layers</c>); 404 when the resource has none of that name.</summary>
    public JsonObject GetComputed(string group, string resource, string subresource, string? ns, string name, ListOptions? options = null)
    {
        var computed = Catalog.FindComputed(group, resource, subresource) ?? throw ApiErrors.NoSuchResource();
        return computed.Get(Context(), ns ?? "", name, options ?? ListOptions.None);
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
        var replicas = MetaAccessor.Int(scale, "spec", "replicas");
        if (replicas is null or < 0)
            throw ApiErrors.Invalid(new ResourceType { Group = "autoscaling", Version = "v1", Resource = "scale", Kind = "Scale", Namespaced = true }, name,
                [replicas is null ? FieldError.Required("spec.replicas") : FieldError.Invalid("spec.replicas", replicas.Value, "must be greater than or equal to 0")]);
        var requested = MetaAccessor.ResourceVersion(scale);
        for (var attempt = 0; ; attempt++)
        {
            var current = Get(group, resource, ns, name);
            if (requested.Length > 0 && requested != MetaAccessor.ResourceVersion(current))
                throw ApiErrors.Conflict(strategy.Type, name);
            MetaAccessor.Ensure(current, "spec")["replicas"] = replicas.Value;
            try { return ScaleOf(Write(strategy, ns, name, current, options ?? WriteOptions.None, UpdateKind.Main).Object); }
            catch (StatusException e) when (e.Code == 409 && requested.Length == 0 && attempt < ConflictRetries) { }
        }
    }

    private static JsonObject ScaleOf(JsonObject obj)
    {
        var metadata = MetaAccessor.Metadata(obj);
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
            if (metadata[field] is { } value) scaleMetadata[field] = value.DeepClone();
        var selector = obj["spec"]?["selector"];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = MetaAccessor.Int(obj, "spec", "replicas") ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = MetaAccessor.Int(obj, "status", "replicas") ?? 0,
                ["selector"] = selector is null ? "" : Tables.Selector(Wire.Decode<k8s.Models.V1LabelSelector>(selector)).Replace("<none>", ""),
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
            (scope is null || MetaAccessor.Namespace(o) == scope) && labels.Matches(MetaAccessor.Labels(o)) && fields.Matches(o, strategy);

        long? from = ParseResourceVersion(options.ResourceVersion) is var v and > 0 ? v : null;
        try
        {
            // A change that moves an object into or out of the selection is ADDED or DELETED for this watch.
            var subscription = Store.Subscribe(strategy.Type.Group, strategy.Type.Resource, from,
                e => Matches(e.Object) || (e.Previous is { } previous && Matches(previous)), out var snapshot, out var version);
            // Parsed, matched and decorated one at a time as the watch is read.
            var initial = snapshot.Select(stored => (stored, obj: stored.Parse())).Where(s => Matches(s.obj)).Select(s =>
            {
                strategy.Decorate(s.obj);
                return new WatchEvent(WatchEventType.Added, s.stored.Key, s.stored.ResourceVersion, s.obj);
            });
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
        var context = Context(options);
        var requested = MetaAccessor.ResourceVersion(obj);
        var bodyName = MetaAccessor.Name(obj);
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
                    MetaAccessor.Metadata(toCreate).Remove("resourceVersion");
                    MetaAccessor.Metadata(toCreate)["name"] = name;
                    return CreateResult(type.Group, type.Resource, ns, toCreate, options);
                }
                throw ApiErrors.NotFound(type, name);
            }
            var oldVersion = MetaAccessor.ResourceVersion(old);
            if (requested.Length == 0 && !strategy.AllowUnconditionalUpdate)
                throw ApiErrors.Invalid(type, name, [FieldError.InvalidLiteral("metadata.resourceVersion", "0x0", "must be specified for an update")]);
            if (requested.Length > 0 && requested != oldVersion) throw ApiErrors.Conflict(type, name);

            var updated = Normalize(type, obj, ns);
            var metadata = MetaAccessor.Metadata(updated);
            var oldMetadata = MetaAccessor.Metadata(old);
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
                MetaAccessor.Metadata(updated)["generation"] = MetaAccessor.Generation(old) + 1;
            Validate(type, name, ValidateMetadata(type, updated).Concat(strategy.ValidateUpdate(context, updated, old)));

            MetaAccessor.Metadata(updated)["resourceVersion"] = oldVersion;
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
        var uid = MetaAccessor.Uid(owner);
        if (uid.Length == 0) return;
        var uidBytes = Encoding.UTF8.GetBytes(uid);
        var ownerNamespace = NullIfEmpty(MetaAccessor.Namespace(owner));
        foreach (var strategy in Catalog.Strategies)
        {
            var type = strategy.Type;
            if (!type.Namespaced && ownerNamespace is not null) continue;
            // Only objects whose JSON names the uid can reference it: the rest are never parsed.
            foreach (var dependent in Store.ListStored(type.Group, type.Resource, type.Namespaced ? ownerNamespace : null, out _)
                         .Where(s => s.Contains(uidBytes)).Select(s => s.Parse()))
            {
                if (dependent["metadata"]?["ownerReferences"] is not JsonArray references ||
                    !references.Any(r => MetaAccessor.Str(r, "uid") == uid)) continue;
                var ns = NullIfEmpty(MetaAccessor.Namespace(dependent));
                var name = MetaAccessor.Name(dependent);
                try
                {
                    if (propagation == "Orphan")
                    {
                        var remaining = new JsonArray(references.Where(r => MetaAccessor.Str(r, "uid") != uid).Select(r => r!.DeepClone()).ToArray());
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

    /// <summary>
    /// A list or watch resourceVersion as the storage parses it (apiserver <c>APIObjectVersioner.ParseResourceVersion</c>:
    /// ""/"0" are 0, else an unsigned integer); anything else is 400 "invalid resource version", as etcd3's <c>GetList</c> answers.
    /// </summary>
    private static long ParseResourceVersion(string? resourceVersion)
    {
        if (resourceVersion is null or "" or "0") return 0;
        if (long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return version;
        var detail = resourceVersion.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
        throw ApiErrors.BadRequest(
            $"invalid resource version: resourceVersion: Invalid value: \"{resourceVersion}\": strconv.ParseUint: parsing \"{resourceVersion}\": {detail}");
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
            var bodyNamespace = MetaAccessor.Str(metadata, "namespace");
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
        var kind = MetaAccessor.Str(obj, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        var apiVersion = MetaAccessor.Str(obj, "apiVersion");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        var bodyName = MetaAccessor.Name(obj);
        if (name is not null && bodyName.Length > 0 && bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
    }

    private static IEnumerable<FieldError> ValidateMetadata(ResourceType type, JsonObject obj)
    {
        var name = MetaAccessor.Name(obj);
        if (name is "." or "..") yield return FieldError.Invalid("metadata.name", name, $"may not be '{name}'");
        foreach (var forbidden in new[] { "/", "%" })
            if (name.Contains(forbidden)) yield return FieldError.Invalid("metadata.name", name, $"may not contain '{forbidden}'");
        foreach (var (field, map) in new[] { ("metadata.labels", obj["metadata"]?["labels"]), ("metadata.annotations", obj["metadata"]?["annotations"]) })
        {
            if (map is null) continue;
            if (map is not JsonObject entries) { yield return FieldError.Invalid(field, map, "must be a map of strings"); continue; }
            foreach (var (key, value) in entries)
            {
                // ValidateLabels checks key and value; ValidateAnnotations the lower-cased key.
                var labels = field == "metadata.labels";
                foreach (var problem in NameValidation.QualifiedName(labels ? key : key.ToLowerInvariant()))
                    yield return FieldError.Invalid(field, key, problem);
                if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
                    yield return FieldError.Invalid($"{field}[{key}]", value, "must be a string");
                else if (labels)
                    foreach (var problem in NameValidation.LabelValue(text)) yield return FieldError.Invalid(field, text, problem);
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

    /// <summary>The strategy of a stored kind; a virtual resource here is a programming error (its writes are asynchronous).</summary>
    private IResourceStrategy StoredWrite(string group, string resource) =>
        Catalog.Resolve(group, resource).Strategy
        ?? throw new InvalidOperationException($"{group}/{resource} is a virtual resource: write it with the asynchronous methods");

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
