using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Hosting;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Resources;

namespace ImageStreamPS.Sandbox.Tests.Images;

/// <summary>
/// The sandbox core with the image API registered, its integrated registry served on a loopback
/// port and seeded with the tutorial's citas images (docker.io mirrored to it).
/// </summary>
public sealed class ImageSandbox : IAsyncDisposable
{
    public const string Group = "image.openshift.io";
    public const string Ns = "myproject";
    private readonly TempDirectory directory = new();
    private LoopbackServer? registryServer;

    private ImageSandbox() { }

    public SandboxCore Core { get; private set; } = null!;
    public ImageApi Images { get; private set; } = null!;
    public SandboxSettings Settings { get; private set; } = null!;
    public ApiService Api => Core.Api;
    public string RegistryHost => registryServer!.Host;

    /// <summary>The integrated registry's login: any user name, the cluster's token as password.</summary>
    internal RegistryCredential RegistryLogin => new("developer", Settings.Token!.Value);

    public static string V1 => TutorialSeed.Images[0].Digest;
    public static string V2 => TutorialSeed.Images[1].Digest;

    public static async Task<ImageSandbox> StartAsync(bool controllers = false, TimeSpan? importInterval = null)
    {
        var sandbox = new ImageSandbox();
        sandbox.Settings = new SandboxSettings { DataPath = sandbox.directory.Path, ImportInterval = importInterval ?? TimeSpan.FromSeconds(900) };
        sandbox.Images = new ImageApi(sandbox.Settings);
        sandbox.registryServer = await LoopbackServer.StartAsync(sandbox.Images.HandleRegistryAsync);
        sandbox.Settings.PublicRegistryHost = sandbox.registryServer.Host;
        sandbox.Core = SandboxCore.Open(sandbox.directory.Path, sandbox.Settings, sandbox.Images.Register);
        sandbox.Images.Seed("Tutorial");
        if (controllers) sandbox.Images.Start(sandbox.Core.Api);
        return sandbox;
    }

    public JsonObject CreateStream(string name = "citas") =>
        Api.Create(Group, "imagestreams", Ns, Json("""{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"@NAME"},"spec":{"lookupPolicy":{"local":false}}}""".Replace("@NAME", name)));

    /// <summary>What <c>oc import-image citas:TAG --from=docker.io/josedom24/citas-backend:TAG</c> posts.</summary>
    public async Task<JsonObject> ImportAsync(string tag, string? from = null, string stream = "citas")
    {
        var current = Api.TryGet(Group, "imagestreams", Ns, stream);
        var rv = current is null ? "" : $",\"resourceVersion\":\"{current["metadata"]!["resourceVersion"]}\"";
        return await Api.CreateAsync(Group, "imagestreamimports", Ns, Json("""
            {"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1",
             "metadata":{"name":"@STREAM","namespace":"@NS"@RV},
             "spec":{"import":true,"images":[{"from":{"kind":"DockerImage","name":"@FROM"},
                     "to":{"name":"@TAG"},"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":""}}]},
             "status":{}}
            """.Replace("@STREAM", stream).Replace("@NS", Ns).Replace("@RV", rv)
               .Replace("@FROM", from ?? "docker.io/josedom24/citas-backend:" + tag).Replace("@TAG", tag)));
    }

    /// <summary>What <c>oc tag citas:SRC citas:DEST</c> PUTs after resolving SRC to its image.</summary>
    public Task<WriteResult> TagAsync(string dest, string imageId, string stream = "citas") =>
        Api.ReplaceAsync(Group, "imagestreamtags", Ns, $"{stream}:{dest}", Json("""
            {"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1",
             "metadata":{"name":"@STREAM:@DEST","namespace":"@NS"},
             "tag":{"name":"@DEST","annotations":null,"from":{"kind":"ImageStreamImage","name":"@STREAM@@ID"},
                    "generation":null,"importPolicy":{"importMode":"Legacy"},"referencePolicy":{"type":"Source"}},
             "generation":0,"lookupPolicy":{"local":false},"image":{"metadata":{}}}
            """.Replace("@STREAM", stream).Replace("@DEST", dest).Replace("@NS", Ns).Replace("@ID", imageId)));

    public JsonObject Stream(string name = "citas") => Api.Get(Group, "imagestreams", Ns, name);

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    public async ValueTask DisposeAsync()
    {
        await Images.DisposeAsync();
        Core?.Dispose();
        if (registryServer is not null) await registryServer.DisposeAsync();
        directory.Dispose();
    }
}
