using ImageStreamPS.Sandbox.Resources.OpenShift;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Images;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary><c>imagestreamimports</c>: create-only RPC that imports images into a stream (201 with the status filled).</summary>
internal sealed class ImageStreamImportResource(StreamImport import) : IVirtualResource
{
    public ResourceType Type => ImageTypes.ImageStreamImports;

    public WriteResult Create(RequestContext context, string ns, JsonObject body) => new(import.Create(context, ns, body), true);
}
