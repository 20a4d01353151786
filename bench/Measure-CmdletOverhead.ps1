<#
.SYNOPSIS
    Times warm cmdlet calls against the floor: one reused HttpClient GET plus a JSON parse.
.DESCRIPTION
    Starts a sandbox (-Seed Tutorial, temporary data folder), connects, imports citas:v1, then runs
    each pair below interleaved (A, B, A, B, ...) in this one process after a warm-up, and writes a
    Markdown table of medians, p99 and the ratio of the medians:
      Get-ImageTag citas:v1          vs  GET imagestreamtags/citas:v1 + JSON parse (raw)
      Get-ImageStream citas          vs  GET imagestreams/citas + JSON parse (raw)
      Get-OpenShiftSession           vs  Get-Variable (a built-in cmdlet with no I/O)
    The raw client reuses one HttpClient with the sandbox's token, as the module reuses its own.
    Interleaving keeps the machine's drift out of the ratio; read the ratio, not the times.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 500
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
. (Join-Path $PSScriptRoot 'RawClient.ps1')

$dataPath = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-bench-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$sandbox = $null
$http = $null
try {
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect -InformationAction Ignore
    New-ImageStream citas -InformationAction Ignore | Out-Null
    Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 -InformationAction Ignore | Out-Null
    $namespace = (Get-OpenShiftSession).Namespace

    $http = New-RawClient $sandbox
    $base = "$($sandbox.Server.ToString().TrimEnd('/'))/apis/image.openshift.io/v1/namespaces/$namespace"
    function Invoke-Raw([string] $Uri) {
        $body = $http.GetStringAsync($Uri).GetAwaiter().GetResult()
        $null = [System.Text.Json.JsonDocument]::Parse($body)
    }

    $pairs = [ordered]@{
        'Get-ImageTag citas:v1'  = { $null = Get-ImageTag citas:v1 }, { Invoke-Raw "$base/imagestreamtags/citas:v1" }, 'raw GET + parse'
        'Get-ImageStream citas'  = { $null = Get-ImageStream citas }, { Invoke-Raw "$base/imagestreams/citas" }, 'raw GET + parse'
        'Get-OpenShiftSession'   = { $null = Get-OpenShiftSession }, { $null = Get-Variable -Name PSVersionTable }, 'Get-Variable'
    }

    function Get-Percentile([double[]] $Sorted, [double] $P) { $Sorted[[math]::Min($Sorted.Count - 1, [math]::Floor($P * $Sorted.Count))] }

    $rows = foreach ($name in $pairs.Keys) {
        $a, $b, $baseline = $pairs[$name]
        foreach ($i in 1..50) { & $a; & $b }
        $timesA = [double[]]::new($Count)
        $timesB = [double[]]::new($Count)
        $clock = [System.Diagnostics.Stopwatch]::new()
        for ($i = 0; $i -lt $Count; $i++) {
            $clock.Restart(); & $a; $timesA[$i] = $clock.Elapsed.TotalMilliseconds
            $clock.Restart(); & $b; $timesB[$i] = $clock.Elapsed.TotalMilliseconds
        }
        [array]::Sort($timesA); [array]::Sort($timesB)
        $medianA = Get-Percentile $timesA 0.5
        $medianB = Get-Percentile $timesB 0.5
        [pscustomobject]@{
            Cmdlet   = $name
            Median   = $medianA
            P99      = Get-Percentile $timesA 0.99
            Baseline = $baseline
            BaseMed  = $medianB
            BaseP99  = Get-Percentile $timesB 0.99
            Ratio    = $medianA / $medianB
        }
    }

    '| Cmdlet (warm) | median ms | p99 ms | baseline | median ms | p99 ms | ratio of medians |'
    '|---|---:|---:|---|---:|---:|---:|'
    foreach ($row in $rows) {
        '| `{0}` | {1:N3} | {2:N2} | {3} | {4:N3} | {5:N2} | {6:N1}× |' -f $row.Cmdlet, $row.Median, $row.P99, $row.Baseline, $row.BaseMed, $row.BaseP99, $row.Ratio
    }
    "$Count interleaved calls each after 50 warm-up pairs, in one pwsh."
}
finally {
    if ($http) { $http.Dispose() }
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox -InformationAction Ignore -ErrorAction SilentlyContinue }
    Remove-Item -Recurse -Force $dataPath -ErrorAction SilentlyContinue
}
