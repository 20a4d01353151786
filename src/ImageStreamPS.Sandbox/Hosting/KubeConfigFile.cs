using System.Text;
using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// Writes the sandbox's own kubeconfig (never the user's): cluster <c>sandbox</c> (server + CA data),
/// user <c>developer</c> (token), context <c>sandbox</c> with namespace <c>myproject</c>, current.
/// Owner-only because it holds the token.
/// </summary>
public static class KubeConfigFile
{
    public static void Write(string path, string server, string caPem, AccessToken token)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {server}
                certificate-authority-data: {ca}
            users:
            - name: developer
              user:
                token: {token.Value}
            contexts:
            - name: sandbox
              context:
                cluster: sandbox
                user: developer
                namespace: myproject
            current-context: sandbox
            preferences: {"{}"}

            """;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OwnerOnly.WriteAllText(path, yaml);
    }
}
