using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>
/// The integrated registry's content on disk: content-addressed blobs (manifests are blobs too)
/// under <c>blobs/sha256/</c>, and per repository the manifests it holds and its tags:
/// <c>repositories/&lt;name&gt;/_manifests/&lt;hex&gt;</c> (media type) and <c>.../_tags/&lt;tag&gt;</c> (digest).
/// Every file is written to a temporary file under <c>uploads/</c> and renamed into place, so readers
/// never see half a file; a write that fails (disk full, read-only folder) removes its temporary file
/// and raises <see cref="StorageFailureException"/>. Temporary files a crash left behind, and upload
/// sessions abandoned for a day, are removed when the storage opens.
/// </summary>
internal sealed partial class RegistryStorage
{
    /// <summary>How long an upload session may stay unfinished before it is purged (distribution purges after a week).</summary>
    public static readonly TimeSpan UploadSessionLifetime = TimeSpan.FromDays(1);

    private const string TemporarySuffix = ".tmp";
    private readonly string blobs;
    private readonly string repositories;
    private readonly object tagGate = new();

    public RegistryStorage(string root)
    {
        Root = root;
        blobs = Path.Combine(root, "blobs", "sha256");
        repositories = Path.Combine(root, "repositories");
        Uploads = Path.Combine(root, "uploads");
        Guard(root, () =>
        {
            Directory.CreateDirectory(blobs);
            Directory.CreateDirectory(repositories);
            Directory.CreateDirectory(Uploads);
        });
        PurgeUploads(DateTime.UtcNow - UploadSessionLifetime);
    }

    public string Root { get; }

    /// <summary>Where upload sessions keep their partial content.</summary>
    public string Uploads { get; }

    /// <summary>A repository name as the distribution spec allows it (lowercase path components).</summary>
    public static bool IsValidName(string name) => name.Length <= 255 && NamePattern().IsMatch(name);

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    public bool HasBlob(string digest) => BlobPath(digest) is { } path && File.Exists(path);

    public long? BlobSize(string digest) => BlobPath(digest) is { } path && File.Exists(path) ? new FileInfo(path).Length : null;

    public string? BlobPath(string digest) => Digest.Sha256Hex(digest) is { } hex ? Path.Combine(blobs, hex) : null;

    /// <summary>A new, empty file name under <see cref="Uploads"/> for content on its way in.</summary>
    public string NewTemporaryPath() => Path.Combine(Uploads, Guid.NewGuid().ToString("n") + TemporarySuffix);

    /// <summary>Stores bytes and returns their digest.</summary>
    public string PutBlob(byte[] content)
    {
        var digest = Digest.Sha256(content);
        var path = BlobPath(digest)!;
        if (!File.Exists(path)) WriteAtomically(path, content);
        return digest;
    }

    /// <summary>Moves a completed upload into the blob store after checking its digest; false when it does not match.</summary>
    public async Task<bool> CommitUploadAsync(string uploadPath, string digest, CancellationToken cancellationToken)
    {
        string actual;
        await using (var stream = File.OpenRead(uploadPath))
            actual = await Digest.Sha256Async(stream, cancellationToken).ConfigureAwait(false);
        if (actual != digest) return false;
        CommitFile(uploadPath, digest);
        return true;
    }

    /// <summary>Moves a file whose sha256 is <paramref name="digest"/> (already verified) into the blob store.</summary>
    public void CommitFile(string path, string digest) =>
        Guard(path, () => File.Move(path, BlobPath(digest)!, overwrite: true));

