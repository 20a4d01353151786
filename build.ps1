#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, demonstrates, packages and benchmarks ImageStreamPS.
.DESCRIPTION
    Build    publishes the importable module folder to out/ImageStreamPS (the module, its
             dependencies in their own folder, and the sandbox program).
    Test     Build, then every xunit project and the Pester suite; prints one line
             "N passed, N failed" with the totals of all runners and exits non-zero on failure.
    Demo     Build, then the tutorial end to end on the local sandbox (examples/Tutorial.ps1).
    Package  Build, then a versioned nupkg in out/packages that Install-PSResource accepts.
    Bench    Build, then the benchmarks (bench/); results go to bench/README.md.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Runs only the Pester files whose path matches, or skips the xunit projects with -SkipXunit.
    [string] $PesterFilter,
    [switch] $SkipXunit,
    [switch] $SkipPester
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:MSBUILDDISABLENODEREUSE = '1'
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'ImageStreamPS'
$ResultsDir = Join-Path $Out 'test-results'
$PesterVersion = '6.2.0'
. (Join-Path $Root 'build/IsolatedProfile.ps1')   # Get-PwshCommand, Invoke-WithIsolatedProfile

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command exited with $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', "$Root/ImageStreamPS.sln", '-c', $Configuration, '-nologo', '-v', 'quiet', '-clp:ErrorsOnly;Summary')

    $staging = Join-Path $Out 'publish'
    Remove-Item $staging, $ModuleOut -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', "$Root/src/ImageStreamPS/ImageStreamPS.csproj", '-c', $Configuration, '--no-build', '-nologo', '-v', 'quiet', '-o', "$staging/module")
    Invoke-Native dotnet @('publish', "$Root/src/ImageStreamPS.Sandbox/ImageStreamPS.Sandbox.csproj", '-c', $Configuration, '--no-build', '-nologo', '-v', 'quiet', '-o', "$staging/sandbox")

    # Layout: the front end beside the manifest; everything it loads through the engine in
    # dependencies/ (its own AssemblyLoadContext); the sandbox program in sandbox/.
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'dependencies')
    Get-ChildItem "$staging/module" -File | ForEach-Object {
        if ($_.Name -like 'ImageStreamPS.dll' -or $_.Name -like 'ImageStreamPS.xml' -or $_.Name -like 'ImageStreamPS.pdb') {
            Copy-Item $_.FullName $ModuleOut
        }
        elseif ($_.Extension -in '.dll', '.pdb') {
            Copy-Item $_.FullName $dependencies
        }
    }
    foreach ($folder in 'Formats', 'Types', 'en-US') {
        $source = Join-Path $staging "module/$folder"
        if (Test-Path $source) { Copy-Item $source (Join-Path $ModuleOut $folder) -Recurse }
    }
    Copy-Item "$Root/ImageStreamPS.psd1" $ModuleOut
    & "$Root/build/Merge-FormatFiles.ps1" -ModuleFolder $ModuleOut
    # The sandbox program runs in a child pwsh on PowerShell's own runtime, with its own ASP.NET Core
    # (no dotnet host or shared framework needed), so its platform-specific launcher is left out.
    $sandbox = Join-Path $ModuleOut 'sandbox'
    Copy-Item "$staging/sandbox" $sandbox -Recurse
    Remove-Item (Join-Path $sandbox 'ImageStreamPS.Sandbox'), (Join-Path $sandbox 'ImageStreamPS.Sandbox.exe') -ErrorAction SilentlyContinue
    & "$Root/build/Add-SandboxFramework.ps1" -SandboxFolder $sandbox -Root $Root
    & "$Root/build/Add-ReadyToRun.ps1" -ModuleFolder $ModuleOut -Root $Root

    # Help from the cmdlets' doc comments, generated in a fresh pwsh so this one never loads the module.
    $pwsh, $pwshArgs = Get-PwshCommand
    & $pwsh @pwshArgs -NoProfile -NonInteractive -File "$Root/build/New-ModuleHelp.ps1" `
        -ModulePath "$ModuleOut/ImageStreamPS.psd1" -DocumentationPath "$ModuleOut/ImageStreamPS.xml" `
        -OutputPath "$ModuleOut/en-US/ImageStreamPS.dll-Help.xml"
    if ($LASTEXITCODE -ne 0) { throw "The help generator exited with $LASTEXITCODE" }
    Write-Host "Module published to $ModuleOut" -ForegroundColor Green
}

function Get-PesterModulePath {
    $project = Join-Path $Root 'tests/pester/PesterPackage.csproj'
    Invoke-Native dotnet @('restore', $project, '-nologo', '-v', 'quiet')
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $PesterVersion was not restored to $path" }
    $path
}

function Install-TestRegistry {
    # The importer's tests run against Debian's docker-registry (distribution v2), and the integrated
    # registry's auth against skopeo (a real registry client), and the real-client checks against
    # python3-kubernetes and ansible (its kubernetes.core and community.okd collections). Install them
    # when we can (root with apt); the tests themselves decide what to do when they are absent.
    if ((Get-Command docker-registry -ErrorAction SilentlyContinue) -and (Get-Command skopeo -ErrorAction SilentlyContinue) -and
        (Test-Path /usr/lib/python3/dist-packages/kubernetes) -and (Test-Path /usr/lib/python3/dist-packages/ansible_collections/community/okd)) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) { return }
    if ((& id -u) -ne '0') { return }
    Write-Host 'Installing docker-registry, skopeo, python3-kubernetes and ansible for the registry and client tests' -ForegroundColor DarkGray
    & apt-get update -qq *> $null
    & apt-get install -y -qq docker-registry skopeo python3-kubernetes ansible *> $null
    if ($LASTEXITCODE -ne 0) { Write-Warning 'apt-get install docker-registry skopeo python3-kubernetes ansible failed' }
}

