using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api.Schemas;
using ImageStreamPS.Sandbox.Resources;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The OpenAPI documents kube-apiserver serves (k8s-wire-protocol.md §1.5): <c>/openapi/v3</c> (an index of
/// one document per group/version, each at <c>?hash=</c>) and <c>/openapi/v2</c> (one swagger 2.0 document),
/// with the generated schemas of <see cref="KindSchemas"/>, the <c>x-kubernetes-*</c> extensions, and per
/// path the operations, their <c>x-kubernetes-group-version-kind</c>, the <c>dryRun</c>/<c>fieldManager</c>/
/// <c>fieldValidation</c> parameters and the PATCH media types (strategic merge too: every kind here is
/// built in or served by openshift-apiserver, so kubectl apply computes a strategic merge patch from it).
/// Each document is built and serialized once, on first use, and served as kube-openapi's handlers do:
/// an ETag (the hash), 304 for If-None-Match, <c>Cache-Control: public, immutable</c> at the current hash
/// and a 301 to it from a stale one, gzip when the client accepts it.
/// </summary>
public sealed class OpenApiDocuments
{
    public const string V2ProtobufMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    private readonly ResourceCatalog _catalog;
    private readonly Lazy<KindSchemas> _schemas;
    private readonly Lazy<Dictionary<string, Served>> _v3;
    private readonly Lazy<Served> _v2;
    private readonly Lazy<Served> _v2Protobuf;

    public OpenApiDocuments(ResourceCatalog catalog)
    {
        _catalog = catalog;
        _schemas = new Lazy<KindSchemas>(() => new KindSchemas(catalog));
        _v3 = new Lazy<Dictionary<string, Served>>(() => catalog.GroupVersions.ToDictionary(
            gv => gv.Group.Length == 0 ? "api/" + gv.Version : $"apis/{gv.Group}/{gv.Version}",
            gv => new Served(OpenApiV3.Document(_catalog, gv.Group, gv.Version, Schemas.For(gv.Group, gv.Version)))));
        _v2 = new Lazy<Served>(() => new Served(OpenApiV2.Document(_catalog, Schemas)));
        // kube-openapi answers the '@' media type with a '.' one, which Go's mime parser accepts.
        _v2Protobuf = new Lazy<Served>(() => new Served(OpenApiV2Protobuf.Document(_v2.Value.Parse()), "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"));
    }

    /// <summary>The generated schemas (built on first use), which field validation shares.</summary>
    public KindSchemas Schemas => _schemas.Value;

    public JsonObject Index() => new()
    {
        ["paths"] = new JsonObject(_v3.Value.Select(p => KeyValuePair.Create(p.Key,
            (JsonNode?)new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{p.Key}?hash={p.Value.Hash}" }))),
    };

    /// <summary>The v3 document for "apis/apps/v1" (or "api/v1"); null when unknown.</summary>
    public JsonObject? Document(string key) => _v3.Value.TryGetValue(key.Trim('/'), out var served) ? served.Parse() : null;

    /// <summary>The v2 document.</summary>
    public JsonObject V2() => _v2.Value.Parse();

    /// <summary>Serves <c>/openapi/v2</c> or <c>/openapi/v3/...</c>; false when the path names no document.</summary>
    public async Task<bool> Serve(HttpContext context, string[] segments)
    {
        switch (segments)
        {
            case ["openapi", "v2"]:
                if (context.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/com.github.proto-openapi.spec.v2", StringComparison.Ordinal)))
                {
                    await Write(context, _v2Protobuf.Value, hashed: false);
                    return true;
                }
                if (!HttpIo.AcceptsJson(context.Request))
                {
                    await HttpIo.WriteStatus(context, ApiErrors.NotAcceptable($"only application/json and {V2ProtobufMediaType} are served for /openapi/v2"));
                    return true;
                }
                await Write(context, _v2.Value, hashed: false);
                return true;
            case ["openapi", "v3"]:
                context.Response.Headers.CacheControl = "no-cache, private";
                await HttpIo.WriteJson(context, 200, Index());
                return true;
            case ["openapi", "v3", .. var rest] when _v3.Value.TryGetValue(string.Join('/', rest), out var served):
                if (context.Request.Query["hash"] is { Count: > 0 } hash && hash.ToString() != served.Hash)
                {
                    context.Response.StatusCode = 301;
                    context.Response.Headers.Location = $"{context.Request.Path}?hash={served.Hash}";
                    return true;
                }
                await Write(context, served, hashed: context.Request.Query.ContainsKey("hash"));
                return true;
            default:
                return false;
        }
    }

    private static async Task Write(HttpContext context, Served served, bool hashed)
    {
        var response = context.Response;
        response.Headers.ETag = $"\"{served.Hash}\"";
        response.Headers.Vary = "Accept";
        if (hashed)
        {
            response.Headers.CacheControl = "public, immutable";
            response.Headers.Expires = DateTimeOffset.UtcNow.AddYears(1).ToString("R");
        }
        else response.Headers.CacheControl = "no-cache, private";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Trim('"') == served.Hash))
        {
            response.StatusCode = 304;
            return;
        }
        response.StatusCode = 200;
        response.ContentType = served.ContentType;
        var gzip = context.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        var bytes = gzip ? served.Gzipped : served.Json;
        if (gzip) response.Headers.ContentEncoding = "gzip";
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>A document serialized once: its JSON, gzipped JSON and hash (the ETag).</summary>
    private sealed class Served
    {
        public Served(JsonObject document) : this(Encoding.UTF8.GetBytes(document.ToJsonString(HttpIo.Wire)), "application/json")
        {
        }

        public Served(byte[] bytes, string contentType)
        {
            ContentType = contentType;
            Json = bytes;
            Hash = Convert.ToHexString(SHA512.HashData(Json));
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Json);
            Gzipped = buffer.ToArray();
        }

        public string ContentType { get; }
        /// <summary>The document's bytes (JSON, or protobuf for <see cref="V2ProtobufMediaType"/>).</summary>
        public byte[] Json { get; }
        public byte[] Gzipped { get; }
        public string Hash { get; }
        public JsonObject Parse() => JsonNode.Parse(Json)!.AsObject();
    }
}
