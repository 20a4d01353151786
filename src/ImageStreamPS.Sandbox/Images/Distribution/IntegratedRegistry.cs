using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>
/// The sandbox's integrated registry: the OCI distribution API (Docker Registry HTTP API v2) under
/// <c>/v2/</c>: ping, catalog, tags, manifests by tag or digest, blobs, and chunked or monolithic
/// upload sessions, on the plain-HTTP loopback endpoint. Every request but the anonymous ping needs
/// the cluster's token (<see cref="RegistryAccessController"/>); <c>/openshift/token</c> is the token
/// endpoint its challenge names.
/// </summary>
internal sealed class IntegratedRegistry(RegistryStorage storage, RegistryAccessController access)
{
    private const string ApiVersionHeader = "Docker-Distribution-API-Version";
    private readonly RegistryTokenEndpoint tokens = new(access);

    public RegistryStorage Storage { get; } = storage;

    /// <summary>Raised after a manifest was stored; subscribers fold pushes into image streams.</summary>
    public event Func<ManifestPushed, CancellationToken, Task>? ManifestPushed;

    /// <summary>Handles one request whose path starts with <c>/v2</c> or is the token endpoint.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        var path = context.Request.Path.Value ?? "/";
        if (path == RegistryAccessController.TokenPath)
        {
            await tokens.HandleAsync(context);
            return;
        }
        response.Headers[ApiVersionHeader] = "registry/2.0";
        var method = context.Request.Method;
        try
        {
            var caller = access.Identify(context.Request);
            if (path is "/v2" or "/v2/")
            {
                if (caller is not (RegistryCaller.User or RegistryCaller.Anonymous)) { await access.ChallengeAsync(context, caller, []); return; }
                if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) { await Error(context, 405, "UNSUPPORTED", "method not allowed"); return; }
                await Json(context, 200, new JsonObject());
                return;
            }
            if (caller != RegistryCaller.User)
            {
                await access.ChallengeAsync(context, caller, [AccessRecord(path, method)]);
                return;
            }
            if (!path.StartsWith("/v2/", StringComparison.Ordinal)) { await Error(context, 404, "NAME_UNKNOWN", "not a registry path"); return; }
            var rest = path[4..];
            if (rest is "_catalog") { await CatalogAsync(context); return; }

