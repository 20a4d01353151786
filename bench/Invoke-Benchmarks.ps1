<#
.SYNOPSIS
    Runs the benchmarks and writes their results into bench/README.md.
.DESCRIPTION
    1. The BenchmarkDotNet project (bench/ImageStreamPS.Benchmarks): the engine's pure code, each
       group against a baseline, so the ratios mean something on any machine.
    2. The request scenario (bench/Measure-Requests.ps1): the tutorial's cmdlets against the local
       sandbox, counting the HTTP requests each one sends, in a fresh pwsh with the built module.
    3. The warm-call overhead (bench/Measure-CmdletOverhead.ps1): warm cmdlets against a raw
       HttpClient GET + JSON parse (the floor) and a built-in cmdlet, interleaved in one pwsh.
    4. The sandbox (bench/Measure-Sandbox.ps1): durable writes from 1 and 8 clients, memory holding
       2,000 image streams and after listing them, cold start to the first answer.
    Results replace the generated part of bench/README.md (between the RESULTS markers).
#>
[CmdletBinding()]
param(
    # The published module manifest (build.ps1 Bench passes out/ImageStreamPS/ImageStreamPS.psd1).
    [Parameter(Mandatory)] [string] $ModulePath,
    # BenchmarkDotNet job: Short (default, a few minutes) or Dry (one pass, to check it runs).
    [ValidateSet('Short', 'Dry', 'Medium')] [string] $Job = 'Short',
    # Both parts, or only one (the other part's results in README.md are kept as they were).
    [ValidateSet('All', 'Micro', 'Requests', 'Overhead', 'Sandbox')] [string] $Part = 'All',
    # The sandbox figures side by side with another build's (e.g. main's out/ImageStreamPS/ImageStreamPS.psd1).
    [string] $SandboxBaselineModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = Resolve-Path "$PSScriptRoot/.."
$artifacts = Join-Path $root 'out/bench'
$readme = Join-Path $PSScriptRoot 'README.md'
$text = Get-Content -Raw $readme

function Set-Section([string] $Text, [string] $Marker, [string] $Content) {
    # Replaces what is between <!-- Marker:BEGIN --> and <!-- Marker:END --> in the README.
    $pattern = [regex]::Escape("<!-- $($Marker):BEGIN -->") + '[\s\S]*?' + [regex]::Escape("<!-- $($Marker):END -->")
    if ($Text -notmatch $pattern) { throw "bench/README.md has no $Marker markers" }
    $replacement = "<!-- $($Marker):BEGIN -->`n$($Content.Trim())`n<!-- $($Marker):END -->"
    [regex]::Replace($Text, $pattern, { $replacement })
}
$stamp = "Run on $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC"

if ($Part -in 'All', 'Micro') {
    Remove-Item $artifacts -Recurse -Force -ErrorAction SilentlyContinue
    $project = Join-Path $PSScriptRoot 'ImageStreamPS.Benchmarks/ImageStreamPS.Benchmarks.csproj'
    & dotnet run -c Release --project $project -- --filter '*' --job $Job.ToLowerInvariant() --exporters github --artifacts $artifacts
    if ($LASTEXITCODE -ne 0) { throw "The benchmarks exited with $LASTEXITCODE" }

    $sections = [System.Text.StringBuilder]::new()
    [void] $sections.AppendLine("$stamp, BenchmarkDotNet job $Job.").AppendLine()
    foreach ($report in Get-ChildItem (Join-Path $artifacts 'results') -Filter '*-report-github.md' | Sort-Object Name) {
        $name = $report.BaseName -replace '-report-github$', '' -replace '^.*\.', ''
        [void] $sections.AppendLine("#### $name").AppendLine()
        [void] $sections.AppendLine((Get-Content -Raw $report.FullName).Trim()).AppendLine()
    }
    $text = Set-Section $text 'MICRO' $sections.ToString()
}

if ($Part -in 'All', 'Requests') {
    $process = [Environment]::ProcessPath
    $arguments = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
    $requests = & $process @arguments -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Requests.ps1') -ModulePath $ModulePath
    if ($LASTEXITCODE -ne 0) { throw "The request scenario exited with $LASTEXITCODE" }
    # Keep the table and its total; host output (the -WhatIf text) is not part of the result.
    $requests = @($requests | Where-Object { $_ -match '^\|' -or $_ -match '^Total for' })
    $text = Set-Section $text 'REQUESTS' "$stamp.`n`n$(($requests | Where-Object { $_ -notmatch '^Total' }) -join "`n")`n`n$($requests | Where-Object { $_ -match '^Total' })"
}

if ($Part -in 'All', 'Overhead') {
    $process = [Environment]::ProcessPath
    $arguments = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
    $overhead = & $process @arguments -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-CmdletOverhead.ps1') -ModulePath $ModulePath
    if ($LASTEXITCODE -ne 0) { throw "The overhead scenario exited with $LASTEXITCODE" }
    $overhead = @($overhead | Where-Object { $_ -match '^\|' -or $_ -match 'interleaved' })
    $text = Set-Section $text 'OVERHEAD' "$stamp.`n`n$($overhead -join "`n")"
}

if ($Part -in 'All', 'Sandbox') {
    $process = [Environment]::ProcessPath
    $arguments = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
    $baseline = @(if ($SandboxBaselineModulePath) { '-BaselineModulePath', $SandboxBaselineModulePath })
    $sandbox = & $process @arguments -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Sandbox.ps1') -ModulePath $ModulePath @baseline
    if ($LASTEXITCODE -ne 0) { throw "The sandbox scenario exited with $LASTEXITCODE" }
    $machine = "$([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version)"
    # The store alone, without HTTP (bench/StoreWrites.cs, a file-based program over the sandbox project).
    $store = @(& dotnet run -c Release (Join-Path $PSScriptRoot 'StoreWrites.cs') -- 2 3 | Where-Object { $_ -match '^\{' } | ConvertFrom-Json)
    if ($LASTEXITCODE -ne 0) { throw "bench/StoreWrites.cs exited with $LASTEXITCODE" }
    $median = { param($values) $sorted = @($values | Sort-Object); $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }
    $storeRows = @(
        '', '| the store alone (no HTTP) | 1 writer | 8 writers | 8 / 1 | writes per commit (8) |', '|---|---:|---:|---:|---:|',
        "| durable writes/s, median (min-max) of $($store.Count) | $((& $median $store.One).ToString('N0')) ($(($store.One | Measure-Object -Minimum).Minimum.ToString('N0'))-$(($store.One | Measure-Object -Maximum).Maximum.ToString('N0'))) | $((& $median $store.Eight).ToString('N0')) ($(($store.Eight | Measure-Object -Minimum).Minimum.ToString('N0'))-$(($store.Eight | Measure-Object -Maximum).Maximum.ToString('N0'))) | $((& $median @($store | ForEach-Object { $_.Eight / $_.One })).ToString('0.0'))x | $((& $median $store.EightPerCommit).ToString('0.0')) |")
    $text = Set-Section $text 'SANDBOX' "$stamp on $machine.`n`n$((@($sandbox) | Where-Object { $_ -match '^\|' }) -join "`n")`n$($storeRows -join "`n")"
}

$text | Set-Content $readme -NoNewline
Write-Host "Results written to $readme" -ForegroundColor Green
