using System.Diagnostics.CodeAnalysis;

namespace ImageStreamPS.OpenShift.Images;

/// <summary>
/// A container image pull spec split as OpenShift splits it (library-go <c>reference.Parse</c>):
/// <c>docker.io/josedom24/citas-backend:v1</c> is registry <c>docker.io</c>, namespace <c>josedom24</c>,
/// name <c>citas-backend</c>, tag <c>v1</c>. The first path component is a registry only if it
/// contains <c>.</c> or <c>:</c> or is <c>localhost</c>.
/// </summary>
public sealed record DockerImageReference
{
    /// <summary>Docker Hub's canonical registry name.</summary>
    public const string DockerDefaultRegistry = "docker.io";
    /// <summary>Docker Hub's v1 host.</summary>
    public const string DockerDefaultV1Registry = "index.docker.io";
    /// <summary>Docker Hub's v2 host (the one actually contacted).</summary>
    public const string DockerDefaultV2Registry = "registry-1.docker.io";
    /// <summary>The namespace Docker Hub implies for single-component names.</summary>
    public const string DockerDefaultNamespace = "library";
    /// <summary>The tag implied when none is given.</summary>
    public const string DefaultTag = "latest";

    /// <summary>The registry host (and port), empty when not given.</summary>
    public string Registry { get; init; } = "";
    /// <summary>The first path component after the registry, empty for single-component names.</summary>
    public string Namespace { get; init; } = "";
    /// <summary>The rest of the path.</summary>
    public string Name { get; init; } = "";
    /// <summary>The tag, empty when not given.</summary>
    public string Tag { get; init; } = "";
    /// <summary>The digest (<c>sha256:…</c>), empty when not given.</summary>
    public string ID { get; init; } = "";

    /// <summary>Parses a pull spec; throws <see cref="FormatException"/> with library-go's message.</summary>
    public static DockerImageReference Parse(string spec) =>
        TryParse(spec, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses a pull spec; false for anything OpenShift would reject.</summary>
    public static bool TryParse(string? spec, [NotNullWhen(true)] out DockerImageReference? reference) =>
        TryParse(spec, out reference, out _);

    /// <summary>Parses a pull spec; on failure <paramref name="error"/> holds library-go's message.</summary>
    public static bool TryParse(string? spec, [NotNullWhen(true)] out DockerImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        spec ??= "";
        // The grammar is a non-backtracking regex with captures (microseconds a spec); a rollout, a stream or a
        // describe reads the same few specs again and again, so each answer is kept (the record is immutable).
        if (Parsed.TryGetValue(spec, out var known))
        {
            (reference, error) = known;
            return reference is not null;
        }
        var parsed = TryParseOnce(spec, out reference, out error);
        if (spec.Length <= MaxCachedLength)
        {
            if (Parsed.Count >= MaxCached) Parsed.Clear();
            Parsed[spec] = (reference, error);
        }
        return parsed;
    }

    private const int MaxCached = 4096;
    private const int MaxCachedLength = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DockerImageReference? Reference, string? Error)> Parsed = new(StringComparer.Ordinal);

    private static bool TryParseOnce(string spec, [NotNullWhen(true)] out DockerImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        var match = ReferenceGrammar.Reference.Match(spec);
        if (!match.Success)
        {
            error = spec.Length == 0 ? "repository name must have at least one component"
                : ReferenceGrammar.Reference.IsMatch(spec.ToLowerInvariant()) ? "repository name must be lowercase"
                : "invalid reference format";
            return false;
        }
        var name = match.Groups[1].Value;
        if (name.Length > ReferenceGrammar.NameTotalLengthMax)
        {
            error = $"repository name must not be more than {ReferenceGrammar.NameTotalLengthMax} characters";
            return false;
        }
        var digest = match.Groups[3].Value;
        if (digest.Length > 0 && ReferenceGrammar.ValidateDigest(digest) is { } digestError)
        {
            error = digestError;
            return false;
        }

        string registry = "", path = "";
        var slash = name.IndexOf('/');
        var registryOnly = slash == -1 && (name.Contains('.') || name.StartsWith("localhost", StringComparison.Ordinal));
        var nameOnly = (slash == -1 && !registryOnly) || (slash > -1 && name[..slash].IndexOfAny(['.', ':']) < 0 && name[..slash] != "localhost");
        if (registryOnly)
            // as library-go: the whole spec (tag and digest included) becomes the registry
            registry = name + (match.Groups[2].Length > 0 ? ":" + match.Groups[2].Value : "") + (digest.Length > 0 ? "@" + digest : "");
        else if (nameOnly)
            path = name;
        else
            (registry, path) = (name[..slash], name[(slash + 1)..]);

        string ns = "";
        var pathSlash = path.IndexOf('/');
        if (pathSlash != -1)
            (ns, path) = (path[..pathSlash], path[(pathSlash + 1)..]);

        reference = new DockerImageReference
        {
            Registry = registry,
            Namespace = ns,
            Name = path,
            Tag = registryOnly ? "" : match.Groups[2].Value,
            ID = digest,
        };
        error = null;
        return true;
    }

