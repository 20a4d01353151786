using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Imports images from registries the way openshift-apiserver's importer does: GET the manifest
/// (never HEAD) with the full Accept list, name the image by the sha256 of the bytes, read the
/// config blob into <c>dockerImageMetadata</c>, and for manifest lists either pick one platform
/// (<c>Legacy</c>) or keep the list and import every child (<c>PreserveOriginal</c>).
/// Failures come back as <see cref="ImportFailure"/> with OpenShift's reasons and messages.
/// </summary>
/// <param name="credentials">Credentials the importer holds itself, by registry host (the integrated registry's), used when the namespace's secrets have none.</param>
internal sealed class ImageImporter(RegistryClient client, RegistryMirrors mirrors, TimeProvider? clock = null,
    Func<string, RegistryCredential?>? credentials = null)
{
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>Imports one image by tag or digest.</summary>
    public async Task<ImportedImage> ImportAsync(RemoteImageReference reference, ImportOptions options, CancellationToken cancellationToken)
    {
        var repository = await OpenAsync(reference, options, cancellationToken).ConfigureAwait(false);
        try
        {
            var manifest = await repository.GetManifestAsync(reference.ManifestReference, cancellationToken).ConfigureAwait(false);
            var json = Parse(manifest);
            if (ManifestMediaTypes.IsList(manifest.MediaType))
            {
                if (!IsPreserveOriginal(options.ImportMode))
                {
                    var child = PickPlatform(json, options.PreferArch, options.PreferOs);
                    var childManifest = await repository.GetManifestAsync(child, cancellationToken).ConfigureAwait(false);
                    var image = await ToImageAsync(repository, childManifest, Parse(childManifest), reference, cancellationToken).ConfigureAwait(false);
                    return new ImportedImage(image, []);
                }
                var listImage = ImageDocument.FromManifestList(manifest, json, reference.WithDigest(manifest.Digest), time.GetUtcNow());
                var children = new List<OpenShift.Api.Image>();
                foreach (var entry in listImage.DockerImageManifests ?? [])
                {
                    var digest = entry.Digest;
                    var childManifest = await repository.GetManifestAsync(digest, cancellationToken).ConfigureAwait(false);
                    children.Add(await ToImageAsync(repository, childManifest, Parse(childManifest), reference, cancellationToken).ConfigureAwait(false));
                }
                return new ImportedImage(listImage, children);
            }
            var single = await ToImageAsync(repository, manifest, json, reference, cancellationToken).ConfigureAwait(false);
            return new ImportedImage(single, []);
        }
        catch (RegistryException e)
        {
            throw RepositoryFailure(reference, e);
        }
    }

    /// <summary>The repository's tags (for <c>spec.repository</c> imports); an empty name counts as <c>latest</c>.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(RemoteImageReference reference, ImportOptions options, CancellationToken cancellationToken)
    {
        var repository = await OpenAsync(reference, options, cancellationToken).ConfigureAwait(false);
        try
        {
            var tags = await repository.ListTagsAsync(cancellationToken).ConfigureAwait(false);
            return tags.Select(t => t.Length == 0 ? "latest" : t).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (RegistryException e) when (e.IsNotFound)
        {
            throw ImportFailure.NotFound(reference.WrittenRepository);
        }
        catch (RegistryException e) when (e.IsUnauthorized)
        {
            throw ImportFailure.Unauthorized($"you may not have access to the container image \"{reference.WrittenRepository}\"");
        }
        catch (RegistryException e)
        {
            throw ImportFailure.Internal($"{reference.NormalizedRepository}: {e.Message}");
        }
    }

    private async Task<RegistryRepository> OpenAsync(RemoteImageReference reference, ImportOptions options, CancellationToken cancellationToken)
    {
        var mirror = mirrors.Find(reference.Registry);
        var host = mirror ?? (reference.IsDockerHub ? "registry-1.docker.io" : reference.Registry);
        // A mirror is a registry of its own: its credentials first, then the source's, then the importer's own.
        var credential = (mirror is null ? null : options.Credentials?.Invoke(mirror))
            ?? options.Credentials?.Invoke(reference.Registry)
            ?? credentials?.Invoke(host);
        try
        {
            return await client.OpenAsync(host, reference.Path, options.Insecure || mirror is not null, credential, push: false, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RegistryHttpOnlyException)
        {
            throw ImportFailure.BadRequest($"the repository {reference.NormalizedRepository} is HTTP only and requires the insecure flag to import");
        }
        catch (RegistryException e) when (e.IsUnauthorized)
        {
            throw ImportFailure.Unauthorized($"you may not have access to the container image \"{Exact(reference)}\"");
        }
        catch (RegistryException e)
        {
            throw ImportFailure.Internal($"{Exact(reference)}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw ImportFailure.Internal($"{Exact(reference)}: {e.Message}");
        }
        catch (UriFormatException)
        {
            // A reference the grammar allows but no network can reach (docker.io:99999): Go's importer fails the dial the same way.
            throw ImportFailure.Internal($"{Exact(reference)}: Get \"https://{host}/v2/\": dial tcp: address {host}: invalid port");
        }
    }

    private static async Task<OpenShift.Api.Image> ToImageAsync(
        RegistryRepository repository, RegistryManifest manifest, JsonObject json, RemoteImageReference reference, CancellationToken cancellationToken)
    {
        if (!ManifestMediaTypes.IsImage(manifest.MediaType))
            throw new RegistryException($"unsupported image manifest type: {manifest.MediaType}");
        var configDigest = json["config"]?["digest"]?.GetValue<string>()
            ?? throw new RegistryException("the manifest names no config blob");
        var config = await repository.GetBlobAsync(configDigest, cancellationToken).ConfigureAwait(false);
        return ImageDocument.FromManifest(manifest, json, config, reference.WithDigest(manifest.Digest));
    }

    /// <summary>The platform Legacy mode keeps: preferred arch/os, this server's own platform, linux/amd64, else the first.</summary>
    internal static string PickPlatform(JsonObject list, string? preferArch, string? preferOs)
    {
        var entries = (list["manifests"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (entries.Count == 0) throw new RegistryException("no manifests in manifest list");
        var arch = string.IsNullOrEmpty(preferArch) ? GoArchitecture() : preferArch;
        var os = string.IsNullOrEmpty(preferOs) ? "linux" : preferOs;
        var chosen = entries.FirstOrDefault(e => Platform(e, "architecture") == arch && Platform(e, "os") == os)
            ?? entries.FirstOrDefault(e => Platform(e, "architecture") == "amd64" && Platform(e, "os") == "linux")
            ?? entries[0];
        return chosen["digest"]!.GetValue<string>();
    }

    private static string? Platform(JsonObject entry, string key) => entry["platform"]?[key]?.GetValue<string>();

    private static string GoArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        _ => "amd64",
    };

    private static bool IsPreserveOriginal(string? importMode) => importMode == "PreserveOriginal";

    private static JsonObject Parse(RegistryManifest manifest)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(manifest.Content) as JsonObject
                ?? throw new RegistryException($"the manifest {manifest.Digest} is not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RegistryException($"the manifest {manifest.Digest} is not valid JSON: {e.Message}");
        }
    }

    private static string Exact(RemoteImageReference reference) =>
        reference.WrittenRepository + (reference.Digest is not null ? "@" + reference.Digest : reference.Tag is not null ? ":" + reference.Tag : "");

    private static ImportFailure RepositoryFailure(RemoteImageReference reference, RegistryException e) => e switch
    {
        _ when e.IsNotFound => ImportFailure.NotFound(reference.NormalizedName),
        _ when e.IsUnauthorized => ImportFailure.Unauthorized($"you may not have access to the container image \"{reference.NormalizedName}\""),
        _ => ImportFailure.Internal($"{reference.NormalizedName}: {e.Message}"),
    };
}

/// <summary>How to import: insecure transport, import mode, platform preference and credentials.</summary>
internal sealed record ImportOptions(
    bool Insecure = false,
    string? ImportMode = null,
    string? PreferArch = null,
    string? PreferOs = null,
    Func<string, RegistryCredential?>? Credentials = null);