function Install-TestClients {
    # The real-client checks also drive npm's openshift-rest-client (pinned), installed under out/;
    # without npm, or when the install fails or takes over three minutes, those checks say so and skip.
    $dir = Join-Path $Root 'out/test-clients'
    if (Test-Path (Join-Path $dir 'node_modules/openshift-rest-client/package.json')) { return }
    $npm = Get-Command npm -ErrorAction SilentlyContinue
    if (-not $npm) { return }
    New-Item -ItemType Directory -Force $dir | Out-Null
    Write-Host 'Installing openshift-rest-client (npm) for the client tests' -ForegroundColor DarkGray
    # Its cache stays under out/ too: nothing lands in the user's profile.
    $install = Start-Process $npm.Source -ArgumentList 'install', '--prefix', $dir, '--cache', (Join-Path $dir 'npm-cache'), '--no-audit', '--no-fund', '--silent', 'openshift-rest-client@9.1.1' `
        -NoNewWindow -PassThru -RedirectStandardOutput (Join-Path $dir 'npm.log') -RedirectStandardError (Join-Path $dir 'npm.err')
    if (-not $install.WaitForExit(180000)) { $install.Kill($true); Write-Warning 'npm install openshift-rest-client took too long' }
}

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -Raw $Path
    $counters = $trx.TestRun.ResultSummary.Counters
    $failedNames = @($trx.TestRun.Results.UnitTestResult | Where-Object outcome -in 'Failed', 'Error', 'Timeout' | ForEach-Object testName)
    [pscustomobject]@{ Passed = [int] $counters.passed; Failed = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout; FailedNames = $failedNames }
}

function Invoke-Test {
    Invoke-Build
    Remove-Item $ResultsDir -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $ResultsDir | Out-Null
    $passed = 0; $failed = 0
    $xunitFailures = [System.Collections.Generic.List[string]]::new()

    if (-not $SkipXunit) {
        Install-TestRegistry
        Install-TestClients
        foreach ($project in Get-ChildItem "$Root/tests" -Filter '*.Tests.csproj' -Recurse) {
            $name = $project.BaseName
            $trx = Join-Path $ResultsDir "$name.trx"
            & dotnet test $project.FullName -c $Configuration --no-build --nologo `
                --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal' --results-directory $ResultsDir
            $exit = $LASTEXITCODE
            if (Test-Path $trx) {
                $counts = Read-TrxCounts $trx
                $passed += $counts.Passed; $failed += $counts.Failed
                foreach ($testName in $counts.FailedNames) { $xunitFailures.Add("$name`: $testName") }
                if ($exit -ne 0 -and $counts.Failed -eq 0) { $failed++; Write-Warning "$name exited with $exit" }
            }
            else {
                $failed++
                Write-Warning "$name produced no results (exit $exit)"
            }
        }
    }

    if (-not $SkipPester) {
        $pester = Get-PesterModulePath
        $summary = Join-Path $ResultsDir 'pester-summary.json'
        $pwsh, $pwshArgs = Get-PwshCommand
        # The suite runs as on a new contributor's machine: an empty user profile of its own, so
        # neither the user's settings, kubeconfig and running sandboxes reach the tests nor the
        # tests' files reach the user's profile.
        $testProfile = Join-Path ([System.IO.Path]::GetTempPath()) "isps-test-profile-$([guid]::NewGuid().ToString('n'))"
        try {
            Invoke-WithIsolatedProfile -ProfilePath $testProfile {
                & $pwsh @pwshArgs -NoProfile -NonInteractive -File "$Root/tests/pester/Invoke-PesterSuite.ps1" `
                    -PesterPath $pester -ModulePath "$ModuleOut/ImageStreamPS.psd1" -ResultsDirectory $ResultsDir -Filter $PesterFilter
            }
            $exit = $LASTEXITCODE
        }
        finally { Remove-Item $testProfile -Recurse -Force -ErrorAction SilentlyContinue }
        if (Test-Path $summary) {
            $counts = Get-Content -Raw $summary | ConvertFrom-Json
            $passed += $counts.Passed; $failed += $counts.Failed
            if ($exit -ne 0 -and $counts.Failed -eq 0) { $failed++; Write-Warning "Pester exited with $exit" }
        }
        else {
            $failed++
            Write-Warning "Pester produced no results (exit $exit)"
        }
    }

    # CI logs are read from the end: the xunit failures are named again here (Pester names its own
    # at the end of its run).
    foreach ($failure in $xunitFailures) { Write-Host "FAILED: $failure" }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & "$Root/examples/Tutorial.ps1" -ModulePath "$ModuleOut/ImageStreamPS.psd1"
    if (-not $?) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    # Packs without registering a repository: nothing is left in the user's PSResourceGet settings.
    $package = & "$Root/build/New-ModulePackage.ps1" -ModuleFolder $ModuleOut -DestinationPath (Join-Path $Out 'packages')
    Write-Host "Package: $($package.FullName)" -ForegroundColor Green
}

function Invoke-Bench {
    Invoke-Build
    & "$Root/bench/Invoke-Benchmarks.ps1" -ModulePath "$ModuleOut/ImageStreamPS.psd1"
    if (-not $?) { exit 1 }
    # The client's figures (#18: warm calls, tail, CPU, lists, start-up) in a pwsh of their own.
    $pwsh, $pwshArgs = Get-PwshCommand
    & $pwsh @pwshArgs -NoProfile -NonInteractive -File "$Root/bench/Measure-ClientFigures.ps1" -ModulePath "$ModuleOut/ImageStreamPS.psd1" -UpdateReadme
    if ($LASTEXITCODE -ne 0) { exit 1 }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
}
