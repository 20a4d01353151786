using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.Sandbox.Api;
using k8s;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// Kubernetes' default behaviour for a stored kind, on the kind's typed model <typeparamref name="T"/>
/// (as the apiserver's strategies cast the object once, kubernetes <c>pkg/registry/core/configmap/strategy.go</c>):
/// derive, set <see cref="Type"/> and override the typed hooks that differ. The JSON the generic machinery
/// stores is decoded once per call (<see cref="Wire"/>) and written back after the hook.
/// Defaults: unconditional updates allowed, no create-on-update; with a <c>status</c> subresource the main
/// resource ignores status changes and the status subresource ignores everything but status; columns
/// Name and Age; field labels metadata.name and metadata.namespace plus <see cref="Fields"/>.
/// </summary>
public abstract class ResourceStrategy<T> : IResourceStrategy where T : class, IKubernetesObject<V1ObjectMeta>
{
    public abstract ResourceType Type { get; }
    public virtual bool TracksGeneration => true;

    public virtual bool ReturnDeletedObject => false;
    public virtual bool AllowCreateOnUpdate => false;
    public virtual bool AllowUnconditionalUpdate => true;

    private bool HasStatus => Type.Subresource("status") is not null;

    /// <summary>
    /// Whether the main resource ignores the status it is sent (cleared on create, the stored one kept on
    /// update): true for kinds with a status subresource. The image API's internal writes say otherwise.
    /// </summary>
    protected virtual bool IgnoresStatus(RequestContext context) => HasStatus;

    // ---- typed hooks --------------------------------------------------------------------------

    /// <summary>Defaulting and server-set fields on create (status was already cleared when the kind has a status subresource).</summary>
    protected virtual void PrepareForCreate(RequestContext context, T obj) { }

    /// <summary>Main-resource update (the old status was already kept when the kind has a status subresource).</summary>
    protected virtual void PrepareForUpdate(RequestContext context, T obj, T old) { }

    /// <summary>Status-subresource update (everything but status was already taken from the stored object).</summary>
    protected virtual void PrepareForStatusUpdate(RequestContext context, T obj, T old) { }

    /// <summary>
    /// Validation of a new object; any errors make a 422 Invalid. As in Go, where the strategy gets a
    /// pointer, what validation changes on the object (image streams compute tag events here) is kept.
    /// </summary>
    protected virtual IEnumerable<FieldError> Validate(RequestContext context, T obj) => [];

    /// <summary>Validation of an update (immutable fields...); changes to <paramref name="obj"/> are kept.</summary>
    protected virtual IEnumerable<FieldError> ValidateUpdate(RequestContext context, T obj, T old) => Validate(context, obj);

    /// <summary>Whether <see cref="Decorate(T)"/> does anything (served objects are only decoded when it does).</summary>
    protected virtual bool Decorates => false;
    protected virtual void Decorate(T obj) { }
    protected virtual void AfterDelete(RequestContext context, T deleted) { }
    protected virtual long GracePeriod(T obj, DeleteOptions options) => 0;

    public virtual IReadOnlyList<TableColumn> Columns => [TableColumn.NameColumn, TableColumn.Age];

    protected virtual IReadOnlyList<JsonNode?> Cells(T obj, DateTimeOffset now) =>
        [obj.Metadata?.Name ?? "", Tables.Age(obj.Metadata?.CreationTimestamp, now)];

    /// <summary>Kind-specific field selector labels and how to read them.</summary>
    protected virtual IReadOnlyDictionary<string, Func<T, string>> Fields { get; } = new Dictionary<string, Func<T, string>>();

    // ---- the JSON boundary --------------------------------------------------------------------

    /// <summary>The stored JSON as <typeparamref name="T"/> (400 when it does not decode).</summary>
    protected T Read(JsonObject obj) => Wire.Decode<T>(obj, Type.Kind);

    /// <summary>The wire JSON of <typeparamref name="T"/> (<see cref="Wire.Encode{T}"/>, unless the kind writes something differently).</summary>
    protected virtual JsonObject Encode(T obj) => Wire.Encode(obj);

    private void Edit(JsonObject obj, Action<T> edit)
    {
        var typed = Read(obj);
        edit(typed);
        Wire.Replace(obj, Encode(typed));
    }

    void IResourceStrategy.PrepareForCreate(RequestContext context, JsonObject obj)
    {
        if (IgnoresStatus(context)) obj.Remove("status");
        Edit(obj, typed => PrepareForCreate(context, typed));
    }

    void IResourceStrategy.PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        if (IgnoresStatus(context))
        {
            if (old["status"] is { } status) obj["status"] = status.DeepClone();
            else obj.Remove("status");
        }
        var stored = Read(old);
        Edit(obj, typed => PrepareForUpdate(context, typed, stored));
    }

    void IResourceStrategy.PrepareForStatusUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        // Only status changes: everything else comes from the stored object.
        var status = obj["status"]?.DeepClone();
        foreach (var property in obj.Select(p => p.Key).ToList()) obj.Remove(property);
        foreach (var (key, value) in old) obj[key] = value?.DeepClone();
        if (status is null) obj.Remove("status");
        else obj["status"] = status;
        var stored = Read(old);
        Edit(obj, typed => PrepareForStatusUpdate(context, typed, stored));
    }

    IEnumerable<FieldError> IResourceStrategy.Validate(RequestContext context, JsonObject obj)
    {
        List<FieldError> errors = [];
        Edit(obj, typed => errors = Validate(context, typed).ToList());
        return errors;
    }

    IEnumerable<FieldError> IResourceStrategy.ValidateUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        var stored = Read(old);
        List<FieldError> errors = [];
        Edit(obj, typed => errors = ValidateUpdate(context, typed, stored).ToList());
        return errors;
    }

    void IResourceStrategy.Decorate(JsonObject obj)
    {
        if (Decorates) Edit(obj, Decorate);
    }

    void IResourceStrategy.AfterDelete(RequestContext context, JsonObject deleted) => AfterDelete(context, Read(deleted));

    long IResourceStrategy.GracePeriod(JsonObject obj, DeleteOptions options) => GracePeriod(Read(obj), options);

    IReadOnlyList<JsonNode?> IResourceStrategy.Cells(JsonObject obj, DateTimeOffset now) => Cells(Read(obj), now);

    public IReadOnlyCollection<string> FieldLabels => ["metadata.name", "metadata.namespace", .. Fields.Keys];

    public string FieldValue(JsonObject obj, string label) => label switch
    {
        "metadata.name" => MetaAccessor.Name(obj),
        "metadata.namespace" => MetaAccessor.Namespace(obj),
        _ => Fields.TryGetValue(label, out var read) ? read(Read(obj)) : "",
    };
}

/// <summary>A kind with default behaviour only (generic storage), e.g. endpoints.</summary>
public sealed class GenericStrategy<T>(ResourceType type, bool allowUnconditionalUpdate = true) : ResourceStrategy<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public override ResourceType Type { get; } = type;
    public override bool AllowUnconditionalUpdate { get; } = allowUnconditionalUpdate;
}
