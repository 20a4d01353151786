using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;
using ImageStreamPS.Sandbox.Resources.OpenShift;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary><c>imagestreamimports</c>: create-only RPC that imports images into a stream (201 with the status filled).</summary>
internal sealed class ImageStreamImportResource(StreamImport import) : IVirtualResource
{
    public ResourceType Type => ImageTypes.ImageStreamImports;

    public async Task<WriteResult> CreateAsync(RequestContext context, string ns, JsonObject body) =>
        new(await import.CreateAsync(context, ns, body).ConfigureAwait(false), true);
}