            if (Split(rest, "/tags/list", out var name, out _) && rest.EndsWith("/tags/list", StringComparison.Ordinal))
            {
                if (!await CheckName(context, name)) return;
                await TagsAsync(context, name);
                return;
            }
            if (Split(rest, "/manifests/", out name, out var reference))
            {
                if (!await CheckName(context, name)) return;
                await ManifestAsync(context, name, reference);
                return;
            }
            if (Split(rest, "/blobs/uploads", out name, out var session))
            {
                if (!await CheckName(context, name)) return;
                await UploadAsync(context, name, session.TrimStart('/'));
                return;
            }
            if (Split(rest, "/blobs/", out name, out var digest))
            {
                if (!await CheckName(context, name)) return;
                await BlobAsync(context, name, digest);
                return;
            }
            await Error(context, 404, "NAME_UNKNOWN", "repository name not known to registry");
        }
        catch (BadHttpRequestException e)
        {
            if (!response.HasStarted) await Error(context, 400, "UNKNOWN", e.Message);
        }
        catch (Exception e) when (StorageFailureException.From(e, Storage.Root) is { } failure)
        {
            // Distribution answers a storage driver failure with 500 UNKNOWN; the message says which.
            Console.Error.WriteLine($"sandbox: registry {method} {path}: {failure.WriteRefusedMessage}");
            if (!response.HasStarted) await Error(context, 500, "UNKNOWN", failure.WriteRefusedMessage);
        }
    }

    /// <summary>Manifests above this answer 413 (distribution's <c>maxManifestBodySize</c>; the OCI spec asks registries to take at least 4 MiB).</summary>
    public const long MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>The access a request asks for, as distribution's dispatcher lists it (the 401's detail).</summary>
    private static JsonObject AccessRecord(string path, string method)
    {
        if (path == "/v2/_catalog") return RegistryAccessController.Access("registry", "catalog", "*");
        var rest = path.StartsWith("/v2/", StringComparison.Ordinal) ? path[4..] : path;
        var name = rest;
        foreach (var marker in (string[])["/tags/list", "/manifests/", "/blobs/uploads", "/blobs/"])
            if (Split(rest, marker, out var found, out _)) { name = found; break; }
        var action = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "pull" : HttpMethods.IsDelete(method) ? "delete" : "push";
        return RegistryAccessController.Access("repository", name, action);
    }

    private async Task CatalogAsync(HttpContext context)
    {
        var all = Storage.Catalog();
        var query = context.Request.Query;
        IEnumerable<string> page = all;
        if (query["last"].FirstOrDefault() is { Length: > 0 } last) page = page.Where(r => string.CompareOrdinal(r, last) > 0);
        if (int.TryParse(query["n"].FirstOrDefault(), out var n) && n >= 0)
        {
            var list = page.Take(n + 1).ToList();
            if (list.Count > n)
            {
                list.RemoveAt(n);
                if (n > 0) context.Response.Headers.Link = $"</v2/_catalog?last={Uri.EscapeDataString(list[^1])}&n={n}>; rel=\"next\"";
            }
            page = list;
        }
        await Json(context, 200, new JsonObject { ["repositories"] = new JsonArray(page.Select(r => (JsonNode)r!).ToArray()) });
    }

    private async Task TagsAsync(HttpContext context, string name)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) { await Error(context, 405, "UNSUPPORTED", "method not allowed"); return; }
        if (!Storage.RepositoryExists(name)) { await Error(context, 404, "NAME_UNKNOWN", "repository name not known to registry", new JsonObject { ["name"] = name }); return; }
        var tags = Storage.Tags(name);
        await Json(context, 200, new JsonObject { ["name"] = name, ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t!).ToArray()) });
    }

    private async Task ManifestAsync(HttpContext context, string name, string reference)
    {
        var method = context.Request.Method;
        if (!Digest.IsValid(reference) && !RegistryStorage.IsValidTag(reference))
        {
            await Error(context, 400, Digest.Sha256Hex(reference) is null && reference.Contains(':') ? "DIGEST_INVALID" : "TAG_INVALID", "manifest reference is not a valid tag or digest");
            return;
        }
        if (HttpMethods.IsPut(method)) { await PutManifestAsync(context, name, reference); return; }
        var found = Storage.FindManifest(name, reference);
        if (HttpMethods.IsDelete(method))
        {
            if (!Digest.IsValid(reference)) { await Error(context, 400, "UNSUPPORTED", "manifests are deleted by digest"); return; }
            if (!Storage.DeleteManifest(name, reference)) { await Error(context, 404, "MANIFEST_UNKNOWN", "manifest unknown"); return; }
            context.Response.StatusCode = 202;
            return;
        }
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) { await Error(context, 405, "UNSUPPORTED", "method not allowed"); return; }
        if (found is not { } manifest)
        {
            await Error(context, 404, "MANIFEST_UNKNOWN", "manifest unknown", new JsonObject { ["Tag"] = reference });
            return;
        }
        var path = Storage.BlobPath(manifest.Digest)!;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = manifest.MediaType;
        response.Headers["Docker-Content-Digest"] = manifest.Digest;
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        response.ContentLength = new FileInfo(path).Length;
        if (HttpMethods.IsGet(method)) await response.SendFileAsync(path, context.RequestAborted);
    }

    private async Task PutManifestAsync(HttpContext context, string name, string reference)
    {
        var request = context.Request;
        if (request.ContentLength > MaxManifestBytes) { await ManifestTooLarge(context); return; }
        var temporary = Storage.NewTemporaryPath();
        try
        {
            // Streamed to disk while hashing, so a large body never sits in memory whole.
            var digest = await ReceiveAsync(request.Body, temporary, MaxManifestBytes, context.RequestAborted);
            if (digest is null) { await ManifestTooLarge(context); return; }
            if (Digest.IsValid(reference) && reference != digest)
            {
                await Error(context, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
                return;
            }
            var content = await File.ReadAllBytesAsync(temporary, context.RequestAborted);
            var mediaType = RegistryManifest.DetectMediaType(request.ContentType?.Split(';')[0].Trim(), content);
            JsonObject? manifest;
            try { manifest = JsonNode.Parse(content) as JsonObject; }
            catch (JsonException) { manifest = null; }
            var problem = manifest is null ? "the manifest is not a JSON object" : ManifestValidation.Problem(manifest, mediaType);
            if (problem is not null)
            {
                await Error(context, 400, "MANIFEST_INVALID", "manifest invalid", problem);
                return;
            }
            foreach (var referenced in RegistryStorage.References(manifest!))
            {
                if (Storage.HasBlob(referenced)) continue;
                await Error(context, 400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", new JsonObject { ["digest"] = referenced });
                return;
            }
            if (ImageConfigProblem(manifest!, mediaType, digest, content) is { } configProblem)
            {
                await Error(context, 400, "MANIFEST_INVALID", "manifest invalid", configProblem);
                return;
            }
            var tag = Digest.IsValid(reference) ? null : reference;
            var previous = tag is null ? null : Storage.TagTarget(name, tag);
            if (!Storage.HasBlob(digest)) Storage.CommitFile(temporary, digest);
            Storage.PutManifest(name, digest, mediaType, tag);
            try
            {
                if (ManifestPushed is { } pushed)
                {
                    foreach (var handler in pushed.GetInvocationList().Cast<Func<ManifestPushed, CancellationToken, Task>>())
                        await handler(new ManifestPushed(name, tag, digest, mediaType, content), context.RequestAborted);
                }
            }
            catch (Exception e) when (StorageFailureException.Classify(e) is not null)
            {
                // The image stream could not record the push: the tag keeps pointing where it did.
                if (tag is not null) Storage.RestoreTag(name, tag, previous);
                throw;
            }
            var response = context.Response;
            response.StatusCode = 201;
            response.Headers.Location = $"/v2/{name}/manifests/{digest}";
            response.Headers["Docker-Content-Digest"] = digest;
        }
        finally
        {
            RegistryStorage.Discard(temporary);
        }
    }

    /// <summary>Largest image config blob a pushed manifest may name; the Image built from it is read whole.</summary>
    public const long MaxImageConfigBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Why an image manifest's config blob cannot become an Image (OpenShift's registry reads it into
    /// the Image's dockerImageMetadata on push), or null. Lists and other media types have no config.
    /// </summary>
    private string? ImageConfigProblem(JsonObject manifest, string mediaType, string digest, byte[] content)
    {
        if (!ManifestMediaTypes.IsImage(mediaType)) return null;
        var configDigest = RegistryStorage.References(manifest).First();
        if (Storage.BlobSize(configDigest) is not { } size || size > MaxImageConfigBytes)
            return $"the image config {configDigest} is larger than {MaxImageConfigBytes} bytes";
        try
        {
            ImageDocument.FromManifest(new RegistryManifest(content, mediaType, digest), manifest, File.ReadAllBytes(Storage.BlobPath(configDigest)!), "");
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or RegistryException)
        {
            return $"the image config {configDigest} is not a valid image configuration: {e.Message}";
        }
    }

    private static Task ManifestTooLarge(HttpContext context) =>
        Error(context, 413, "MANIFEST_INVALID", "manifest invalid", $"manifest too big: the limit is {MaxManifestBytes} bytes");

    /// <summary>Copies a request body to a new file while hashing it; null (and the file removed by the caller) past <paramref name="limit"/>.</summary>
    private static async Task<string?> ReceiveAsync(Stream body, string path, long limit, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit) return null;
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await file.FlushAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private async Task BlobAsync(HttpContext context, string name, string digest)
    {
        var method = context.Request.Method;
        if (!Digest.IsValid(digest)) { await Error(context, 400, "DIGEST_INVALID", "provided digest is not valid"); return; }
        if (HttpMethods.IsDelete(method))
        {
            // Blobs are shared between repositories here; deleting one would break the others.
            await Error(context, 405, "UNSUPPORTED", "blob deletion is not supported");
            return;
        }
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) { await Error(context, 405, "UNSUPPORTED", "method not allowed"); return; }
        var path = Storage.BlobPath(digest);
        if (path is null || !File.Exists(path)) { await Error(context, 404, "BLOB_UNKNOWN", "blob unknown to registry", new JsonObject { ["digest"] = digest }); return; }
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.Headers["Docker-Content-Digest"] = digest;
        response.Headers.ETag = $"\"{digest}\"";
        response.Headers.AcceptRanges = "bytes";
        response.ContentLength = new FileInfo(path).Length;
        if (HttpMethods.IsGet(method)) await response.SendFileAsync(path, context.RequestAborted);
    }

    private async Task UploadAsync(HttpContext context, string name, string session)
    {
        var request = context.Request;
        var method = request.Method;
        if (session.Length == 0)
        {
            if (!HttpMethods.IsPost(method)) { await Error(context, 405, "UNSUPPORTED", "method not allowed"); return; }
            if (request.Query["mount"].FirstOrDefault() is { } mount && Storage.HasBlob(mount))
            {
                BlobCreated(context, name, mount);
                return;
            }
            var id = Guid.NewGuid().ToString("n");
            var uploadPath = Path.Combine(Storage.Uploads, id);
            try
            {
                await using var file = File.Create(uploadPath);
                await request.Body.CopyToAsync(file, context.RequestAborted);
            }
            catch
            {
                // A full disk or a client that went away: no session, and no file left behind.
                RegistryStorage.Discard(uploadPath);
                throw;
            }
            if (request.Query["digest"].FirstOrDefault() is { } monolithic)
            {
                await FinishAsync(context, name, uploadPath, monolithic);
                return;
            }
            Accepted(context, name, id, new FileInfo(uploadPath).Length);
            return;
        }

        if (session.Contains('/') || !Guid.TryParseExact(session, "n", out _)) { await Error(context, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry"); return; }
        var upload = Path.Combine(Storage.Uploads, session);
        if (!File.Exists(upload)) { await Error(context, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry"); return; }

        if (HttpMethods.IsGet(method))
        {
            Accepted(context, name, session, new FileInfo(upload).Length);
            context.Response.StatusCode = 204;
            return;
        }
        if (HttpMethods.IsDelete(method))
        {
            File.Delete(upload);
            context.Response.StatusCode = 204;
            return;
        }
        if (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method))
        {
            var length = new FileInfo(upload).Length;
            if (HttpMethods.IsPatch(method) && ContentRangeStart(request) is { } start && start != length)
            {
                context.Response.Headers.Range = length == 0 ? "0-0" : $"0-{length - 1}";
                await Error(context, 416, "BLOB_UPLOAD_INVALID", "content range does not continue the upload");
                return;
            }
            try
            {
                await using var file = new FileStream(upload, FileMode.Append, FileAccess.Write);
                try { await request.Body.CopyToAsync(file, context.RequestAborted); }
                catch (Exception e) when (StorageFailureException.Classify(e) is null)
                {
                    // The client went away: the session keeps what it had before this chunk, so it can resend it.
                    file.SetLength(length);
                    throw;
                }
            }
            catch (Exception e) when (StorageFailureException.Classify(e) is not null)
            {
                // Disk full or read-only: clients start such a push over, so the session goes with its file.
                RegistryStorage.Discard(upload);
                throw;
            }
            if (HttpMethods.IsPatch(method))
            {
                Accepted(context, name, session, new FileInfo(upload).Length);
                return;
            }
            if (request.Query["digest"].FirstOrDefault() is not { } digest)
            {
                await Error(context, 400, "DIGEST_INVALID", "the digest parameter is required to complete an upload");
                return;
            }
            await FinishAsync(context, name, upload, digest);
            return;
        }
        await Error(context, 405, "UNSUPPORTED", "method not allowed");
    }

    private async Task FinishAsync(HttpContext context, string name, string uploadPath, string digest)
    {
        try
        {
            if (!Digest.IsValid(digest) || Digest.Sha256Hex(digest) is null || !await Storage.CommitUploadAsync(uploadPath, digest, context.RequestAborted))
            {
                await Error(context, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
                return;
            }
        }
        finally
        {
            RegistryStorage.Discard(uploadPath);
        }
        BlobCreated(context, name, digest);
    }

    private static void BlobCreated(HttpContext context, string name, string digest)
    {
        var response = context.Response;
        response.StatusCode = 201;
        response.Headers.Location = $"/v2/{name}/blobs/{digest}";
        response.Headers["Docker-Content-Digest"] = digest;
        response.ContentLength = 0;
    }

    private static void Accepted(HttpContext context, string name, string id, long length)
    {
        var response = context.Response;
        response.StatusCode = 202;
        response.Headers.Location = $"/v2/{name}/blobs/uploads/{id}";
        response.Headers["Docker-Upload-UUID"] = id;
        response.Headers.Range = length == 0 ? "0-0" : $"0-{length - 1}";
        response.ContentLength = 0;
    }

    private static long? ContentRangeStart(HttpRequest request)
    {
        var header = request.Headers.ContentRange.FirstOrDefault();
        if (string.IsNullOrEmpty(header)) return null;
        var value = header.StartsWith("bytes ", StringComparison.Ordinal) ? header[6..] : header;
        var dash = value.IndexOf('-');
        return dash > 0 && long.TryParse(value[..dash], out var start) ? start : null;
    }

    private static bool Split(string rest, string marker, out string name, out string tail)
    {
        var at = rest.LastIndexOf(marker, StringComparison.Ordinal);
        if (at <= 0) { name = tail = ""; return false; }
        name = rest[..at];
        tail = rest[(at + marker.Length)..];
        return true;
    }

    private static async Task<bool> CheckName(HttpContext context, string name)
    {
        if (RegistryStorage.IsValidName(name)) return true;
        await Error(context, 400, "NAME_INVALID", "invalid repository name", new JsonObject { ["name"] = name });
        return false;
    }

    private static Task Json(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task Error(HttpContext context, int status, string code, string message, string detail) =>
        Error(context, status, code, message, JsonValue.Create(detail));

    private static Task Error(HttpContext context, int status, string code, string message, JsonNode? detail = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (detail is not null) error["detail"] = detail;
        return Json(context, status, new JsonObject { ["errors"] = new JsonArray(error) });
    }
}
