<#
.SYNOPSIS
    Runbooks in parallel on one image stream: how many tag moves and imports fail, how many are lost.
.DESCRIPTION
    Starts a sandbox (-Seed Tutorial, temporary data folder), imports citas:v1 and citas:v2, then:
      - Set-ImageTag: -Runspaces runspaces each run -Calls `Set-ImageTag` on the one stream, every
        call moving two tags (its own, and one all of them share), the case #12 measured failing;
      - Import-ImageTag: -Runspaces parallel imports into the same stream.
    Prints one line a figure: calls, calls that failed, 409 Conflict answers the server gave (and
    the client retried), tags expected and tags present (lost = the difference), and the wall time.
    The 409 count is read from the sandbox's /metrics before and after, so it is what the server saw.
    Loopback only; every loop is bounded. Run after `build.ps1 Build`:
    dotnet pwsh bench/Measure-Contention.ps1 -ModulePath out/ImageStreamPS/ImageStreamPS.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateRange(1, 64)] [int] $Runspaces = 16,
    [ValidateRange(1, 500)] [int] $Calls = 50
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
Import-Module $ModulePath -Force

$dataPath = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-contention-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$sandbox = $null
try {
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect
    $session = Get-OpenShiftSession
    # The sandbox's token, only to read /metrics; it is never printed.
    $token = (Get-Content -Raw $sandbox.KubeConfigPath) -replace '(?s).*\btoken:\s*(\S+).*', '$1'
    $metricsUri = [uri]::new($sandbox.Server, '/metrics')

    function Get-ConflictCount {
        # Loopback read of the sandbox's own counters; the certificate check adds nothing here.
        $text = (Invoke-WebRequest $metricsUri -Headers @{ Authorization = "Bearer $token" } -SkipCertificateCheck).Content
        $sum = 0L
        foreach ($line in $text -split "`n") {
            if ($line -match '^sandbox_requests_total\{[^}]*code="409"\} (\d+)$') { $sum += [long] $Matches[1] }
        }
        $sum
    }

    $null = New-ImageStream citas
    $null = Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1
    $null = Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2

    $conflicts = Get-ConflictCount
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $failed = 1..$Runspaces | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
        Import-Module $using:ModulePath
        $worker = $_
        foreach ($i in 1..$using:Calls) {
            $source = if ($i % 2) { 'citas:v1' } else { 'citas:v2' }
            Set-ImageTag $source "citas:w$worker-$i", 'citas:shared' -Session $using:session -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | ForEach-Object { Write-Warning "w$worker-${i}: $($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
            $failures.Count
        }
    }
    $elapsed = $clock.Elapsed
    $conflicts = (Get-ConflictCount) - $conflicts
    $expected = $Runspaces * $Calls
    $present = @((Get-ImageTag 'citas:w*').Tag).Count
    "Set-ImageTag: $Runspaces runspaces x $Calls calls (two tags each) on one stream: $expected calls, $(($failed | Measure-Object -Sum).Sum) failed, $conflicts 409s retried, $present of $expected own tags present (lost $($expected - $present)), $([int] $elapsed.TotalSeconds) s"

    $conflicts = Get-ConflictCount
    $clock.Restart()
    $failed = 1..$Runspaces | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
        Import-Module $using:ModulePath
        Import-ImageTag "citas:i$_" -From "docker.io/josedom24/citas-backend:v$(1 + $_ % 2)" -Session $using:session -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures | ForEach-Object { Write-Warning "i${_}: $($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
        $failures.Count
    }
    $elapsed = $clock.Elapsed
    $conflicts = (Get-ConflictCount) - $conflicts
    $present = @((Get-ImageTag 'citas:i*').Tag).Count
    "Import-ImageTag: $Runspaces parallel imports into one stream: $(($failed | Measure-Object -Sum).Sum) failed, $conflicts 409s retried, $present of $Runspaces tags present (lost $($Runspaces - $present)), $([int] $elapsed.TotalSeconds) s"
}
finally {
    if ($sandbox) { Stop-OpenShiftSandbox $sandbox }
    Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
}
