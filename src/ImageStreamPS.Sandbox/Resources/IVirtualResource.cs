using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// A resource with its own REST handlers instead of generic storage (imagestreamtags, imagestreamimages,
/// imagestreamimports, projects): the HTTP layer routes its paths here, discovery lists it from
/// <see cref="Type"/> (verbs, short names), and the Table writer uses <see cref="Columns"/>/<see cref="Cells"/>.
/// Writes are asynchronous and get the request's cancellation in <see cref="RequestContext.Cancellation"/>
/// (an import waits on registries). How to add one: implement this interface (unsupported verbs may keep
/// the default, which answers 405; list only the verbs you implement in <c>Type.Verbs</c>) and add one
/// line to <see cref="ResourceCatalog"/>. Throw <see cref="StatusException"/> (via <see cref="ApiErrors"/>)
/// for failures. PATCH is generic: the HTTP layer does Get, applies the patch, then Update.
/// </summary>
public interface IVirtualResource
{
    ResourceType Type { get; }

    JsonObject Get(RequestContext context, string ns, string name) => throw ApiErrors.MethodNotSupported(Type, "get");

    /// <summary>Returns the list object (<c>kind: &lt;Kind&gt;List</c>, items, metadata.resourceVersion).</summary>
    JsonObject List(RequestContext context, string? ns, ListOptions options) => throw ApiErrors.MethodNotSupported(Type, "list");

    /// <summary>POST to the collection; the result says whether to answer 201 or 200.</summary>
    Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body) => throw ApiErrors.MethodNotSupported(Type, "create");

    /// <summary>PUT to an item; Created = true answers 201.</summary>
    Task<WriteResult> UpdateAsync(RequestContext context, string ns, string name, JsonObject body) => throw ApiErrors.MethodNotSupported(Type, "update");

    /// <summary>DELETE an item; returns the response body (a Status or the deleted object).</summary>
    Task<JsonObject> DeleteAsync(RequestContext context, string ns, string name, DeleteOptions options) => throw ApiErrors.MethodNotSupported(Type, "delete");

    IReadOnlyList<TableColumn> Columns => [TableColumn.NameColumn, TableColumn.Age];

    IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [MetaAccessor.Name(obj), Tables.Age(MetaAccessor.CreationTimestamp(obj), now)];
}

/// <summary>The object a write returns and whether it was created (201) or updated (200).</summary>
public sealed record WriteResult(JsonObject Object, bool Created);
