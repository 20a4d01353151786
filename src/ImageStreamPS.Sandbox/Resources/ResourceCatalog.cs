using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Resources.Apps;
using ImageStreamPS.Sandbox.Resources.Core;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>A served resource: stored (with a strategy) or virtual (with its own handlers).</summary>
public sealed record CatalogEntry(ResourceType Type, IResourceStrategy? Strategy, IVirtualResource? Virtual);

/// <summary>
/// Every resource the sandbox serves, in discovery order. To add a kind, add one line to
/// <see cref="Create"/>: <c>catalog.Add(new MyKindStrategy(settings));</c> (a later Add for the same
/// group/resource replaces the earlier one). Discovery, OpenAPI, REST routes and tables follow.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly List<CatalogEntry> _entries = [];
    private readonly Dictionary<(string Group, string Resource, string Subresource), IComputedSubresource> _computed = [];

    public static ResourceCatalog Create(SandboxSettings settings)
    {
        var catalog = new ResourceCatalog();
        // core/v1
        catalog.Add(new NamespaceStrategy());
        catalog.Add(new ServiceStrategy());
        catalog.Add(new PodStrategy());
        catalog.Add(new EventStrategy());
        catalog.Add(new ConfigMapStrategy());
        catalog.Add(new SecretStrategy());
        // apps/v1
        catalog.Add(new DeploymentStrategy());
        catalog.Add(new ReplicaSetStrategy());
        // route.openshift.io/v1
        catalog.Add(new RouteStrategy(settings));
        // project.openshift.io/v1
        catalog.Add(new ProjectResource());
        catalog.Add(new ProjectRequestResource());
        // image.openshift.io/v1 (generic storage; the image API's strategies replace these)
        catalog.Add(new GenericStrategy<ImageStreamPS.OpenShift.Api.ImageStream>(ImageTypes.ImageStreams, allowUnconditionalUpdate: false));
        catalog.Add(new GenericStrategy<ImageStreamPS.OpenShift.Api.Image>(ImageTypes.Images));
        // apiextensions.k8s.io/v1 (none defined: kubectl asks)
        catalog.Add(new Api.Schemas.CustomResourceDefinitions());
        return catalog;
    }

    public void Add(IResourceStrategy strategy) => Put(new CatalogEntry(strategy.Type, strategy, null));
    public void Add(IVirtualResource resource) => Put(new CatalogEntry(resource.Type, null, resource));

    /// <summary>Serves a computed subresource of <paramref name="parent"/> (which must list it).</summary>
    public void Add(ResourceType parent, IComputedSubresource subresource)
    {
        if (parent.Subresource(subresource.Name) is null)
            throw new InvalidOperationException($"{parent.GroupResource} does not list the subresource {subresource.Name}");
        _computed[(parent.Group, parent.Resource, subresource.Name)] = subresource;
    }

    /// <summary>The computed subresource <paramref name="subresource"/> of a resource, or null.</summary>
    public IComputedSubresource? FindComputed(string group, string resource, string subresource) =>
        _computed.GetValueOrDefault((group, resource, subresource));

    private void Put(CatalogEntry entry)
    {
        var index = _entries.FindIndex(e => e.Type.Group == entry.Type.Group && e.Type.Resource == entry.Type.Resource);
        if (index >= 0) _entries[index] = entry;
        else _entries.Add(entry);
    }

    public IReadOnlyList<CatalogEntry> Entries => _entries;
    public IEnumerable<IResourceStrategy> Strategies => _entries.Select(e => e.Strategy).OfType<IResourceStrategy>();

    public CatalogEntry? Find(string group, string resource) =>
        _entries.FirstOrDefault(e => e.Type.Group == group && e.Type.Resource == resource);

    /// <summary>The entry for a group/resource, or 404 "the server could not find the requested resource".</summary>
    public CatalogEntry Resolve(string group, string resource) => Find(group, resource) ?? throw ApiErrors.NoSuchResource();

    /// <summary>Group/versions in discovery order; the core group is "".</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions =>
        _entries.Select(e => (e.Type.Group, e.Type.Version)).Distinct().ToList();
}
