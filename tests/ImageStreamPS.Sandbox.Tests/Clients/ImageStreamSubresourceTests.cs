using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Tests.Http;
using ImageStreamPS.Sandbox.Tests.Images;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// <c>imagestreams/{name}/secrets</c> and <c>imagestreams/{name}/layers</c> over HTTP, as openshift-apiserver
/// serves them: imagesecret/rest.go <c>Get</c>, and imagestream/etcd <c>LayersREST.Get</c> with
/// <c>addImageStreamLayersFromCache</c> over the cache entries of <c>imageLayersForImage</c>.
/// </summary>
public sealed class ImageStreamSubresourceTests(RunningImageSandbox sandbox) : IClassFixture<RunningImageSandbox>
{
    private const string Api = "/apis/image.openshift.io/v1";
    private const string Layer1 = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Layer2 = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string Config = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    private const string Schema2 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Oci = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Gone = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    private async Task CreateNamespace(string name) =>
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""")).Status);

    private async Task CreateSecret(string ns, string name, string type, string annotations = "{}")
    {
        var key = type switch { "kubernetes.io/dockercfg" => ".dockercfg", "kubernetes.io/dockerconfigjson" => ".dockerconfigjson", _ => "k" };
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", $$$$"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"{{{{name}}}}","annotations":{{{{annotations}}}}},"type":"{{{{type}}}}","data":{"{{{{key}}}}":"e30="}}
            """)).Status);
    }

    private async Task Map(string ns, string stream, string tag, string image, string layers, string mediaType, string configId) =>
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{Api}/namespaces/{ns}/imagestreammappings", $$$$"""
            {"kind":"ImageStreamMapping","apiVersion":"image.openshift.io/v1","metadata":{"name":"{{{{stream}}}}"},"tag":"{{{{tag}}}}",
             "image":{"metadata":{"name":"{{{{image}}}}"},"dockerImageReference":"quay.io/team/app@{{{{image}}}}",
                      "dockerImageMetadata":{"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":"{{{{configId}}}}"},
                      "dockerImageMetadataVersion":"1.0","dockerImageManifestMediaType":"{{{{mediaType}}}}","dockerImageLayers":{{{{layers}}}}}}
            """)).Status);

    [Fact]
    public async Task SecretsListsTheNamespacesPullSecretsThatAreNotExcluded()
    {
        await CreateNamespace("pullsecrets");
        await CreateSecret("pullsecrets", "json", "kubernetes.io/dockerconfigjson");
        await CreateSecret("pullsecrets", "legacy", "kubernetes.io/dockercfg");
        await CreateSecret("pullsecrets", "plain", "Opaque");
        await CreateSecret("pullsecrets", "hidden", "kubernetes.io/dockerconfigjson", """{"openshift.io/image.excludeSecret":"true"}""");

        // As upstream, the stream's name is not looked up.
        var (status, body) = await sandbox.Get($"{Api}/namespaces/pullsecrets/imagestreams/nosuch/secrets");

        Assert.Equal(200, status);
        Assert.Equal(("SecretList", "image.openshift.io/v1"), (body!["kind"]!.GetValue<string>(), body["apiVersion"]!.GetValue<string>()));
        Assert.Equal(["json", "legacy"], body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.Equal("e30=", body["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == "json")!["data"]![".dockerconfigjson"]!.GetValue<string>());
    }

    [Fact]
    public async Task SecretsPassesTheLabelSelectorToTheSecretsList()
    {
        await CreateNamespace("labelledsecrets");
        await CreateSecret("labelledsecrets", "one", "kubernetes.io/dockerconfigjson");
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, "/api/v1/namespaces/labelledsecrets/secrets", """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"two","labels":{"registry":"quay"}},"type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"e30="}}
            """)).Status);

        var (_, body) = await sandbox.Get($"{Api}/namespaces/labelledsecrets/imagestreams/app/secrets?labelSelector=registry%3Dquay");

        Assert.Equal("two", Assert.Single(body!["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task LayersListsEveryImageOfTheHistoryWithItsLayersConfigAndManifestBlobs()
    {
        await CreateNamespace("layers");
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{Api}/namespaces/layers/imagestreams", """{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"app"}}""")).Status);
        var layers = $$$"""[{"name":"{{{Layer1}}}","size":100,"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip"},{"name":"{{{Layer2}}}","size":200,"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip"}]""";
        await Map("layers", "app", "v1", Schema2, layers, "application/vnd.docker.distribution.manifest.v2+json", Config);
        await Map("layers", "app", "v2", Oci, $$$"""[{"name":"{{{Layer2}}}","size":200,"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip"}]""", "application/vnd.oci.image.manifest.v1+json", Config);
        await Map("layers", "app", "old", Gone, "[]", "", "");
        Assert.Equal(200, (await sandbox.Send(HttpMethod.Delete, $"{Api}/images/{Gone}")).Status);

        var (status, body) = await sandbox.Get($"{Api}/namespaces/layers/imagestreams/app/layers");

        Assert.Equal(200, status);
        Assert.Equal(("ImageStreamLayers", "image.openshift.io/v1", "app", "layers"),
            (body!["kind"]!.GetValue<string>(), body["apiVersion"]!.GetValue<string>(), body["metadata"]!["name"]!.GetValue<string>(), body["metadata"]!["namespace"]!.GetValue<string>()));
        // Blobs and images are Go maps: keys in order. A layer keeps the media type of the first image that names it.
        JsonAssert.Equal($$$"""
            {"{{{Schema2}}}":{"size":null,"mediaType":"application/vnd.docker.distribution.manifest.v2+json"},
             "{{{Oci}}}":{"size":null,"mediaType":"application/vnd.oci.image.manifest.v1+json"},
             "{{{Layer1}}}":{"size":100,"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip"},
             "{{{Layer2}}}":{"size":200,"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip"},
             "{{{Config}}}":{"size":null,"mediaType":"application/vnd.docker.container.image.v1+json"}}
            """, body["blobs"]!);
        JsonAssert.Equal($$$"""
            {"{{{Schema2}}}":{"imageMissing":false,"layers":["{{{Layer1}}}","{{{Layer2}}}"],"config":"{{{Config}}}"},
             "{{{Oci}}}":{"imageMissing":false,"layers":["{{{Layer2}}}"],"config":null},
             "{{{Gone}}}":{"imageMissing":true,"layers":null,"config":null}}
            """, body["images"]!);
    }

    [Fact]
    public async Task LayersOfAMissingStreamIsTheStreamsNotFound()
    {
        var (status, body) = await sandbox.Get($"{Api}/namespaces/myproject/imagestreams/nosuch/layers");

        Assert.Equal((404, "NotFound", "imagestreams.image.openshift.io \"nosuch\" not found"),
            (status, body!["reason"]!.GetValue<string>(), body["message"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("PUT", "layers")]
    [InlineData("PATCH", "secrets")]
    public async Task TheComputedSubresourcesAnswerOnlyGet(string method, string subresource)
    {
        Assert.Equal(201, (await sandbox.Send(HttpMethod.Post, $"{Api}/namespaces/myproject/imagestreams", $$$"""{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"name":"readonly-{{{subresource}}}"}}""")).Status);

        var (status, body) = await sandbox.Send(new HttpMethod(method), $"{Api}/namespaces/myproject/imagestreams/readonly-{subresource}/{subresource}", "{}",
            method == "PATCH" ? "application/merge-patch+json" : "application/json");

        Assert.Equal((405, "MethodNotAllowed"), (status, body!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DiscoveryListsTheSubresourcesAndImageSignatures()
    {
        var (_, body) = await sandbox.Get(Api);
        var resources = body!["resources"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!);

        Assert.Equal(("SecretList", "get"), (resources["imagestreams/secrets"]["kind"]!.GetValue<string>(), Verbs(resources["imagestreams/secrets"])));
        Assert.Equal(("ImageStreamLayers", "get"), (resources["imagestreams/layers"]["kind"]!.GetValue<string>(), Verbs(resources["imagestreams/layers"])));
        Assert.Equal(("ImageSignature", false, "create delete"),
            (resources["imagesignatures"]["kind"]!.GetValue<string>(), resources["imagesignatures"]["namespaced"]!.GetValue<bool>(), Verbs(resources["imagesignatures"])));
    }

    [Fact]
    public async Task OpenApiDescribesTheSubresourcesFromTheirTypedModels()
    {
        var (status, document) = await sandbox.Get("/openapi/v3/apis/image.openshift.io/v1");
        Assert.Equal(200, status);

        var get = document!["paths"]!["/apis/image.openshift.io/v1/namespaces/{namespace}/imagestreams/{name}/layers"]!["get"]!;
        Assert.Equal("ImageStreamLayers", get["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        var schemas = document["components"]!["schemas"]!;
        var layers = schemas["com.github.openshift.api.image.v1.ImageStreamLayers"]!;
        Assert.Equal(["apiVersion", "blobs", "images", "kind", "metadata"], layers["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(document["paths"]!["/apis/image.openshift.io/v1/namespaces/{namespace}/imagestreams/{name}/secrets"]!["get"]);
        Assert.NotNull(schemas["com.github.openshift.api.image.v1.SecretList"]);
        Assert.NotNull(document["paths"]!["/apis/image.openshift.io/v1/imagesignatures"]!["post"]);
        Assert.Equal("ImageSignature", schemas["com.github.openshift.api.image.v1.ImageSignature"]!["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
    }

    private static string Verbs(JsonNode resource) => string.Join(" ", resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
}
