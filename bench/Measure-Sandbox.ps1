<#
.SYNOPSIS
    The sandbox's own figures: durable writes from one client and from eight, memory holding a large
    database and after listing it, and cold start to the first answer; against a baseline build.
.DESCRIPTION
    Each figure is measured in a fresh pwsh per module (the module under test, and -BaselineModulePath
    when given, e.g. a build of main), the two alternating round by round so both meet the same load:
      - Writes: a sandbox started with Start-OpenShiftSandbox; 1 client, then 8 clients (each its own
        connection) create ConfigMaps for -Seconds; acknowledged writes per second (each acknowledged
        write is durable: committed with fsync before the 201). Then GETs of one object back to
        back, alone and while 4 clients write: what a cmdlet's read waits for during a rollout.
      - Memory: 2,000 image streams of 25 tags (4 images of history each) created through the API
        (about 38 MB of database), the sandbox restarted on that data; resident memory holding it, then
        after listing all streams (GET imagestreams, 27 MB) -Lists times, and the peak (VmHWM).
      - Cold start: Start-OpenShiftSandbox (the child pwsh host, what users run) until GET /version
        answers, on an empty data folder; in another such start, the methods the runtime JIT-compiled
        until then (DOTNET_JitStdOutFile with DOTNET_JitDisasmSummary: what ReadyToRun did not
        precompile); and the program alone under the dotnet host.
      - Rollouts: the tutorial's app on a fresh seeded sandbox (citas:v1 deployed), then -Moves tag
        moves alternating v2/v1 onto citas:prod, each followed by Get-AppRollout -Wait: the sandbox's
        CPU during each Set-ImageTag, and in the 1.5 s after each rollout completed (what a fresh
        sandbox spends on its own, e.g. compiling its code again).
    Loopback only; every loop is bounded in count and time. Prints a Markdown table (medians, spreads
    as min-max, ratios). build.ps1 Bench runs it through bench/Invoke-Benchmarks.ps1 (-Part Sandbox).
    By hand, after build.ps1 Build:
    dotnet pwsh bench/Measure-Sandbox.ps1 -ModulePath out/ImageStreamPS/ImageStreamPS.psd1 [-BaselineModulePath <main's build>]
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $BaselineModulePath,
    [ValidateRange(1, 20)] [int] $Rounds = 3,
    [ValidateRange(0.5, 30)] [double] $Seconds = 3,
    [ValidateRange(100, 5000)] [int] $Streams = 2000,
    [ValidateRange(1, 10)] [int] $Lists = 3,
    [ValidateRange(2, 20)] [int] $Moves = 6,
    # Internal: run one phase for one module in this process and print its JSON.
    [ValidateSet('', 'Writes', 'Memory', 'ColdStart', 'Rollouts')] [string] $Phase = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ModulePath = (Resolve-Path $ModulePath).ProviderPath

function New-DataPath {
    Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-bench-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
}

if ($Phase) {
    Add-Type -Path (Join-Path $PSScriptRoot 'SandboxLoad.cs') -ReferencedAssemblies System.Net.Http, System.Net.Primitives, System.Text.Json, System.Security.Cryptography, System.Collections, System.Linq, System.Diagnostics.Process, System.Memory, System.Runtime, System.Threading, System.Net.Security, System.Console, System.ComponentModel.Primitives
    Import-Module $ModulePath -Force
    $data = New-DataPath
    $sandbox = $null
    try {
        switch ($Phase) {
            'Writes' {
                $sandbox = Start-OpenShiftSandbox -DataPath $data
                $token = (Get-Content -Raw (Join-Path $data 'token')).Trim()
                $one = [ImageStreamPS.Bench.SandboxLoad]::Writes($sandbox.Server, $token, 'myproject', 1, $Seconds, 100000, 'one')
                $eight = [ImageStreamPS.Bench.SandboxLoad]::Writes($sandbox.Server, $token, 'myproject', 8, $Seconds, 100000, 'eight')
                $quiet = [ImageStreamPS.Bench.SandboxLoad]::ReadsDuringWrites($sandbox.Server, $token, 'myproject', 0, $Seconds, 'quiet')
                $busy = [ImageStreamPS.Bench.SandboxLoad]::ReadsDuringWrites($sandbox.Server, $token, 'myproject', 4, $Seconds, 'busy')
                [pscustomobject]@{ One = $one; Eight = $eight; ReadQuiet = $quiet[0]; ReadBusy = $busy[0]; ReadBusyP99 = $busy[1] } | ConvertTo-Json -Compress
            }
            'Memory' {
                $sandbox = Start-OpenShiftSandbox -DataPath $data
                $token = (Get-Content -Raw (Join-Path $data 'token')).Trim()
                $null = [ImageStreamPS.Bench.SandboxLoad]::Read($sandbox.Server, $token, '/version')
                Start-Sleep -Seconds 2
                $empty = [ImageStreamPS.Bench.SandboxLoad]::Memory($sandbox.ProcessId)[0]
                [ImageStreamPS.Bench.SandboxLoad]::ImageStreams($sandbox.Server, $token, 'myproject', $Streams, 25, 4, 8)
                Stop-OpenShiftSandbox $sandbox | Out-Null
                $database = (Get-ChildItem $data -Filter 'sandbox.db*' | Measure-Object Length -Sum).Sum
                $sandbox = Start-OpenShiftSandbox -DataPath $data
                $path = '/apis/image.openshift.io/v1/imagestreams'
                $null = [ImageStreamPS.Bench.SandboxLoad]::Read($sandbox.Server, $token, '/version')
                Start-Sleep -Seconds 2 # the controllers' first pass over what was loaded
                $holding = [ImageStreamPS.Bench.SandboxLoad]::Memory($sandbox.ProcessId)[0]
                $bytes = [ImageStreamPS.Bench.SandboxLoad]::Read($sandbox.Server, $token, $path)
                $afterOne = [ImageStreamPS.Bench.SandboxLoad]::Memory($sandbox.ProcessId)[0]
                foreach ($i in 2..$Lists) { $null = [ImageStreamPS.Bench.SandboxLoad]::Read($sandbox.Server, $token, $path) }
                Start-Sleep -Seconds 2
                $memory = [ImageStreamPS.Bench.SandboxLoad]::Memory($sandbox.ProcessId)
                [pscustomobject]@{ Empty = $empty; Database = $database; ListBytes = $bytes; Holding = $holding; AfterOne = $afterOne; After = $memory[0]; Peak = $memory[1] } |
                    ConvertTo-Json -Compress
            }
            'Rollouts' {
                $sandbox = Start-OpenShiftSandbox -DataPath $data -Seed Tutorial -Connect
                $cpu = { [ImageStreamPS.Bench.SandboxLoad]::CpuMilliseconds($sandbox.ProcessId) }
                $wait = New-TimeSpan -Seconds 60
                New-ImageStream citas | Out-Null
                Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 | Out-Null
                Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 | Out-Null
                Set-ImageTag citas:v1 citas:prod
                New-App citas:prod -Name app-citas | Out-Null
                $null = Get-AppRollout app-citas -Wait -Timeout $wait
                $tag = [Collections.Generic.List[double]]::new()
                $after = [Collections.Generic.List[double]]::new()
                foreach ($move in 1..$Moves) {
                    $before = & $cpu
                    Set-ImageTag $(if ($move % 2) { 'citas:v2' } else { 'citas:v1' }) citas:prod
                    $tag.Add((& $cpu) - $before)
                    $rollout = Get-AppRollout app-citas -Wait -Timeout $wait
                    # Seen once on a loaded machine (main's build): -Wait answered while the rollout was
                    # still Progressing; wait once more, then give up.
                    if ("$($rollout.Status)" -ne 'Complete') { $rollout = Get-AppRollout app-citas -Wait -Timeout $wait }
                    if ("$($rollout.Status)" -ne 'Complete') { throw "rollout $move ended $($rollout.Status)" }
                    $done = & $cpu
                    Start-Sleep -Milliseconds 1500
                    $after.Add((& $cpu) - $done)
                }
                [pscustomobject]@{ TagCpu = $tag; AfterCpu = $after } | ConvertTo-Json -Compress
            }
            'ColdStart' {
                # Start-OpenShiftSandbox (child pwsh host) to the first answer, on an empty data folder.
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $sandbox = Start-OpenShiftSandbox -DataPath $data
                $null = [ImageStreamPS.Bench.SandboxLoad]::Read($sandbox.Server, (Get-Content -Raw (Join-Path $data 'token')).Trim(), '/version')
                $host_ = $clock.Elapsed.TotalMilliseconds
                $hostCpu = [ImageStreamPS.Bench.SandboxLoad]::CpuMilliseconds($sandbox.ProcessId)
                Stop-OpenShiftSandbox $sandbox | Out-Null
                $sandbox = $null
                Remove-Item $data -Recurse -Force
                # Methods the runtime JIT-compiled until the first answer (its own list of them): another
                # start, as the list costs time (what is precompiled is not on it).
                $jitList = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-bench-jit-$PID.txt"
                $env:DOTNET_JitStdOutFile = $jitList; $env:DOTNET_JitDisasmSummary = '1'
                try { $sandbox = Start-OpenShiftSandbox -DataPath $data }
                finally { $env:DOTNET_JitStdOutFile = $null; $env:DOTNET_JitDisasmSummary = $null }
                $null = [ImageStreamPS.Bench.SandboxLoad]::Read($sandbox.Server, (Get-Content -Raw (Join-Path $data 'token')).Trim(), '/version')
                $jitted = @(Get-Content $jitList).Count
                Stop-OpenShiftSandbox $sandbox | Out-Null
                $sandbox = $null
                Remove-Item $data, $jitList -Recurse -Force -ErrorAction SilentlyContinue
                # The program alone under the dotnet host, when there is one.
                $program = Join-Path (Split-Path $ModulePath) 'sandbox/ImageStreamPS.Sandbox.dll'
                $dotnet = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
                $direct = $directCpu = $null
                if ($dotnet) {
                    $process = $null
                    $times = [ImageStreamPS.Bench.SandboxLoad]::ColdStart($dotnet.Source, @($program, '--data', $data, '--port', '0', '--exit-with-parent'), (Join-Path $data 'token'), [ref] $process)
                    $direct = $times[1]
                    $directCpu = $times[3]
                    $process.StandardInput.Close()
                    if (-not $process.WaitForExit(10000)) { $process.Kill() }
                }
                # The floor: a bare pwsh of the same installation starting and exiting.
                $clock.Restart()
                & ([Environment]::ProcessPath) @(if ((Split-Path ([Environment]::ProcessPath) -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" }) -NoLogo -NoProfile -NonInteractive -Command 'exit 0'
                $bare = $clock.Elapsed.TotalMilliseconds
                [pscustomobject]@{ Host = $host_; HostCpu = $hostCpu; Jitted = $jitted; Program = $direct; ProgramCpu = $directCpu; BarePwsh = $bare } | ConvertTo-Json -Compress
            }
        }
    }
    finally {
        if ($sandbox) { Stop-OpenShiftSandbox $sandbox | Out-Null }
        Remove-Item $data -Recurse -Force -ErrorAction SilentlyContinue
    }
    return
}

# ---- orchestration: each phase in a fresh pwsh, module and baseline alternating ------------------
$process = [Environment]::ProcessPath
$prefix = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
$modules = [ordered]@{ this = $ModulePath }
if ($BaselineModulePath) { $modules['baseline'] = (Resolve-Path $BaselineModulePath).ProviderPath }

function Invoke-Phase([string] $Name, [string] $Module) {
    $output = & $process @prefix -NoProfile -NonInteractive -File $PSCommandPath -ModulePath $Module -Phase $Name -Seconds $Seconds -Streams $Streams -Lists $Lists -Moves $Moves
    if ($LASTEXITCODE -ne 0) { throw "The $Name phase exited with $LASTEXITCODE for $Module" }
    @($output | Where-Object { "$_".StartsWith('{') })[-1] | ConvertFrom-Json
}

$results = @{}
foreach ($key in $modules.Keys) { $results[$key] = @{ Writes = @(); Memory = @(); ColdStart = @(); Rollouts = @() } }
foreach ($round in 1..$Rounds) {
    foreach ($phase in 'ColdStart', 'Writes', 'Rollouts') {
        foreach ($key in $modules.Keys) { $results[$key][$phase] += Invoke-Phase $phase $modules[$key] }
    }
}
foreach ($key in $modules.Keys) { $results[$key].Memory += Invoke-Phase 'Memory' $modules[$key] }

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}
function Format-Figure([double[]] $Values, [string] $Format) {
    $median = Get-Median $Values
    $spread = if ($Values.Count -gt 1) { " ($(($Values | Measure-Object -Minimum).Minimum.ToString($Format))-$(($Values | Measure-Object -Maximum).Maximum.ToString($Format)))" } else { '' }
    "$($median.ToString($Format))$spread"
}
$mb = 1MB

$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add("| figure | $(@($modules.Keys | ForEach-Object { if ($_ -eq 'this') { 'this build' } else { 'baseline' } }) -join ' | ') | target |")
$lines.Add("|---|$(@($modules.Keys | ForEach-Object { '---:' }) -join '|')|---|")
function Add-Row([string] $Figure, [scriptblock] $Cell, [string] $Target) {
    $lines.Add("| $Figure | $(@($modules.Keys | ForEach-Object { & $Cell $results[$_] }) -join ' | ') | $Target |")
}
Add-Row 'durable writes/s, 1 client' { param($r) Format-Figure @($r.Writes.One) 'N0' } ''
Add-Row 'durable writes/s, 8 clients' { param($r) Format-Figure @($r.Writes.Eight) 'N0' } '>= 10,000/s'
Add-Row '8 clients / 1 client (median of ratios)' { param($r) "$((Get-Median @($r.Writes | ForEach-Object { $_.Eight / $_.One })).ToString('0.0'))x" } '>= 5x'
Add-Row 'GET of one object, median ms, no writes' { param($r) Format-Figure @($r.Writes.ReadQuiet) 'N2' } ''
Add-Row '... while 4 clients write, median ms' { param($r) Format-Figure @($r.Writes.ReadBusy) 'N2' } ''
Add-Row '... while 4 clients write, p99 ms' { param($r) Format-Figure @($r.Writes.ReadBusyP99) 'N1' } ''
Add-Row 'database (sandbox.db + WAL)' { param($r) "$(($r.Memory[0].Database / $mb).ToString('0')) MB" } ''
Add-Row 'memory of an empty sandbox (RSS)' { param($r) "$(($r.Memory[0].Empty / $mb).ToString('0')) MB" } ''
Add-Row 'memory holding it (RSS)' { param($r) "$(($r.Memory[0].Holding / $mb).ToString('0')) MB = $(($r.Memory[0].Holding / $r.Memory[0].Database).ToString('0.0'))x" } '<= 3x the database'
Add-Row "after $Lists lists of all streams ($(($results.this.Memory[0].ListBytes / $mb).ToString('0.0')) MB each)" { param($r) "$(($r.Memory[0].After / $mb).ToString('0')) MB (+$((($r.Memory[0].After - $r.Memory[0].Holding) / $mb).ToString('0')))" } 'no growth'
Add-Row 'peak RSS' { param($r) "$(($r.Memory[0].Peak / $mb).ToString('0')) MB" } ''
Add-Row "sandbox CPU per Set-ImageTag in a rollout run, ms (median of $Rounds x $Moves)" { param($r) Format-Figure @($r.Rollouts | ForEach-Object { $_.TagCpu }) 'N0' } ''
Add-Row '... its CPU in the 1.5 s after each rollout completed, ms' { param($r) Format-Figure @($r.Rollouts | ForEach-Object { $_.AfterCpu }) 'N0' } ''
Add-Row 'cold start: Start-OpenShiftSandbox to first answer, ms' { param($r) Format-Figure @($r.ColdStart.Host) 'N0' } '<= 250 ms'
Add-Row '... CPU the sandbox process used until then, ms' { param($r) Format-Figure @($r.ColdStart.HostCpu) 'N0' } ''
Add-Row '... methods JIT-compiled until then (the rest precompiled)' { param($r) Format-Figure @($r.ColdStart.Jitted) 'N0' } ''
Add-Row '... baseline: a bare pwsh -Command exit, ms' { param($r) Format-Figure @($r.ColdStart.BarePwsh) 'N0' } ''
Add-Row 'cold start: the program alone (dotnet host) to first answer, ms' { param($r) if (@($r.ColdStart.Program | Where-Object { $_ }).Count) { Format-Figure @($r.ColdStart.Program) 'N0' } else { 'no dotnet host' } } ''
Add-Row '... its CPU until then, ms' { param($r) if (@($r.ColdStart.ProgramCpu | Where-Object { $_ }).Count) { Format-Figure @($r.ColdStart.ProgramCpu) 'N0' } else { '' } } ''
$lines
