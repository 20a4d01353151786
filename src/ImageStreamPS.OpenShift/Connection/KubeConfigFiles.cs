using k8s.KubeConfigModels;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>
/// Reads several kubeconfig files into one, the way kubectl merges a <c>KUBECONFIG</c> list:
/// the first file that names a cluster, user or context (or sets current-context) wins.
/// File references inside each file are made absolute against that file's own folder first.
/// </summary>
internal static class KubeConfigFiles
{
    public static K8SConfiguration Load(IReadOnlyList<FileInfo> files)
    {
        K8SConfiguration? merged = null;
        foreach (var file in files)
        {
            var config = KubeConfigDocument.Read(file);
            ResolvePaths(config, file.DirectoryName ?? ".");
            if (merged is null)
            {
                merged = config;
                continue;
            }

            merged.CurrentContext = string.IsNullOrEmpty(merged.CurrentContext) ? config.CurrentContext : merged.CurrentContext;
            merged.Clusters = FirstWins(merged.Clusters, config.Clusters, c => c.Name);
            merged.Users = FirstWins(merged.Users, config.Users, u => u.Name);
            merged.Contexts = FirstWins(merged.Contexts, config.Contexts, c => c.Name);
        }

        return merged ?? throw new ArgumentException("No kubeconfig file to read.", nameof(files));
    }

    private static void ResolvePaths(K8SConfiguration config, string folder)
    {
        foreach (var cluster in config.Clusters ?? [])
        {
            if (cluster.ClusterEndpoint is { } endpoint)
            {
                endpoint.CertificateAuthority = Absolute(endpoint.CertificateAuthority, folder);
            }
        }

        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials is { } credentials)
            {
                credentials.ClientCertificate = Absolute(credentials.ClientCertificate, folder);
                credentials.ClientKey = Absolute(credentials.ClientKey, folder);
            }
        }
    }

    private static string Absolute(string path, string folder) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(folder, path));

    private static List<T> FirstWins<T>(IEnumerable<T>? first, IEnumerable<T>? then, Func<T, string> name)
    {
        var result = (first ?? []).ToList();
        var names = new HashSet<string>(result.Select(name), StringComparer.Ordinal);
        result.AddRange((then ?? []).Where(item => names.Add(name(item))));
        return result;
    }
}
