using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// Kubernetes' default behaviour for a stored kind; derive and override what differs.
/// Defaults: unconditional updates allowed, no create-on-update; with a <c>status</c> subresource the
/// main resource ignores status changes and the status subresource ignores everything but status;
/// columns Name and Age; field labels metadata.name and metadata.namespace plus <see cref="Fields"/>.
/// </summary>
public abstract class ResourceStrategy : IResourceStrategy
{
    public abstract ResourceType Type { get; }
    public virtual bool TracksGeneration => true;

    public virtual bool ReturnDeletedObject => false;
    public virtual bool AllowCreateOnUpdate => false;
    public virtual bool AllowUnconditionalUpdate => true;

    private bool HasStatus => Type.Subresource("status") is not null;

    public virtual void PrepareForCreate(RequestContext context, JsonObject obj)
    {
        if (HasStatus) obj.Remove("status");
    }

    public virtual void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        if (!HasStatus) return;
        if (old["status"] is { } status) obj["status"] = status.DeepClone();
        else obj.Remove("status");
    }

    public virtual void PrepareForStatusUpdate(RequestContext context, JsonObject obj, JsonObject old)
    {
        // Only status changes: everything else comes from the stored object.
        var status = obj["status"]?.DeepClone();
        foreach (var property in obj.Select(p => p.Key).ToList()) obj.Remove(property);
        foreach (var (key, value) in old) obj[key] = value?.DeepClone();
        if (status is null) obj.Remove("status");
        else obj["status"] = status;
    }

    public virtual IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj) => [];
    public virtual IEnumerable<FieldError> ValidateUpdate(RequestContext context, JsonObject obj, JsonObject old) => Validate(context, obj);
    public virtual void Decorate(JsonObject obj) { }
    public virtual void AfterDelete(RequestContext context, JsonObject deleted) { }
    public virtual long GracePeriod(JsonObject obj, Api.DeleteOptions options) => 0;

    public virtual IReadOnlyList<TableColumn> Columns => [TableColumn.NameColumn, TableColumn.Age];

    public virtual IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [ObjectMeta.Name(obj), Tables.Age(ObjectMeta.CreationTimestamp(obj), now)];

    /// <summary>Kind-specific field selector labels and how to read them.</summary>
    protected virtual IReadOnlyDictionary<string, Func<JsonObject, string>> Fields { get; } =
        new Dictionary<string, Func<JsonObject, string>>();

    public IReadOnlyCollection<string> FieldLabels => ["metadata.name", "metadata.namespace", .. Fields.Keys];

    public string FieldValue(JsonObject obj, string label) => label switch
    {
        "metadata.name" => ObjectMeta.Name(obj),
        "metadata.namespace" => ObjectMeta.Namespace(obj),
        _ => Fields.TryGetValue(label, out var read) ? read(obj) : "",
    };
}

/// <summary>A kind with default behaviour only (generic storage), e.g. configmaps.</summary>
public sealed class GenericStrategy(ResourceType type, bool allowUnconditionalUpdate = true) : ResourceStrategy
{
    public override ResourceType Type { get; } = type;
    public override bool AllowUnconditionalUpdate { get; } = allowUnconditionalUpdate;
}
