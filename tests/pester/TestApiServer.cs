// A minimal HTTPS Kubernetes API server for the session tests: GET /version, projects and
// namespaces, bearer-token checks and metav1.Status errors, on 127.0.0.1 with its own certificate.
// Compiled by the tests with Add-Type; it is not part of the module.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public sealed class TestApiServer : IDisposable
{
    private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate;
    private readonly string token;
    private readonly CancellationTokenSource stop = new CancellationTokenSource();

    public TestApiServer(string token, params string[] projects)
    {
        this.token = token;
        Projects = new HashSet<string>(projects);
        certificate = CreateCertificate(out var pem);
        CertificateAuthorityPem = pem;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }
    public string Server => "https://127.0.0.1:" + Port;
    public string CertificateAuthorityPem { get; }
    public HashSet<string> Projects { get; }
    /// <summary>Requests seen, as "GET /path auth=yes|no".</summary>
    public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();
    /// <summary>When set, GET /version waits this long before answering; "ABORTED /version" is recorded if the client gives up first.</summary>
    public TimeSpan VersionDelay { get; set; }

    public static string NewCertificatePem()
    {
        using (CreateCertificate(out var pem)) { return pem; }
    }

    // PowerShell passes $null strings as "": empty means "none" here.
    public string WriteKubeConfig(string path, string userToken, string @namespace, string caPem)
    {
        return WriteKubeConfig(path, userToken, @namespace, caPem, "test", "tester");
    }

    /// <summary>A kubeconfig with one cluster and one context named <paramref name="name"/> and one user named <paramref name="user"/>.</summary>
    public string WriteKubeConfig(string path, string userToken, string @namespace, string caPem, string name, string user)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.IsNullOrEmpty(caPem) ? CertificateAuthorityPem : caPem));
        var nsLine = string.IsNullOrEmpty(@namespace) ? "" : "\n    namespace: " + @namespace;
        File.WriteAllText(path,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: " + name + "\n  cluster:\n    server: " + Server +
            "\n    certificate-authority-data: " + ca +
            "\nusers:\n- name: " + user + "\n  user:\n    token: " + userToken +
            "\ncontexts:\n- name: " + name + "\n  context:\n    cluster: " + name + "\n    user: " + user + nsLine +
            "\ncurrent-context: " + name + "\n");
        return path;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate(out string pem)
    {
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using (var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)))
            {
                pem = created.ExportCertificatePem() + "\n";
                return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync().ConfigureAwait(false); }
            catch (Exception) { return; }
            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                using (var tls = new SslStream(client.GetStream()))
                {
                    await tls.AuthenticateAsServerAsync(certificate).ConfigureAwait(false);
                    var reader = new StreamReader(tls, Encoding.ASCII);
                    while (!stop.IsCancellationRequested)
                    {
                        var requestLine = await reader.ReadLineAsync().ConfigureAwait(false);
                        if (string.IsNullOrEmpty(requestLine)) { return; }
                        string authorization = null;
                        var contentLength = 0;
                        string header;
                        while (!string.IsNullOrEmpty(header = await reader.ReadLineAsync().ConfigureAwait(false)))
                        {
                            var colon = header.IndexOf(':');
                            var name = header.Substring(0, colon).Trim();
                            var value = header.Substring(colon + 1).Trim();
                            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) { authorization = value; }
                            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) { contentLength = int.Parse(value); }
                        }

                        if (contentLength > 0) { await reader.ReadBlockAsync(new char[contentLength], 0, contentLength).ConfigureAwait(false); }
                        var parts = requestLine.Split(' ');
                        Requests.Enqueue(parts[0] + " " + parts[1] + " auth=" + (authorization != null ? "yes" : "no"));
                        var path = parts[1].Split('?')[0].TrimEnd('/');
                        if (path == "/version" && VersionDelay > TimeSpan.Zero && authorization == "Bearer " + token)
                        {
                            // Hold the answer; a client that gives up closes the connection, which ends the read.
                            var closed = tls.ReadAsync(new byte[1], 0, 1);
                            if (await Task.WhenAny(Task.Delay(VersionDelay, stop.Token), closed).ConfigureAwait(false) == closed)
                            {
                                Requests.Enqueue("ABORTED " + parts[1]);
                                return;
                            }
                        }

                        var response = Answer(parts[0], path, authorization);
                        var body = Encoding.UTF8.GetBytes(response.Item2);
                        var head = "HTTP/1.1 " + response.Item1 + "\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\n\r\n";
                        await tls.WriteAsync(Encoding.ASCII.GetBytes(head), 0, head.Length).ConfigureAwait(false);
                        await tls.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
                        await tls.FlushAsync().ConfigureAwait(false);
                    }
                }
            }
            catch (Exception) { }
        }
    }

    private Tuple<string, string> Answer(string method, string path, string authorization)
    {
        if (authorization != "Bearer " + token)
        {
            return Status(401, "Unauthorized", "Unauthorized", null, null);
        }

        if (method == "GET" && path == "/version")
        {
            return Tuple.Create("200 OK", "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-test\",\"platform\":\"linux/amd64\"}");
        }

        const string projectsPath = "/apis/project.openshift.io/v1/projects/";
        if (method == "GET" && path.StartsWith(projectsPath, StringComparison.Ordinal))
        {
            var name = path.Substring(projectsPath.Length);
            return Projects.Contains(name)
                ? Tuple.Create("200 OK", "{\"kind\":\"Project\",\"apiVersion\":\"project.openshift.io/v1\",\"metadata\":{\"name\":\"" + name + "\"}}")
                : Status(404, "NotFound", "projects.project.openshift.io \\\"" + name + "\\\" not found", "projects", name);
        }

        return Status(404, "NotFound", "the server could not find the requested resource", null, null);
    }

    private static Tuple<string, string> Status(int code, string reason, string message, string kind, string name)
    {
        var details = kind == null ? "" : ",\"details\":{\"name\":\"" + name + "\",\"group\":\"project.openshift.io\",\"kind\":\"" + kind + "\"}";
        return Tuple.Create(code + " " + reason,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message + "\",\"reason\":\"" + reason + "\"" + details + ",\"code\":" + code + "}");
    }
}
