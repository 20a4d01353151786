using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.OpenShift.Tests.Connection;

public sealed class KubeConfigFilesTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("kubeconfig-");

    public void Dispose() => folder.Delete(recursive: true);

    private FileInfo Write(string relative, string yaml)
    {
        var path = Path.Combine(folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return new FileInfo(path);
    }

    [Fact]
    public void The_first_file_that_names_a_context_cluster_or_user_wins()
    {
        var first = Write("a/config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: shared
              cluster: {server: https://first.example.com:6443}
            contexts:
            - name: dev
              context: {cluster: shared, user: dev, namespace: citas}
            users:
            - name: dev
              user: {token: first}
            """);
        var second = Write("b/config", """
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: shared
              cluster: {server: https://second.example.com:6443}
            - name: prod
              cluster: {server: https://prod.example.com:6443, certificate-authority: certs/ca.crt}
            contexts:
            - name: prod
              context: {cluster: prod, user: prod}
            users:
            - name: prod
              user: {client-certificate: certs/client.crt, client-key: /abs/client.key}
            """);

        var merged = KubeConfigFiles.Load([first, second]);

        Assert.Equal("dev", merged.CurrentContext);
        Assert.Equal(["shared", "prod"], merged.Clusters.Select(c => c.Name));
        Assert.Equal("https://first.example.com:6443", merged.Clusters.First().ClusterEndpoint.Server);
        Assert.Equal(["dev", "prod"], merged.Contexts.Select(c => c.Name));
        // Paths in the second file resolve against its own folder, not the first file's.
        Assert.Equal(Path.Combine(folder.FullName, "b", "certs", "ca.crt"), merged.Clusters.Last().ClusterEndpoint.CertificateAuthority);
        var prod = merged.Users.Single(u => u.Name == "prod").UserCredentials;
        Assert.Equal(Path.Combine(folder.FullName, "b", "certs", "client.crt"), prod.ClientCertificate);
        Assert.Equal("/abs/client.key", prod.ClientKey);
    }

    [Fact]
    public void A_context_that_is_not_there_is_reported_with_the_contexts_that_are()
    {
        var config = Write("config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: c
              cluster: {server: https://c.example.com}
            contexts:
            - name: dev
              context: {cluster: c}
            """);

        var failure = Assert.Throws<OpenShiftApiException>(() => ConnectionProfile.FromKubeConfig([config.FullName], "prod"));

        Assert.Equal("KubeConfigContextNotFound", failure.Reason);
        Assert.Contains("Contexts: dev", failure.Message);
    }

    [Fact]
    public void The_context_namespace_is_the_session_namespace_and_default_when_absent()
    {
        var config = Write("config", """
            apiVersion: v1
            kind: Config
            current-context: with
            clusters:
            - name: c
              cluster: {server: https://c.example.com}
            contexts:
            - name: with
              context: {cluster: c, user: u, namespace: citas}
            - name: without
              context: {cluster: c, user: u}
            users:
            - name: u
              user: {token: t}
            """);

        var with = ConnectionProfile.FromKubeConfig([config.FullName], null);
        var without = ConnectionProfile.FromKubeConfig([config.FullName], "without");

        Assert.Equal(("with", "u", "citas"), (with.Context, with.User, with.Namespace));
        Assert.Equal("default", without.Namespace);
        Assert.Equal("override", without.WithNamespace("override").Namespace);
    }
}
