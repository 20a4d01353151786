using System.Net;
using System.Text.Json.Nodes;

namespace ImageStreamPS.OpenShift.Promotion;

/// <summary>How far a mirror is: the blob being copied and the bytes copied of all blobs to copy.</summary>
/// <param name="Blob">The digest of the blob being copied.</param>
/// <param name="Index">Its number (1-based) among <paramref name="Count"/> blobs the destination lacks.</param>
/// <param name="Count">The blobs the destination lacks.</param>
/// <param name="Copied">Bytes copied so far, all blobs together.</param>
/// <param name="Total">Bytes to copy, all blobs together.</param>
public sealed record MirrorProgress(string Blob, int Index, int Count, long Copied, long Total);

/// <summary>What a mirror copied.</summary>
/// <param name="Blobs">The blobs the image is made of (config and layers of every manifest).</param>
/// <param name="Copied">The blobs copied (the others were in the destination already).</param>
/// <param name="Bytes">The bytes copied.</param>
/// <param name="Digest">The digest the destination stored the top manifest under.</param>
public sealed record MirrorResult(int Blobs, int Copied, long Bytes, string Digest);

/// <summary>
/// Copies one image by digest from a repository to another through this machine, as <c>oc image mirror</c>
/// does: the manifest (and, for a manifest list, every manifest in it, by digest), then every blob the
/// destination lacks (<c>HEAD</c> first), then the top manifest under the destination tag, unchanged, so its
/// digest stays the source's.
/// </summary>
public static class ImageMirror
{
    /// <summary>Copies manifest <paramref name="digest"/> of <paramref name="source"/> to <paramref name="destination"/> as <paramref name="tag"/>.</summary>
    /// <exception cref="ImagePromotionException">A registry refused or failed a step, or stored another digest.</exception>
    public static async Task<MirrorResult> CopyAsync(
        DistributionClient source, DistributionClient destination, string digest, string tag, IProgress<MirrorProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var top = await source.GetManifestAsync(digest, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(top.Digest, digest, StringComparison.Ordinal))
            throw new ImagePromotionException(PromotionError.DigestMismatch,
                $"{source.Registry.Authority}/{source.Repository} served manifest {top.Digest} for {digest}; nothing was copied");

        var children = new List<(byte[] Body, string MediaType, string Digest)>();
        var blobs = new List<(string Digest, long Size)>();
        var document = JsonNode.Parse(top.Body);
        if (document?["manifests"] is JsonArray list)
        {
            foreach (var entry in list)
            {
                var child = await source.GetManifestAsync(entry?["digest"]?.GetValue<string>() ?? "", cancellationToken).ConfigureAwait(false);
                children.Add(child);
                blobs.AddRange(BlobsOf(JsonNode.Parse(child.Body)));
            }
        }
        else
        {
            blobs.AddRange(BlobsOf(document));
        }

        var all = blobs.DistinctBy(b => b.Digest).ToList();
        var missing = new List<(string Digest, long Size)>();
        foreach (var blob in all)
            if (!await destination.HasBlobAsync(blob.Digest, cancellationToken).ConfigureAwait(false)) missing.Add(blob);

        var total = missing.Sum(b => b.Size);
        long copied = 0;
        for (var i = 0; i < missing.Count; i++)
        {
            var (blob, size) = missing[i];
            var index = i + 1;
            var before = copied;
            progress?.Report(new MirrorProgress(blob, index, missing.Count, copied, total));
            using var response = await source.GetBlobAsync(blob, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var content = new ProgressContent(stream, response.Content.Headers.ContentLength ?? size,
                done => progress?.Report(new MirrorProgress(blob, index, missing.Count, before + done, total)));
            await destination.PutBlobAsync(blob, content, cancellationToken).ConfigureAwait(false);
            copied = before + content.Copied;
        }

        foreach (var child in children)
            await destination.PutManifestAsync(child.Digest, child.Body, child.MediaType, cancellationToken).ConfigureAwait(false);
        var stored = await destination.PutManifestAsync(tag, top.Body, top.MediaType, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(stored, digest, StringComparison.Ordinal))
            throw new ImagePromotionException(PromotionError.DigestMismatch,
                $"{destination.Registry.Authority}/{destination.Repository} stored the manifest as {stored}, not {digest}");
        return new MirrorResult(all.Count, missing.Count, copied, stored);
    }

    // The config and layers of an image manifest (schema 2 or OCI).
    private static IEnumerable<(string Digest, long Size)> BlobsOf(JsonNode? manifest)
    {
        if (manifest?["config"] is { } config) yield return Blob(config);
        if (manifest?["layers"] is JsonArray layers)
            foreach (var layer in layers)
                if (layer is not null) yield return Blob(layer);
    }

    private static (string Digest, long Size) Blob(JsonNode node)
    {
        var digest = node["digest"]?.GetValue<string>();
        if (string.IsNullOrEmpty(digest)) throw new ImagePromotionException(PromotionError.ImportFailed, "a manifest names a blob without a digest");
        return (digest, node["size"]?.GetValue<long>() ?? 0);
    }

    // A blob's bytes on their way up, counted as they go.
    private sealed class ProgressContent : HttpContent
    {
        private const int ReportEvery = 256 * 1024;
        private readonly Stream source;
        private readonly long length;
        private readonly Action<long> report;

        public ProgressContent(Stream source, long length, Action<long> report)
        {
            this.source = source;
            this.length = length;
            this.report = report;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        }

        public long Copied { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            long reported = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                Copied += read;
                if (Copied - reported >= ReportEvery)
                {
                    reported = Copied;
                    report(Copied);
                }
            }
            report(Copied);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }
    }
}
