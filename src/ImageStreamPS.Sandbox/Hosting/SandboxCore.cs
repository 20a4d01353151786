using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.LocalSandbox;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// The sandbox without HTTP: the store in <c>&lt;data&gt;/sandbox.db</c>, the resource catalog and the
/// in-process <see cref="ApiService"/>, with the namespaces that exist on first start (default,
/// openshift, myproject). Tests and controllers can use it directly:
/// <c>using var core = SandboxCore.Open(dir); core.Api.Create("", "pods", "myproject", pod);</c>
/// </summary>
public sealed class SandboxCore : IDisposable
{
    public static readonly string[] InitialNamespaces = ["default", "openshift", "myproject"];

    private SandboxCore(SandboxSettings settings, ResourceCatalog catalog, ObjectStore store, TimeProvider? clock)
    {
        Settings = settings;
        Catalog = catalog;
        Store = store;
        Api = new ApiService(catalog, store, clock);
    }

    public SandboxSettings Settings { get; }
    public ResourceCatalog Catalog { get; }
    public ObjectStore Store { get; }
    public ApiService Api { get; }

    /// <summary>Opens the data directory (created if missing). <paramref name="configure"/> may add or replace catalog entries.</summary>
    public static SandboxCore Open(string dataPath, SandboxSettings? settings = null, Action<ResourceCatalog>? configure = null, TimeProvider? clock = null)
    {
        OwnerOnly.CreateDirectory(dataPath);
        settings ??= new SandboxSettings { DataPath = dataPath };
        var catalog = ResourceCatalog.Create(settings);
        configure?.Invoke(catalog);
        var core = new SandboxCore(settings, catalog, ObjectStore.Open(Path.Combine(dataPath, "sandbox.db")), clock);
        core.EnsureInitialNamespaces();
        return core;
    }

    private void EnsureInitialNamespaces()
    {
        foreach (var name in InitialNamespaces)
        {
            if (Api.TryGet("", "namespaces", null, name) is not null) continue;
            Api.Create("", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        }
    }

    public void Dispose() => Store.Dispose();
}
