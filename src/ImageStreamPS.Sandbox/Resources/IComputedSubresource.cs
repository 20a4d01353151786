using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// A read-only subresource the server computes on GET from its parent or its namespace
/// (<c>imagestreams/secrets</c>, <c>imagestreams/layers</c>), as an apiserver <c>rest.Getter</c> mounted under a
/// parent. How to add one: list its <see cref="SubresourceType"/> (verbs <c>["get"]</c>) in the parent's
/// <see cref="ResourceType.Subresources"/> and add it with <see cref="ResourceCatalog.Add(ResourceType, IComputedSubresource)"/>;
/// discovery, OpenAPI and the REST route follow.
/// </summary>
public interface IComputedSubresource
{
    /// <summary>The subresource's name under its parent (<c>secrets</c>).</summary>
    string Name { get; }

    /// <summary>The object answered for <c>GET …/{name}/{subresource}</c>; the query's list options are passed on.</summary>
    JsonObject Get(RequestContext context, string ns, string name, ListOptions options);
}
