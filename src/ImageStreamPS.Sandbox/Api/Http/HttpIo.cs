using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.ImageStreams;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>Reading request bodies (with the size limit) and writing JSON/Status responses.</summary>
public static class HttpIo
{
    /// <summary>Request bodies above this answer 413 (the apiserver's limit is 3 MiB too).</summary>
    public const long MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>Compact JSON with Go-like escaping (quotes as \", no \u0022), as every response and watch event is written.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJson(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Wire));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static Task WriteStatus(HttpContext context, StatusException error) => WriteJson(context, error.Code, error.Status);

    public static JsonObject Success(string? name = null, string? group = null, string? kind = null, string? uid = null)
    {
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
        if (name is not null)
        {
            var details = new JsonObject { ["name"] = name };
            if (!string.IsNullOrEmpty(group)) details["group"] = group;
            details["kind"] = kind;
            if (uid is not null) details["uid"] = uid;
            status["details"] = details;
        }
        return status;
    }

    /// <summary>The body as text; 413 above <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<string> ReadBody(HttpContext context) => Encoding.UTF8.GetString(await ReadBodyBytes(context));

    /// <summary>The raw body; 413 above <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]> ReadBodyBytes(HttpContext context)
    {
        var length = context.Request.ContentLength;
        if (length > MaxBodyBytes) throw ApiErrors.RequestEntityTooLarge(MaxBodyBytes);
        // Sized by Content-Length when given, read through a pooled chunk: a fresh 80 KB buffer per
        // request was most of what a small write allocated (#18).
        using var buffer = new MemoryStream(length is > 0 ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes) throw ApiErrors.RequestEntityTooLarge(MaxBodyBytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>The media type without parameters, lower case ("application/json").</summary>
    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>
    /// Parses a JSON (or YAML when <paramref name="yaml"/>) body; 400 when malformed. With <paramref name="fields"/>,
    /// duplicate JSON keys are reported to it and the last value of each wins, as Go's decoder reads them.
    /// </summary>
    public static JsonNode ParseBody(string text, bool yaml, Schemas.FieldValidation? fields = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw ApiErrors.BadRequest("the request body is empty");
        if (yaml)
        {
            try { return YamlReader.ReadFirst(text) ?? throw ApiErrors.BadRequest("the request body is empty"); }
            catch (YamlException e) { throw ApiErrors.BadRequest("error converting YAML to JSON: " + e.Message); }
        }
        try
        {
            if (fields is not null && Schemas.DuplicateFields.Find(text) is { Count: > 0 } duplicates)
            {
                fields.Duplicates(duplicates);
                return Schemas.DuplicateFields.ParseLastWins(text) ?? throw ApiErrors.BadRequest("the request body is null");
            }
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = YamlReader.MaxDepth })
                ?? throw ApiErrors.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("the body of the request was not valid JSON: " + e.Message);
        }
    }

    /// <summary>An object body for POST/PUT: JSON, YAML, or protobuf for the kinds <see cref="ProtobufBody"/> knows; others 415.</summary>
    public static async Task<JsonObject> ReadObject(HttpContext context, Resources.ResourceType type, Schemas.FieldValidation? fields = null)
    {
        var media = MediaType(context.Request.ContentType);
        if (media == ProtobufBody.MediaType) return ProtobufBody.Decode(await ReadBodyBytes(context), type);
        var yaml = media is "application/yaml" or "application/x-yaml" or "text/yaml";
        if (!(yaml || media is "" or "application/json" or "*/*"))
            throw ApiErrors.UnsupportedMediaType(media, ["application/json", "application/yaml"]);
        var body = ParseBody(await ReadBody(context), yaml, fields);
        return body as JsonObject ?? throw ApiErrors.BadRequest("the request body must be a JSON object");
    }

    /// <summary>True when the client asked for a meta.k8s.io Table (kubectl's human-readable output).</summary>
    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    /// <summary>False only when the Accept header admits neither JSON nor anything (protobuf-only clients).</summary>
    public static bool AcceptsJson(HttpRequest request)
    {
        var accept = string.Join(",", request.Headers.Accept.ToArray());
        if (string.IsNullOrWhiteSpace(accept)) return true;
        return accept.Split(',').Select(MediaType).Any(m => m is "application/json" or "*/*" or "application/*" or "application/yaml" || m.EndsWith("+json"));
    }

    /// <summary>Adds <c>Warning: 299 - "text"</c> headers, as k8s.io/apiserver's warning recorder writes them.</summary>
    public static void AddWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings.Distinct())
            context.Response.Headers.Append("Warning", "299 - \"" + warning.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
    }

    public static bool Flag(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
