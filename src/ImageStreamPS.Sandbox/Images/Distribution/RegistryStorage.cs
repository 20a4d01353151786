using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ImageStreamPS.Sandbox.Images.Distribution;

/// <summary>
/// The integrated registry's content on disk: content-addressed blobs (manifests are blobs too)
/// under <c>blobs/sha256/</c>, and per repository the manifests it holds and its tags:
/// <c>repositories/&lt;name&gt;/_manifests/&lt;hex&gt;</c> (media type) and <c>.../_tags/&lt;tag&gt;</c> (digest).
/// Writes go to a temporary file and are renamed into place, so readers never see half a blob.
/// </summary>
internal sealed partial class RegistryStorage
{
    private readonly string blobs;
    private readonly string repositories;
    private readonly object tagGate = new();

    public RegistryStorage(string root)
    {
        Root = root;
        blobs = Path.Combine(root, "blobs", "sha256");
        repositories = Path.Combine(root, "repositories");
        Uploads = Path.Combine(root, "uploads");
        Directory.CreateDirectory(blobs);
        Directory.CreateDirectory(repositories);
        Directory.CreateDirectory(Uploads);
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

    /// <summary>Stores bytes and returns their digest.</summary>
    public string PutBlob(byte[] content)
    {
        var digest = Digest.Sha256(content);
        var path = BlobPath(digest)!;
        if (!File.Exists(path))
        {
            var temporary = Path.Combine(Uploads, Guid.NewGuid().ToString("n") + ".tmp");
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        return digest;
    }

    /// <summary>Moves a completed upload into the blob store after checking its digest; false when it does not match.</summary>
    public async Task<bool> CommitUploadAsync(string uploadPath, string digest, CancellationToken cancellationToken)
    {
        string actual;
        await using (var stream = File.OpenRead(uploadPath))
            actual = await Digest.Sha256Async(stream, cancellationToken).ConfigureAwait(false);
        if (actual != digest) return false;
        File.Move(uploadPath, BlobPath(digest)!, overwrite: true);
        return true;
    }

    public bool RepositoryExists(string name) => Directory.Exists(RepositoryPath(name, "_manifests"));

    /// <summary>Stores a manifest in a repository, tagging it when <paramref name="tag"/> is given.</summary>
    public void PutManifest(string name, string digest, string mediaType, string? tag)
    {
        var manifests = RepositoryPath(name, "_manifests");
        Directory.CreateDirectory(manifests);
        File.WriteAllText(Path.Combine(manifests, Digest.Sha256Hex(digest)!), mediaType);
        if (tag is null) return;
        var tags = RepositoryPath(name, "_tags");
        Directory.CreateDirectory(tags);
        lock (tagGate)
        {
            var temporary = Path.Combine(Uploads, Guid.NewGuid().ToString("n") + ".tag");
            File.WriteAllText(temporary, digest);
            File.Move(temporary, Path.Combine(tags, tag), overwrite: true);
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
        if (manifest["config"]?["digest"]?.GetValue<string>() is { } config) yield return config;
        foreach (var layer in manifest["layers"] as JsonArray ?? [])
            if (layer?["digest"]?.GetValue<string>() is { } digest) yield return digest;
        foreach (var child in manifest["manifests"] as JsonArray ?? [])
            if (child?["digest"]?.GetValue<string>() is { } digest) yield return digest;
    }

    // Names are validated before they reach here, so each component is a safe directory name.
    private string RepositoryPath(string name, params string[] rest) =>
        Path.Combine([repositories, .. name.Split('/'), .. rest]);

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();
}
