<#
.SYNOPSIS
    Counts the HTTP requests each tutorial cmdlet sends, from the sandbox's own /metrics.
.DESCRIPTION
    Starts a sandbox (-Seed Tutorial, temporary data folder), runs the tutorial's cmdlets one by
    one, and reads the sandbox's request counters before and after each, so the count is what the
    server saw (the sandbox's controllers use its in-process API and are not counted). Writes a
    Markdown table to the output. Requests are what make a cmdlet slow on a cluster far away, and
    they do not depend on the machine: the numbers are exact, not timings.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Resolve-Path $ModulePath).ProviderPath -Force

$dataPath = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-bench-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$sandbox = $null
try {
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect
    # The sandbox's token, only to read /metrics; it is never printed.
    $token = (Get-Content -Raw $sandbox.KubeConfigPath) -replace '(?s).*\btoken:\s*(\S+).*', '$1'
    $metricsUri = [uri]::new($sandbox.Server, '/metrics')

    function Get-Counters {
        # The sandbox's certificate is issued by the CA in its kubeconfig; for a loopback read of
        # counters the check adds nothing, so it is skipped here only.
        $text = (Invoke-WebRequest $metricsUri -Headers @{ Authorization = "Bearer $token" } -SkipCertificateCheck).Content
        $counters = @{}
        foreach ($line in $text -split "`n") {
            if ($line -match '^sandbox_requests_total\{verb="([^"]+)",resource="([^"]+)",code="(\d+)"\} (\d+)$') {
                $counters["$($Matches[1]) $($Matches[2])"] += [long] $Matches[4]
            }
            elseif ($line -match '^sandbox_nonresource_requests_total\{path="([^"]+)",code="(\d+)"\} (\d+)$' -and $Matches[1] -ne '/metrics') {
                $counters["get $($Matches[1])"] += [long] $Matches[3]
            }
        }
        $counters
    }

    $rows = [System.Collections.Generic.List[object]]::new()
    function Measure-Step([string] $Command, [scriptblock] $Action) {
        $before = Get-Counters
        $null = & $Action
        $after = Get-Counters
        $detail = foreach ($key in ($after.Keys | Sort-Object)) {
            $delta = $after[$key] - $(if ($before.ContainsKey($key)) { $before[$key] } else { 0 })
            if ($delta -gt 0) { [pscustomobject]@{ Request = $key; Count = $delta } }
        }
        $rows.Add([pscustomobject]@{
                Command  = $Command
                Requests = [long] ($detail | Measure-Object Count -Sum).Sum
                Detail   = ($detail | ForEach-Object { if ($_.Count -gt 1) { "$($_.Request) ×$($_.Count)" } else { $_.Request } }) -join ', '
            })
    }

    Measure-Step 'New-ImageStream citas' { New-ImageStream citas }
    Measure-Step 'Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1' { Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 }
    Measure-Step 'Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2' { Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 }
    Measure-Step 'Get-ImageStream citas' { Get-ImageStream citas }
    Measure-Step 'Set-ImageTag citas:v2 citas:latest' { Set-ImageTag citas:v2 citas:latest }
    Measure-Step 'Set-ImageTag citas:v1 citas:prod' { Set-ImageTag citas:v1 citas:prod }
    Measure-Step 'Get-ImageTag citas' { Get-ImageTag citas }
    Measure-Step 'Remove-ImageTag citas:latest -Force' { Remove-ImageTag citas:latest -Force }
    Measure-Step 'New-App citas:prod -Name app-citas' { New-App citas:prod -Name app-citas }
    Measure-Step 'New-AppRoute -Service app-citas -Port 10000' { New-AppRoute -Service app-citas -Port 10000 }
    Measure-Step 'Get-AppRollout app-citas -Wait' { Get-AppRollout app-citas -Wait -Timeout (New-TimeSpan -Seconds 30) }
    Measure-Step 'Get-AppRollout app-citas' { Get-AppRollout app-citas }
    Measure-Step 'Set-ImageTag citas:v2 citas:prod -WhatIf' { Set-ImageTag citas:v2 citas:prod -WhatIf 6>$null }
    Measure-Step 'Remove-ImageTag citas:prod -Force' { Remove-ImageTag citas:prod -Force }
    Measure-Step 'Set-ImageTag citas:v2 citas:prod' { Set-ImageTag citas:v2 citas:prod }
    Measure-Step 'Get-AppRollout app-citas' { Get-AppRollout app-citas }
    Measure-Step 'Get-ImageStream citas | ConvertTo-OpenShiftYaml' { Get-ImageStream citas | ConvertTo-OpenShiftYaml }

    '| cmdlet | requests | what the server saw |'
    '|---|---:|---|'
    foreach ($row in $rows) { "| ``$($row.Command -replace '\|', '\|')`` | $($row.Requests) | $($row.Detail) |" }
    ''
    "Total for the tutorial: $(($rows | Measure-Object Requests -Sum).Sum) requests. ``Get-AppRollout -Wait`` counts one watch as one request, however long it stays open."
}
finally {
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox }
    Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
}
