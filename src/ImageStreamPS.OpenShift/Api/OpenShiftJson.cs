using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;

namespace ImageStreamPS.OpenShift.Api;

/// <summary>
/// The one JSON rule of the engine: every OpenShift object is read and written with KubernetesClient's
/// options (<see cref="KubernetesJson"/>: camelCase, nulls omitted, string enums, RFC 3339 times), whose
/// contracts come first from KubernetesClient's own generated context, then from
/// <see cref="OpenShiftJsonContext"/> for the engine's OpenShift types, then from reflection for anything
/// else. Generated contracts spare a cold process building them by reflection and Reflection.Emit.
/// </summary>
internal static class OpenShiftJson
{
    // Runs when the engine is loaded, before any engine code can read or write JSON (after the first use the
    // options are read-only). KubernetesClient's chain is [its generated context, reflection]: the engine's
    // goes between them, so KubernetesClient's own types keep KubernetesClient's contracts.
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "KubernetesJson's options must be extended before their first use.")]
    internal static void Register() => KubernetesJson.AddJsonOptions(options =>
    {
        // A host that used KubernetesJson before it loaded the engine keeps reflection for these types.
        if (!options.IsReadOnly && !options.TypeInfoResolverChain.Contains(OpenShiftJsonContext.Default))
        {
            options.TypeInfoResolverChain.Insert(Math.Min(1, options.TypeInfoResolverChain.Count), OpenShiftJsonContext.Default);
        }
    });
}

/// <summary>Generated contracts of the OpenShift types a client reads and writes (see <see cref="OpenShiftJson"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageStream))]
[JsonSerializable(typeof(ImageStreamList))]
[JsonSerializable(typeof(ImageStreamTag))]
[JsonSerializable(typeof(ImageStreamTagList))]
[JsonSerializable(typeof(ImageStreamImage))]
[JsonSerializable(typeof(ImageStreamImport))]
[JsonSerializable(typeof(ImageStreamMapping))]
[JsonSerializable(typeof(ImageStreamLayers))]
[JsonSerializable(typeof(ImageTag))]
[JsonSerializable(typeof(ImageTagList))]
[JsonSerializable(typeof(Image))]
[JsonSerializable(typeof(ImageList))]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(ProjectList))]
[JsonSerializable(typeof(Route))]
[JsonSerializable(typeof(RouteList))]
[JsonSerializable(typeof(ApiStatus))]
internal sealed partial class OpenShiftJsonContext : JsonSerializerContext;
