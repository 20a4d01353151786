using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;
using ImageStreamPS.OpenShift.Images;
using ImageStreamPS.Sandbox.Api;
using k8s.Models;

namespace ImageStreamPS.Sandbox.Resources;

/// <summary>
/// <c>GET imagestreams/{name}/secrets</c>: the namespace's pull secrets an import of the stream may use
/// (openshift-apiserver <c>imagesecret/rest.go</c> Get, the engine's <see cref="ImageSecrets.ForImport"/>), as an
/// image.openshift.io/v1 SecretList. As upstream, the name is not looked up (reserved for future use) and the
/// request's label and field selectors go to the secrets' list.
/// </summary>
internal sealed class ImageStreamSecrets : IComputedSubresource
{
    public string Name => "secrets";

    public JsonObject Get(RequestContext context, string ns, string name, ListOptions options)
    {
        var secrets = context.Api.List("", "secrets", ns.Length == 0 ? null : ns, options with { Limit = null, Continue = null });
        var list = new SecretList
        {
            Metadata = new V1ListMeta { ResourceVersion = secrets.ResourceVersion },
            Items = ImageSecrets.ForImport(secrets.Items.Select(item => Wire.Decode<V1Secret>(item, "Secret"))).ToList(),
        };
        return Wire.Encode(list);
    }
}
