using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// Writes a list response as it is read from the store: the list's envelope, then each item in turn,
/// flushed in chunks, so a list of thousands of objects never exists as one tree or one string
/// (kube-apiserver streams large lists too). Same bytes as <see cref="ObjectList.ToJson"/> written with
/// <see cref="HttpIo.Wire"/>; no Content-Length (chunked).
/// </summary>
public static class ListWriter
{
    private const int FlushBytes = 64 * 1024;

    public static async Task WriteAsync(HttpContext context, ObjectList list)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var cancellation = context.RequestAborted;
        await using var writer = new Utf8JsonWriter(context.Response.Body,
            new JsonWriterOptions { Encoder = HttpIo.Wire.Encoder, MaxDepth = 1024, SkipValidation = true });
        var envelope = list.ToJson(withItems: false);
        writer.WriteStartObject();
        foreach (var (name, value) in envelope)
        {
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else value.WriteTo(writer);
        }
        writer.WriteStartArray("items");
        foreach (var item in list.Copies())
        {
            item.WriteTo(writer);
            if (writer.BytesPending >= FlushBytes) await writer.FlushAsync(cancellation);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellation);
    }
}
