using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images.Distribution;
using ImageStreamPS.Sandbox.Resources;
using ImageStreamPS.Sandbox.Resources.OpenShift;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// The image API's part of the sandbox in one place: the importer (with its mirrors), the integrated
/// registry on disk, the strategies and virtual resources of image.openshift.io, and the background
/// import controller. The host calls <see cref="Register"/> while building the catalog, routes the
/// registry endpoint to <see cref="HandleRegistryAsync"/>, then calls <see cref="Start"/>.
/// </summary>
public sealed class ImageApi : IAsyncDisposable
{
    private readonly SandboxSettings settings;
    private readonly RegistryClient client = new();
    private readonly StreamImport streamImport;
    private ImageImportController? controller;

    public ImageApi(SandboxSettings settings)
    {
        this.settings = settings;
        Mirrors = new RegistryMirrors();
        foreach (var (source, mirror) in settings.Mirrors) Mirrors.Set(source, mirror);
        var token = settings.Token ??= AccessToken.LoadOrCreate(settings.DataPath);
        Importer = new ImageImporter(client, Mirrors, credentials: host => IsIntegratedRegistry(host) ? ServiceAccount(token) : null);
        streamImport = new StreamImport(Importer);
        Registry = new IntegratedRegistry(new RegistryStorage(Path.Combine(settings.DataPath, "registry")), new RegistryAccessController(token));
    }

    // The importer reaches the integrated registry as a service account does, with the cluster's token
    // (what an OpenShift service account's dockercfg secret holds for the registry).
    private static RegistryCredential ServiceAccount(AccessToken token) => new("serviceaccount", token.Value);

    private bool IsIntegratedRegistry(string host) =>
        string.Equals(host, settings.PublicRegistryHost, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(host, settings.InternalRegistryHost, StringComparison.OrdinalIgnoreCase);

    internal RegistryMirrors Mirrors { get; }

    internal ImageImporter Importer { get; }

    internal IntegratedRegistry Registry { get; }

    /// <summary>Adds imagestreams, images, imagestreamtags, imagestreamimages, imagestreamimports, imagestreammappings, imagesignatures and the secrets and layers of imagestreams to the catalog.</summary>
    public void Register(ResourceCatalog catalog)
    {
        catalog.Add(new ImageStreamStrategy(settings));
        catalog.Add(new ImageStrategy());
        catalog.Add(new ImageStreamTagResource());
        catalog.Add(new ImageTagResource());
        catalog.Add(new ImageStreamImageResource());
        catalog.Add(new ImageStreamImportResource(streamImport));
        catalog.Add(new ImageStreamMappingResource(() => settings.InternalRegistryHost));
        catalog.Add(new ImageSignatureResource());
        catalog.Add(ImageTypes.ImageStreams, new ImageStreamSecrets());
        catalog.Add(ImageTypes.ImageStreams, new ImageStreamLayersView());
    }

    /// <summary>Serves the integrated registry (the plain-HTTP endpoint's requests).</summary>
    public Task HandleRegistryAsync(HttpContext context) => Registry.HandleAsync(context);

    /// <summary>
    /// <c>--seed Tutorial</c>: pushes the citas images into the integrated registry and mirrors docker.io
    /// to it. Call once <see cref="SandboxSettings.PublicRegistryHost"/> is known.
    /// </summary>
    public void Seed(string seed)
    {
        if (!string.Equals(seed, "Tutorial", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"unknown seed \"{seed}\" (known: Tutorial)", nameof(seed));
        TutorialSeed.Apply(Registry.Storage, Mirrors, settings.PublicRegistryHost);
    }

    /// <summary>Starts the import controller and folds registry pushes into image streams.</summary>
    public void Start(ApiService api)
    {
        var pushes = new RegistryPushes(api, Registry.Storage, () => settings.InternalRegistryHost);
        Registry.ManifestPushed += pushes.OnPushedAsync;
        controller = new ImageImportController(api, settings.ImportInterval);
        controller.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (controller is not null) await controller.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }
}
