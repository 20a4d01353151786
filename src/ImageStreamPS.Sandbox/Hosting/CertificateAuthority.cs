using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageStreamPS.OpenShift.LocalSandbox;

namespace ImageStreamPS.Sandbox.Hosting;

/// <summary>
/// The sandbox's own certificate authority and serving certificate (SAN IP 127.0.0.1, DNS localhost),
/// generated once and kept as owner-only PEM files in the data directory, so clients that
/// trust <see cref="CaPem"/> (the kubeconfig's certificate-authority-data) keep trusting restarts.
/// ECDSA P-256: fast to generate, accepted by Go, .NET, Python and Node clients.
/// </summary>
public sealed class CertificateAuthority
{
    private CertificateAuthority(string caPem, X509Certificate2 serverCertificate)
    {
        CaPem = caPem;
        ServerCertificate = serverCertificate;
    }

    public string CaPem { get; }
    public X509Certificate2 ServerCertificate { get; }

    public static CertificateAuthority LoadOrCreate(string dataPath)
    {
        var caCert = Path.Combine(dataPath, "ca.crt");
        var caKey = Path.Combine(dataPath, "ca.key");
        var serverCert = Path.Combine(dataPath, "server.crt");
        var serverKey = Path.Combine(dataPath, "server.key");
        if (!File.Exists(caCert) || !File.Exists(serverCert) || !File.Exists(serverKey) || !File.Exists(caKey))
            Generate(caCert, caKey, serverCert, serverKey);
        var pem = X509Certificate2.CreateFromPemFile(serverCert, serverKey);
        if (OperatingSystem.IsLinux())
        {
            // OpenSSL serves with the key as it is; the round trip below cost each start ~20 ms (#18).
            return new CertificateAuthority(File.ReadAllText(caCert), pem);
        }

        // Windows' TLS cannot serve with an ephemeral key: round-trip through PKCS#12.
        using (pem)
        {
            return new CertificateAuthority(File.ReadAllText(caCert), LoadPkcs12(pem.Export(X509ContentType.Pkcs12)));
        }
    }

    private static X509Certificate2 LoadPkcs12(byte[] pfx) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadPkcs12(pfx, null);
#else
        new(pfx);
#endif

    private static void Generate(string caCertPath, string caKeyPath, string serverCertPath, string serverKeyPath)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ImageStreamPS sandbox CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now, now.AddYears(10));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var server = serverRequest.Create(ca, now, now.AddYears(5), serial);

        OwnerOnly.WriteAllText(caKeyPath, caKey.ExportPkcs8PrivateKeyPem());
        OwnerOnly.WriteAllText(serverKeyPath, serverKey.ExportPkcs8PrivateKeyPem());
        OwnerOnly.WriteAllText(caCertPath, ca.ExportCertificatePem() + "\n");
        OwnerOnly.WriteAllText(serverCertPath, server.ExportCertificatePem() + "\n");
    }
}
