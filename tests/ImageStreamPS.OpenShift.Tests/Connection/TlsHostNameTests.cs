using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.OpenShift.Tests.Connection;

/// <summary>
/// With a custom CA (a kubeconfig's certificate-authority), the server's certificate must also name the
/// host, as kubectl checks it: client-go's transport verifies through Go's crypto/tls
/// (<c>(*Conn).verifyServerCertificate</c>, which calls <c>x509.Certificate.VerifyHostname</c>).
/// </summary>
public sealed class TlsHostNameTests : IDisposable
{
    private const string Version = """{"major":"1","minor":"32","gitVersion":"v1.32.0-test"}""";
    private readonly string folder = Directory.CreateTempSubdirectory("isps-tls-").FullName;
    private readonly RSA caKey = RSA.Create(2048);
    private readonly X509Certificate2 ca;

    public TlsHostNameTests()
    {
        var request = new CertificateRequest("CN=test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CaPath, ca.ExportCertificatePem());
    }

    private string CaPath => Path.Combine(folder, "ca.crt");

    // A server certificate the test CA (or another issuer) signed, for the names given.
    private X509Certificate2 ServerCertificate(Action<SubjectAlternativeNameBuilder> names, X509Certificate2? issuer = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=server", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternative = new SubjectAlternativeNameBuilder();
        names(alternative);
        request.CertificateExtensions.Add(alternative.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(issuer ?? ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private Task<OpenShiftConnection> Connect(ScriptedApi api) =>
        OpenShiftConnection.OpenAsync(ConnectionProfile.FromToken(api.Server, "sha256~token", CaPath), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ACertificateForAnotherHostIsRefusedEvenWhenTheCustomCaSignedIt()
    {
        using var certificate = ServerCertificate(n => n.AddDnsName("evil.example"));
        using var api = new ScriptedApi(_ => Answer.Json(200, Version), certificate);

        var refused = await Assert.ThrowsAsync<OpenShiftApiException>(() => Connect(api));

        Assert.Equal(ApiFailure.Certificate, refused.Failure);
        Assert.Contains(api.Server.GetLeftPart(UriPartial.Authority), refused.Message);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task ACertificateThatNamesTheHostConnects()
    {
        using var certificate = ServerCertificate(n => n.AddIpAddress(IPAddress.Loopback));
        using var api = new ScriptedApi(_ => Answer.Json(200, Version), certificate);

        using var connection = await Connect(api);

        Assert.Equal("v1.32.0-test", connection.ServerVersion);
    }

    [Fact]
    public async Task ACertificateAnotherCaSignedIsRefusedTheKubeconfigsCaIsTheOnlyRoot()
    {
        // client-go hands Go's TLS the kubeconfig's CA as RootCAs: no other root, the system's included, is trusted.
        using var otherKey = RSA.Create(2048);
        var otherRequest = new CertificateRequest("CN=other-ca", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        otherRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        otherRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var other = otherRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = ServerCertificate(n => n.AddIpAddress(IPAddress.Loopback), other);
        using var api = new ScriptedApi(_ => Answer.Json(200, Version), certificate);

        var refused = await Assert.ThrowsAsync<OpenShiftApiException>(() => Connect(api));

        Assert.Equal(ApiFailure.Certificate, refused.Failure);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void AChainTheSystemTrustsMustStillPassThroughTheKubeconfigsCa()
    {
        // KubernetesClient accepts a chain with no policy errors before looking at the kubeconfig's CA, so a
        // publicly trusted certificate for the host would connect; client-go trusts only that CA (RootCAs).
        using var otherKey = RSA.Create(2048);
        var otherRequest = new CertificateRequest("CN=public-ca", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        otherRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        otherRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var publicCa = otherRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = ServerCertificate(n => n.AddIpAddress(IPAddress.Loopback), publicCa);
        // The chain as the system would build it had it trusted public-ca: no policy errors.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(publicCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate));

        Assert.False(OpenShiftConnection.IsIssuedByKubeConfigAuthority(chain, SslPolicyErrors.None, [ca]));
        Assert.True(OpenShiftConnection.IsIssuedByKubeConfigAuthority(chain, SslPolicyErrors.None, [publicCa]));
        Assert.True(OpenShiftConnection.IsIssuedByKubeConfigAuthority(chain, SslPolicyErrors.None, []));
        Assert.False(OpenShiftConnection.IsIssuedByKubeConfigAuthority(null, SslPolicyErrors.None, [ca]));
    }

    public void Dispose()
    {
        ca.Dispose();
        caKey.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
