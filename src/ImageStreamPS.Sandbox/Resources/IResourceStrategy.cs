using ImageStreamPS.OpenShift.Api;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// Per-kind behaviour of a stored resource, as the Kubernetes apiserver's registry strategies: the
/// generic machinery (<see cref="Api.ApiService"/>, the HTTP handlers, discovery, tables, watch) is
/// written once and asks the strategy only what differs per kind.
/// How to add a kind: derive from <see cref="ResourceStrategy"/> (it supplies Kubernetes defaults),
/// set <see cref="Type"/>, override what differs, and add one line to <see cref="ResourceCatalog"/>.
/// Server-owned metadata (uid, resourceVersion, generation, creationTimestamp, namespace) is handled by
/// the ApiService before/after these calls; strategies never persist anything themselves.
/// </summary>
public interface IResourceStrategy
{
    ResourceType Type { get; }

    /// <summary>
    /// Whether metadata.generation is kept (1 on create, +1 on spec changes), as for workloads and image
    /// streams; kinds such as namespaces, services, pods and configmaps have none.
    /// </summary>
    bool TracksGeneration => true;

    /// <summary>DELETE answers with the deleted object instead of a Success Status (the generic store's ReturnDeletedObject, true for services).</summary>
    bool ReturnDeletedObject => false;

    /// <summary>PUT on a missing object creates it (false: 404).</summary>
    bool AllowCreateOnUpdate { get; }

    /// <summary>PUT without metadata.resourceVersion is allowed (false: 422 "must be specified for an update").</summary>
    bool AllowUnconditionalUpdate { get; }

    /// <summary>Defaulting and server-set fields on create (e.g. clear status, set defaults).</summary>
    void PrepareForCreate(RequestContext context, JsonObject obj);

    /// <summary>Main-resource update: e.g. keep the old status. <paramref name="old"/> is the stored object.</summary>
    void PrepareForUpdate(RequestContext context, JsonObject obj, JsonObject old);

    /// <summary>Status-subresource update: e.g. keep the old spec.</summary>
    void PrepareForStatusUpdate(RequestContext context, JsonObject obj, JsonObject old);

    /// <summary>Validation of a new object; any errors make a 422 Invalid.</summary>
    IEnumerable<FieldError> Validate(RequestContext context, JsonObject obj);

    /// <summary>Validation of an update (immutable fields, ...).</summary>
    IEnumerable<FieldError> ValidateUpdate(RequestContext context, JsonObject obj, JsonObject old);

    /// <summary>Called on a copy of every object served (reads, lists, watch events), e.g. to recompute derived fields.</summary>
    void Decorate(JsonObject obj);

    /// <summary>Called after an object was deleted (not on dry runs), e.g. a namespace deletes its contents.</summary>
    void AfterDelete(RequestContext context, JsonObject deleted);

    /// <summary>Server-side Table columns (<c>kubectl get</c>), including Name and Age.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>One Table row's cells, in <see cref="Columns"/> order.</summary>
    IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);

    /// <summary>Field selector labels supported besides none (always includes metadata.name/namespace).</summary>
    IReadOnlyCollection<string> FieldLabels { get; }

    /// <summary>
    /// Seconds a delete waits before the object is removed: above 0 the object only gets
    /// metadata.deletionTimestamp (graceful deletion; its owner removes it later), 0 removes it now.
    /// </summary>
    long GracePeriod(JsonObject obj, Api.DeleteOptions options) => 0;

    /// <summary>The value of a supported field label for field selectors.</summary>
    string FieldValue(JsonObject obj, string label);
}