    /// <summary>Removes a temporary or upload file, if it is there; never throws.</summary>
    public static void Discard(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Runs a file operation, turning a full disk or read-only folder into <see cref="StorageFailureException"/>.</summary>
    public static void Guard(string path, Action operation)
    {
        try { operation(); }
        catch (Exception e) when (StorageFailureException.From(e, path) is { } failure) { throw failure; }
    }

    public bool RepositoryExists(string name) => Directory.Exists(RepositoryPath(name, "_manifests"));

    /// <summary>Stores a manifest in a repository, tagging it when <paramref name="tag"/> is given.</summary>
    public void PutManifest(string name, string digest, string mediaType, string? tag)
    {
        var manifests = RepositoryPath(name, "_manifests");
        Guard(manifests, () => Directory.CreateDirectory(manifests));
        WriteAtomically(Path.Combine(manifests, Digest.Sha256Hex(digest)!), Encoding.UTF8.GetBytes(mediaType));
        if (tag is null) return;
        var tags = RepositoryPath(name, "_tags");
        Guard(tags, () => Directory.CreateDirectory(tags));
        lock (tagGate) WriteAtomically(Path.Combine(tags, tag), Encoding.UTF8.GetBytes(digest));
    }

    /// <summary>The digest a tag points at, or null.</summary>
    public string? TagTarget(string name, string tag)
    {
        var path = RepositoryPath(name, "_tags", tag);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Points <paramref name="tag"/> back at <paramref name="digest"/>, or removes it when null (undoing a push).</summary>
    public void RestoreTag(string name, string tag, string? digest)
    {
        lock (tagGate)
        {
            if (digest is not null) WriteAtomically(RepositoryPath(name, "_tags", tag), Encoding.UTF8.GetBytes(digest));
            else Discard(RepositoryPath(name, "_tags", tag));
        }
    }

    /// <summary>Resolves a tag or digest in a repository to (digest, media type), or null.</summary>
    public (string Digest, string MediaType)? FindManifest(string name, string reference)
    {
        string digest;
        if (Digest.IsValid(reference)) digest = reference;
        else
        {
            var tagPath = RepositoryPath(name, "_tags", reference);
            if (!File.Exists(tagPath)) return null;
            digest = File.ReadAllText(tagPath).Trim();
        }
        if (Digest.Sha256Hex(digest) is not { } hex) return null;
        var link = RepositoryPath(name, "_manifests", hex);
        if (!File.Exists(link) || !HasBlob(digest)) return null;
        return (digest, File.ReadAllText(link).Trim());
    }

    public bool DeleteManifest(string name, string digest)
    {
        if (Digest.Sha256Hex(digest) is not { } hex) return false;
        var link = RepositoryPath(name, "_manifests", hex);
        if (!File.Exists(link)) return false;
        File.Delete(link);
        lock (tagGate)
        {
            foreach (var tag in Tags(name))
                if (File.ReadAllText(RepositoryPath(name, "_tags", tag)).Trim() == digest) File.Delete(RepositoryPath(name, "_tags", tag));
        }
        return true;
    }

    public IReadOnlyList<string> Tags(string name)
    {
        var tags = RepositoryPath(name, "_tags");
        return Directory.Exists(tags)
            ? Directory.GetFiles(tags).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Every repository holding at least one manifest, sorted.</summary>
    public IReadOnlyList<string> Catalog()
    {
        var names = new List<string>();
        foreach (var manifests in Directory.EnumerateDirectories(repositories, "_manifests", SearchOption.AllDirectories))
        {
            var repository = Path.GetRelativePath(repositories, Path.GetDirectoryName(manifests)!).Replace(Path.DirectorySeparatorChar, '/');
            names.Add(repository);
        }
        return names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The blobs an image manifest or index names (config, layers, child manifests).</summary>
    public static IEnumerable<string> References(JsonObject manifest)
    {
        if (DigestOf(manifest["config"]) is { } config) yield return config;
        foreach (var layer in manifest["layers"] as JsonArray ?? [])
            if (DigestOf(layer) is { } digest) yield return digest;
        foreach (var child in manifest["manifests"] as JsonArray ?? [])
            if (DigestOf(child) is { } digest) yield return digest;
    }

    private static string? DigestOf(JsonNode? descriptor) =>
        (descriptor as JsonObject)?["digest"] is JsonValue value && value.TryGetValue<string>(out var digest) ? digest : null;

    /// <summary>Writes a file through a temporary file and a rename; on failure nothing is left behind.</summary>
    private void WriteAtomically(string path, byte[] content)
    {
        var temporary = NewTemporaryPath();
        try
        {
            Guard(path, () =>
            {
                File.WriteAllBytes(temporary, content);
                File.Move(temporary, path, overwrite: true);
            });
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    /// <summary>
    /// Removes temporary files (a crash or a full disk left them: no process writes them while the
    /// data folder is locked to this one) and upload sessions last written before <paramref name="staleBefore"/>.
    /// </summary>
    private void PurgeUploads(DateTime staleBefore)
    {
        try
        {
            foreach (var file in new DirectoryInfo(Uploads).EnumerateFiles())
                if (file.Name.EndsWith(TemporarySuffix, StringComparison.Ordinal) || file.Name.EndsWith(".tag", StringComparison.Ordinal) ||
                    file.LastWriteTimeUtc < staleBefore)
                    Discard(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    // Names are validated before they reach here, so each component is a safe directory name.
    private string RepositoryPath(string name, params string[] rest) =>
        Path.Combine([repositories, .. name.Split('/'), .. rest]);

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();
}
