using System.Text.Json;
using ImageStreamPS.OpenShift.Connection;
using k8s;
using YamlDotNet.Core;

namespace ImageStreamPS.OpenShift.Tests.Connection;

/// <summary>
/// The kubeconfig reader fills KubernetesClient's model as KubernetesClient's own reader does
/// (<c>KubernetesClientConfiguration.LoadKubeConfig</c>), with the fields client-go's
/// <c>clientcmd/api/v1</c> types.go names (Config, Cluster, AuthInfo, Context, ExecConfig).
/// </summary>
public sealed class KubeConfigDocumentTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("kubeconfig-doc-");

    public void Dispose() => folder.Delete(recursive: true);

    private FileInfo Write(string yaml, string name = "config")
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, yaml);
        return new FileInfo(path);
    }

    private const string Everything = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: prod
          cluster:
            server: https://api.prod.example.com:6443
            certificate-authority-data: LS0tLS1CRUdJTi0tLS0t
            tls-server-name: api.internal
        - name: lab
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority: certs/ca.crt
            insecure-skip-tls-verify: true
        contexts:
        - name: dev
          context:
            cluster: prod
            user: dev/api-prod
            namespace: citas
        - name: lab
          context: {cluster: lab, user: exec}
        users:
        - name: dev/api-prod
          user:
            token: sha256~abc
            as: admin
            as-groups: [system:masters, ops]
        - name: certs
          user:
            client-certificate: certs/client.crt
            client-key: /abs/client.key
            client-certificate-data: Y2VydA==
            client-key-data: a2V5
        - name: basic
          user: {username: kube, password: "secret"}
        - name: oidc
          user:
            auth-provider:
              name: oidc
              config: {client-id: kubectl, idp-issuer-url: "https://issuer.example.com"}
        - name: exec
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: /usr/local/bin/get-token
              args: [--cluster, lab, "--verbose"]
              env:
              - name: MODE
                value: ci
              installHint: install get-token
              provideClusterInfo: true
              interactiveMode: Never
        """;

    [Fact]
    public void Every_field_is_read_as_KubernetesClients_own_reader_reads_it()
    {
        var file = Write(Everything);

        var ours = KubeConfigDocument.Read(file);
        var theirs = KubernetesClientConfiguration.LoadKubeConfig(file, useRelativePaths: false);

        Assert.Equal(JsonSerializer.Serialize(theirs), JsonSerializer.Serialize(ours));
        Assert.Equal("dev", ours.CurrentContext);
        var exec = ours.Users.Single(u => u.Name == "exec").UserCredentials.ExternalExecution;
        Assert.Equal(["--cluster", "lab", "--verbose"], exec.Arguments);
        Assert.Equal("ci", exec.EnvironmentVariables.Single()["value"]);
        Assert.True(exec.ProvideClusterInfo);
        Assert.True(ours.Clusters.Single(c => c.Name == "lab").ClusterEndpoint.SkipTlsVerify);
    }

    [Fact]
    public void An_empty_file_is_an_empty_configuration_as_clientcmd_Load_reads_it()
    {
        var config = KubeConfigDocument.Read(Write(""));

        Assert.Null(config.CurrentContext);
        Assert.Empty(config.Clusters);
        Assert.Empty(config.Contexts);
        Assert.Empty(config.Users);
    }

    [Fact]
    public void Missing_or_null_lists_are_empty_so_a_context_without_its_cluster_is_a_configuration_error()
    {
        var file = Write("""
            current-context: c
            clusters: null
            contexts:
            - name: c
              context: {cluster: c}
            """);

        var failure = Assert.Throws<OpenShiftApiException>(() => ConnectionProfile.FromKubeConfig([file.FullName], null));

        Assert.Equal(ApiFailure.Configuration, failure.Failure);
        Assert.Contains("Cluster not found", failure.Message);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void The_insecure_flag_reads_YAML_1_1_booleans_and_quoted_ones(string value, bool expected)
    {
        var config = KubeConfigDocument.Read(Write($"clusters:\n- name: c\n  cluster: {{server: https://c.example.com, insecure-skip-tls-verify: {value}}}\n"));

        Assert.Equal(expected, config.Clusters.Single().ClusterEndpoint.SkipTlsVerify);
    }

    [Fact]
    public void Scalars_that_YAML_resolves_to_numbers_or_booleans_are_kept_as_text()
    {
        var config = KubeConfigDocument.Read(Write("current-context: 2024\nusers:\n- name: u\n  user: {token: 12345, username: yes}\n"));

        Assert.Equal("2024", config.CurrentContext);
        Assert.Equal(("12345", "true"), (config.Users.Single().UserCredentials.Token, config.Users.Single().UserCredentials.UserName));
    }

    [Theory]
    [InlineData("just text", "the document must be a mapping, not a scalar")]
    [InlineData("- a\n- b", "the document must be a mapping, not a list")]
    [InlineData("clusters: {a: b}", "clusters must be a list, not a mapping")]
    [InlineData("users:\n- name: u\n  user: sha256~secret-token", "users[0].user must be a mapping, not a scalar")]
    [InlineData("users:\n- name: u\n  user: {exec: {command: x, args: x}}", "users[0].exec.args must be a list")]
    [InlineData("clusters:\n- name: c\n  cluster: {insecure-skip-tls-verify: maybe}", "clusters[0].insecure-skip-tls-verify must be true or false")]
    public void A_value_of_the_wrong_shape_names_where_it_is_and_never_shows_the_value(string yaml, string expected)
    {
        var failure = Assert.Throws<YamlException>(() => KubeConfigDocument.Read(Write(yaml)));

        Assert.Contains(expected, failure.Message);
        Assert.DoesNotContain("secret-token", failure.Message);
    }

    [Fact]
    public void A_file_that_is_not_YAML_text_is_KubeConfigInvalid()
    {
        var file = Path.Combine(folder.FullName, "binary");
        File.WriteAllBytes(file, [0x00, 0xFF, 0xC3, 0x28, 0x01]);

        var failure = Assert.Throws<OpenShiftApiException>(() => ConnectionProfile.FromKubeConfig([file], null));

        Assert.Equal("KubeConfigInvalid", failure.Reason);
    }

    [Fact]
    public void An_empty_kubeconfig_has_no_current_context()
    {
        var failure = Assert.Throws<OpenShiftApiException>(() => ConnectionProfile.FromKubeConfig([Write("").FullName], null));

        Assert.Equal("KubeConfigContextNotSet", failure.Reason);
    }

    [Fact]
    public void Extensions_and_preferences_keep_their_values()
    {
        var config = KubeConfigDocument.Read(Write("""
            preferences: {colors: true}
            extensions:
            - name: okd
              extension: {tier: gold, replicas: 3}
            """));

        Assert.Equal(true, config.Preferences["colors"]);
        var extension = Assert.IsType<Dictionary<string, object?>>(config.Extensions.Single().Extension);
        Assert.Equal(("gold", 3L), (extension["tier"], extension["replicas"]));
    }
}
