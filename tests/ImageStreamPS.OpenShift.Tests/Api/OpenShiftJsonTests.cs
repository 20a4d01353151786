using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageStreamPS.OpenShift.Api;
using k8s;

namespace ImageStreamPS.OpenShift.Tests.Api;

/// <summary>
/// The engine's one JSON rule (<see cref="OpenShiftJson"/>): KubernetesClient's options, with the engine's
/// generated contracts between KubernetesClient's generated context and reflection. Generated and reflected
/// contracts must read and write real server output identically.
/// </summary>
public class OpenShiftJsonTests
{
    // The module loads the engine before anything touches KubernetesJson; this test process may not (a
    // KubernetesClient-only test can run first), so it registers as any such host would.
    [ModuleInitializer]
    internal static void RegisterBeforeAnyTest() => OpenShiftJson.Register();

    private static JsonSerializerOptions KubernetesOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options!;
    }

    [Fact]
    public void TheEngineContractsComeBetweenKubernetesClientsAndReflection()
    {
        var chain = KubernetesOptions().TypeInfoResolverChain;
        Assert.Equal(3, chain.Count);
        Assert.Equal("k8s.SourceGenerationContext", chain[0].GetType().FullName);
        Assert.Same(OpenShiftJsonContext.Default, chain[1]);
        Assert.IsType<DefaultJsonTypeInfoResolver>(chain[2]);
    }

    [Theory]
    [InlineData(typeof(ImageStream))]
    [InlineData(typeof(ImageStreamTag))]
    [InlineData(typeof(ImageStreamImport))]
    [InlineData(typeof(RouteList))]
    [InlineData(typeof(ApiStatus))]
    public void EngineTypesAreReadWithGeneratedContracts(Type type) =>
        Assert.Same(OpenShiftJsonContext.Default, KubernetesOptions().GetTypeInfo(type).OriginatingResolver);

    [Fact]
    public void KubernetesClientTypesKeepKubernetesClientsContracts() =>
        Assert.Equal("k8s.SourceGenerationContext", KubernetesOptions().GetTypeInfo(typeof(k8s.Models.V1ObjectMeta)).OriginatingResolver!.GetType().FullName);

    [Theory]
    [MemberData(nameof(GoldenRoundTripTests.JsonFixtures), MemberType = typeof(GoldenRoundTripTests))]
    public void GeneratedAndReflectedContractsReadAndWriteServerOutputAlike(string file, Type type)
    {
        var generated = KubernetesOptions();
        // What KubernetesJson was before the engine's contracts: its own generated context, then reflection.
        var reflected = new JsonSerializerOptions(generated)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(generated.TypeInfoResolverChain[0], new DefaultJsonTypeInfoResolver()),
        };
        var json = Fixture.Read(file);

        var viaGenerated = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, generated), type, generated);
        var viaReflection = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, reflected), type, reflected);

        Assert.Equal(viaReflection, viaGenerated);
    }
}