    /// <summary>Whether the registry is one of Docker Hub's names.</summary>
    public static bool IsRegistryDockerHub(string registry) =>
        registry is DockerDefaultRegistry or DockerDefaultV1Registry or DockerDefaultV2Registry;

    /// <summary>Fills what the Docker client assumes: registry <c>docker.io</c>, namespace <c>library</c> on Hub, tag <c>latest</c>.</summary>
    public DockerImageReference DockerClientDefaults() => this with
    {
        Registry = Registry.Length == 0 ? DockerDefaultRegistry : Registry,
        Namespace = Namespace.Length == 0 && IsRegistryDockerHub(Registry.Length == 0 ? DockerDefaultRegistry : Registry) ? DockerDefaultNamespace : Namespace,
        Tag = Tag.Length == 0 ? DefaultTag : Tag,
    };

    /// <summary>Drops the tag when it is <c>latest</c>.</summary>
    public DockerImageReference Minimal() => Tag == DefaultTag ? this with { Tag = "" } : this;

    /// <summary>Clears the defaults Docker assumes (Hub host aliases, <c>library/</c>, <c>:latest</c>).</summary>
    public DockerImageReference DaemonMinimal()
    {
        var r = this;
        if (r.Registry is DockerDefaultV1Registry or DockerDefaultV2Registry)
            r = r with { Registry = DockerDefaultRegistry };
        if (IsRegistryDockerHub(r.Registry) && r.Namespace == DockerDefaultNamespace)
            r = r with { Namespace = "" };
        return r.Minimal();
    }

    /// <summary>The host to contact: Docker Hub's names become <c>registry-1.docker.io</c>.</summary>
    public DockerImageReference AsV2() =>
        Registry is DockerDefaultV1Registry or DockerDefaultRegistry ? this with { Registry = DockerDefaultV2Registry } : this;

    /// <summary>The reference without tag or digest.</summary>
    public DockerImageReference AsRepository() => this with { Tag = "", ID = "" };

    /// <summary>Prefers the digest over the tag (<c>repo@sha256:…</c>).</summary>
    public DockerImageReference MostSpecific()
    {
        if (ID.Length == 0) return this;
        if (ReferenceGrammar.ValidateDigest(ID) is null) return this with { Tag = "" };
        return Tag.Length == 0 ? this with { Tag = ID, ID = "" } : this;
    }

    /// <summary>The repository path without registry, tag or digest (<c>josedom24/citas-backend</c>).</summary>
    public string RepositoryName() => (this with { Tag = "", ID = "", Registry = "" }).Exact();

    /// <summary>The name with its tag or digest (<c>citas-backend:v1</c>, <c>citas@sha256:…</c>), without namespace.</summary>
    public string NameString()
    {
        if (Name.Length == 0) return "";
        if (ID.Length > 0)
            return Name + (ReferenceGrammar.ValidateDigest(ID) is null ? "@" : ":") + ID;
        return Tag.Length > 0 ? Name + ":" + Tag : Name;
    }

    /// <summary>Only what is set, without defaults (<c>citas@sha256:…</c>, <c>docker.io/josedom24/citas-backend:v1</c>).</summary>
    public string Exact()
    {
        var s = Registry.Length > 0 ? Registry + "/" : "";
        if (Namespace.Length > 0) s += Namespace + "/";
        var name = NameString();
        if (name.Length == 0)
            return Registry.Length == 0 ? "" : s;
        return s + name;
    }

    /// <summary>The pull spec, adding <c>library/</c> for Docker Hub names without a namespace.</summary>
    public override string ToString() =>
        (Namespace.Length == 0 && IsRegistryDockerHub(Registry) ? this with { Namespace = DockerDefaultNamespace } : this).Exact();

    /// <summary>Whether both name the same image once Docker's defaults are applied (<c>foo</c> = <c>docker.io/library/foo:latest</c>).</summary>
    public bool IsEquivalentTo(DockerImageReference other) => DockerClientDefaults() == other.DockerClientDefaults();
}
