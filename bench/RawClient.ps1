# The benchmarks' baseline client, dot-sourced by the scenarios that time cmdlets against it: one
# reused HttpClient with the sandbox's token, trusting the sandbox's CA from its kubeconfig as the
# module does. The token is only used for requests, never printed.
function New-RawClient([Parameter(Mandatory)] $Sandbox, [int] $MaxConnections = 0) {
    $kubeconfig = Get-Content -Raw $Sandbox.KubeConfigPath
    $token = $kubeconfig -replace '(?s).*\btoken:\s*(\S+).*', '$1'
    $ca = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new(
        [Convert]::FromBase64String(($kubeconfig -replace '(?s).*\bcertificate-authority-data:\s*(\S+).*', '$1')))
    $policy = [System.Security.Cryptography.X509Certificates.X509ChainPolicy]::new()
    $policy.TrustMode = [System.Security.Cryptography.X509Certificates.X509ChainTrustMode]::CustomRootTrust
    $policy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
    $null = $policy.CustomTrustStore.Add($ca)
    $handler = [System.Net.Http.SocketsHttpHandler]::new()
    $handler.SslOptions.CertificateChainPolicy = $policy
    if ($MaxConnections -gt 0) { $handler.MaxConnectionsPerServer = $MaxConnections }
    $http = [System.Net.Http.HttpClient]::new($handler)
    $http.Timeout = [TimeSpan]::FromMinutes(5)
    $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $token)
    $http
}
