using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Tests.Http;

namespace ImageStreamPS.Sandbox.Tests.Clients;

/// <summary>
/// /openapi/v2 and /openapi/v3 as kube-apiserver publishes them: schemas generated from the typed models with
/// the x-kubernetes-* extensions upstream's struct tags give, and the operations kubectl reads.
/// </summary>
public sealed class OpenApiTests(RunningSandbox sandbox) : IClassFixture<RunningSandbox>
{
    private async Task<JsonNode> V3(string groupVersion)
    {
        var (_, index) = await sandbox.Get("/openapi/v3");
        var (status, document) = await sandbox.Get(index!["paths"]![groupVersion]!["serverRelativeURL"]!.GetValue<string>());
        Assert.Equal(200, status);
        return document!;
    }

    private static JsonNode Schema(JsonNode document, string name) => document["components"]!["schemas"]![name]!;

    /// <summary>Follows a v3 property (allOf-wrapped $ref) to its component.</summary>
    private static JsonNode Follow(JsonNode document, JsonNode property) =>
        Schema(document, (property["allOf"]?[0]?["$ref"] ?? property["$ref"])!.GetValue<string>()["#/components/schemas/".Length..]);

    [Fact]
    public async Task ImageStreamSpecTagsMergeByNameAsOpenShiftApiTagsThem()
    {
        // openshift/api image/v1 types.go: ImageStreamSpec.Tags `patchStrategy:"merge" patchMergeKey:"name"`,
        // ImageStreamStatus.Tags `patchStrategy:"merge" patchMergeKey:"tag"`.
        var document = await V3("apis/image.openshift.io/v1");
        var stream = Schema(document, "com.github.openshift.api.image.v1.ImageStream");
        Assert.Equal("ImageStream", stream["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        var specTags = Follow(document, stream["properties"]!["spec"]!)["properties"]!["tags"]!;
        Assert.Equal(("merge", "name"), (specTags["x-kubernetes-patch-strategy"]!.GetValue<string>(), specTags["x-kubernetes-patch-merge-key"]!.GetValue<string>()));
        var statusTags = Follow(document, stream["properties"]!["status"]!)["properties"]!["tags"]!;
        Assert.Equal("tag", statusTags["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        var tagReference = Follow(document, specTags["items"]!);
        Assert.Equal(["annotations", "from", "generation", "importPolicy", "name", "reference", "referencePolicy"],
            tagReference["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task DeploymentContainersAreAListMapByName()
    {
        // k8s.io/api core/v1 PodSpec.Containers: patchStrategy=merge, patchMergeKey=name, +listType=map, +listMapKey=name;
        // Container.Ports: +listMapKey=containerPort, +listMapKey=protocol.
        var document = await V3("apis/apps/v1");
        var deployment = Schema(document, "io.k8s.api.apps.v1.Deployment");
        var spec = Follow(document, deployment["properties"]!["spec"]!);
        Assert.Equal("integer", spec["properties"]!["replicas"]!["type"]!.GetValue<string>());
        Assert.Equal("retainKeys", spec["properties"]!["strategy"]!["x-kubernetes-patch-strategy"]!.GetValue<string>());
        var podSpec = Follow(document, Follow(document, spec["properties"]!["template"]!)["properties"]!["spec"]!);
        var containers = podSpec["properties"]!["containers"]!;
        Assert.Equal(("merge", "name", "map"), (containers["x-kubernetes-patch-strategy"]!.GetValue<string>(),
            containers["x-kubernetes-patch-merge-key"]!.GetValue<string>(), containers["x-kubernetes-list-type"]!.GetValue<string>()));
        var ports = Follow(document, containers["items"]!)["properties"]!["ports"]!;
        Assert.Equal(["containerPort", "protocol"], ports["x-kubernetes-list-map-keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            deployment["properties"]!["metadata"]!["allOf"]![0]!["$ref"]!.GetValue<string>()["#/components/schemas/".Length..]);
    }

    [Fact]
    public async Task PatchAdvertisesStrategicMergeSoKubectlApplyUsesIt()
    {
        // kubectl apply.go gvkSupportsPatchOpenAPIV3: strategic merge only when the PATCH operation of the kind lists
        // application/strategic-merge-patch+json, as kube-apiserver does for built-in and aggregated OpenShift kinds.
        foreach (var (groupVersion, path, kind) in new[]
                 {
                     ("apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "Deployment"),
                     ("apis/image.openshift.io/v1", "/apis/image.openshift.io/v1/namespaces/{namespace}/imagestreams/{name}", "ImageStream"),
                     ("api/v1", "/api/v1/namespaces/{namespace}/services/{name}", "Service"),
                 })
        {
            var patch = (await V3(groupVersion))["paths"]![path]!["patch"]!;
            Assert.Equal(kind, patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
            Assert.Equal(["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"],
                patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
            Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
        }
    }

    [Fact]
    public async Task EveryServedKindHasATypedSchemaWithItsGroupVersionKind()
    {
        var (_, index) = await sandbox.Get("/openapi/v3");
        foreach (var (groupVersion, _) in index!["paths"]!.AsObject())
        {
            var (_, discovery) = await sandbox.Get("/" + groupVersion);
            var document = await V3(groupVersion);
            var kinds = document["components"]!["schemas"]!.AsObject()
                .Where(s => s.Value!["x-kubernetes-group-version-kind"] is not null)
                .ToDictionary(s => s.Value!["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>(), s => s.Value!);
            foreach (var resource in discovery!["resources"]!.AsArray().Where(r => !r!["name"]!.GetValue<string>().Contains('/')))
            {
                var kind = resource!["kind"]!.GetValue<string>();
                Assert.True(kinds.ContainsKey(kind), $"{groupVersion} {kind} has no schema");
                Assert.True(kinds[kind]["properties"]?["metadata"] is not null, $"{groupVersion} {kind} is not generated from a model");
            }
        }
    }

    [Fact]
    public async Task V2IsOneSwaggerDocumentWithDefinitionsAndPatchMediaTypes()
    {
        var (status, document) = await sandbox.Get("/openapi/v2", accept: "application/json");
        Assert.Equal(200, status);
        Assert.Equal("2.0", document!["swagger"]!.GetValue<string>());
        var deployment = document["definitions"]!["io.k8s.api.apps.v1.Deployment"]!;
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", deployment["properties"]!["spec"]!["$ref"]!.GetValue<string>());
        var strategy = document["definitions"]!["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["strategy"]!;
        Assert.Equal("retainKeys", strategy["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentStrategy", strategy["$ref"]!.GetValue<string>());
        var patch = document["paths"]!["/apis/image.openshift.io/v1/namespaces/{namespace}/imagestreams/{name}"]!["patch"]!;
        Assert.Contains("application/strategic-merge-patch+json", patch["consumes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("string", document["definitions"]!["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task DocumentsAreCachedWithETagGzipAndHashRedirectAsKubeOpenApiServesThem()
    {
        var (_, index) = await sandbox.Get("/openapi/v3");
        var url = index!["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.Matches(@"\?hash=[0-9A-F]{128}$", url);
        var ct = TestContext.Current.CancellationToken;

        using var first = await sandbox.Http.GetAsync(url, ct);
        Assert.Equal("public, immutable", first.Headers.CacheControl!.ToString());
        var etag = first.Headers.ETag!.Tag;
        Assert.Equal("\"" + url[(url.IndexOf('=') + 1)..] + "\"", etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await sandbox.Http.SendAsync(conditional, ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // A stale hash is answered 301 to the current one.
        using var noRedirects = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }) { BaseAddress = sandbox.Http.BaseAddress };
        noRedirects.DefaultRequestHeaders.Authorization = sandbox.Http.DefaultRequestHeaders.Authorization;
        using var stale = await noRedirects.GetAsync("/openapi/v3/apis/apps/v1?hash=0123", ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, stale.StatusCode);
        Assert.Equal(url, stale.Headers.Location!.OriginalString);

        using var zipped = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        zipped.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await sandbox.Http.SendAsync(zipped, ct);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(ct), CompressionMode.Decompress);
        Assert.Equal("2.0", (await JsonNode.ParseAsync(gzip, cancellationToken: ct))!["swagger"]!.GetValue<string>());
    }

    [Fact]
    public async Task V2IsServedAsGnosticProtobufWhereKubectlAsksForIt()
    {
        // client-go discovery OpenAPISchema(): Accept application/com.github.proto-openapi.spec.v2@v1.0+protobuf, an
        // openapi_v2.Document; kube-openapi answers with the media type spelled with '.', which Go's mime parser accepts.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", response.Content.Headers.ContentType!.ToString());
        var input = new Google.Protobuf.CodedInputStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, Google.Protobuf.WireFormat.GetTagFieldNumber(input.ReadTag())); // Document.swagger
        Assert.Equal("2.0", input.ReadString());
        var definitions = new List<string>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Google.Protobuf.WireFormat.GetTagFieldNumber(tag) != 9) { input.SkipLastField(); continue; }
            var named = new Google.Protobuf.CodedInputStream(input.ReadBytes().ToByteArray()); // Definitions
            while (named.ReadTag() != 0)
            {
                var schema = new Google.Protobuf.CodedInputStream(named.ReadBytes().ToByteArray()); // NamedSchema
                schema.ReadTag();
                definitions.Add(schema.ReadString());
            }
        }
        Assert.Contains("com.github.openshift.api.image.v1.ImageStream", definitions);
        Assert.Contains("io.k8s.api.apps.v1.Deployment", definitions);
    }
}
