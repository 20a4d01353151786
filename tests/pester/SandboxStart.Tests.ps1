# How the child pwsh runs the sandbox (#18): the program starts from a .NET startup hook, before
# PowerShell's engine, so the sandbox process never loads PowerShell (its second of CPU and 80 MB).
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
}

Describe 'The sandbox process' {
    It 'serves the API without having started PowerShell' -Skip:(-not $IsLinux) {
        $sandbox = Start-OpenShiftSandbox -DataPath (Join-Path $TestDrive 'sandbox')
        try {
            $version = Invoke-RestMethod ([uri]::new($sandbox.Server, '/version')) -SkipCertificateCheck
            # What the process has loaded: the sandbox program, and no System.Management.Automation.
            $maps = Get-Content -Raw "/proc/$($sandbox.ProcessId)/maps"

            $version.gitVersion | Should -Match '^v\d+\.\d+\.\d+'
            $maps | Should -Match 'ImageStreamPS\.Sandbox\.dll'
            $maps | Should -Not -Match 'System\.Management\.Automation\.dll'
        }
        finally {
            Stop-OpenShiftSandbox $sandbox
        }
    }
}

# On a shared .NET runtime (PowerShell as a .NET tool, an SDK's runtime) the installed ASP.NET Core of
# that runtime's version, precompiled for the platform, is used before the module's IL-only copy; a
# PowerShell with its own runtime uses the module's (Package.Tests: "only its own .NET runtime").
Describe 'The ASP.NET Core the sandbox runs on' -Skip:(-not $IsLinux) {
    BeforeAll {
        $runtime = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory().TrimEnd('/')
        $version = [Environment]::Version
        $installedRoot = Join-Path (Split-Path (Split-Path $runtime)) 'Microsoft.AspNetCore.App'
        $installed = if ((Split-Path (Split-Path $runtime) -Leaf) -eq 'Microsoft.NETCore.App' -and (Test-Path $installedRoot)) {
            Get-ChildItem $installedRoot -Directory |
                Where-Object { ($v = $_.Name -as [version]) -and $v.Major -eq $version.Major -and $v.Minor -eq $version.Minor -and $v -le $version } |
                Sort-Object { [version] $_.Name } | Select-Object -Last 1
        }
        $moduleFrameworks = Join-Path (Split-Path $env:IMAGESTREAMPS_MODULE_PATH) 'sandbox/aspnetcore'
    }

    It 'says which one it starts with, loads Kestrel from there, and answers' {
        $said = $null
        $sandbox = Start-OpenShiftSandbox -DataPath (Join-Path $TestDrive 'framework') -Verbose 4>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.VerboseRecord]) { if ($_.Message -like 'Starting the sandbox in *') { $said = $_.Message } } else { $_ }
        }
        try {
            $version = Invoke-RestMethod ([uri]::new($sandbox.Server, '/version')) -SkipCertificateCheck
            $kestrel = @(Get-Content "/proc/$($sandbox.ProcessId)/maps" | ForEach-Object { ($_ -split '\s+', 6)[5] } |
                Where-Object { $_ -like '*/Microsoft.AspNetCore.Server.Kestrel.Core.dll' } | Sort-Object -Unique)

            $version.gitVersion | Should -Match '^v\d+\.\d+\.\d+'
            $kestrel | Should -HaveCount 1
            if ($installed) {
                $said | Should -BeLike "*, with the installed ASP.NET Core $($installed.Name) ($($installed.FullName)):*"
                $kestrel[0] | Should -Be (Join-Path $installed.FullName 'Microsoft.AspNetCore.Server.Kestrel.Core.dll')
            }
            else {
                $said | Should -Match "with the module's ASP\.NET Core \d+\.\d+\.\d+:"
                $kestrel[0] | Should -BeLike "$moduleFrameworks/*"
            }
        }
        finally {
            Stop-OpenShiftSandbox $sandbox
        }
    }
}

# The build precompiles the sandbox's own assemblies (ReadyToRun) for its platform and .NET major into
# sandbox/<os>-<arch>-net<major> (build/Add-ReadyToRun.ps1); the sandbox's load context takes those
# copies on exactly that platform and runtime, by the rule the module's own dependencies follow
# (DependencyLoadContext.PrecompiledIn), and the IL-only ones everywhere else (#18).
Describe 'The sandbox''s precompiled assemblies' -Skip:(-not $IsLinux) {
    BeforeAll {
        . "$PSScriptRoot/../../build/IsolatedProfile.ps1"
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $arch = [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        $major = [Environment]::Version.Major
        $platform = "$os-$arch-net$major"
        $own = 'ImageStreamPS.Sandbox', 'ImageStreamPS.OpenShift', 'KubernetesClient', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core'

        # The sandbox files (assemblies) a running sandbox has mapped, after it answered /version.
        function Get-SandboxAssembly([string] $ModulePath, [string] $DataPath) {
            $pwsh, $pwshArguments = Get-PwshCommand
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$sandbox = Start-OpenShiftSandbox -DataPath '$DataPath'
try {
    `$version = Invoke-RestMethod ([uri]::new(`$sandbox.Server, '/version')) -SkipCertificateCheck
    'VERSION=' + `$version.gitVersion
    Get-Content "/proc/`$(`$sandbox.ProcessId)/maps" | ForEach-Object { (`$_ -split '\s+', 6)[5] } | Where-Object { `$_ -like '*.dll' } | Sort-Object -Unique | ForEach-Object { 'FILE=' + `$_ }
}
finally { Stop-OpenShiftSandbox `$sandbox | Out-Null }
"@
            $output = Invoke-WithIsolatedProfile -ProfilePath (Join-Path $TestDrive "home-$(Split-Path $DataPath -Leaf)") {
                & $pwsh @pwshArguments -NoProfile -NonInteractive -Command $script 2>&1
            }
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Output = $output | Out-String
                Version = @($output | Where-Object { "$_" -like 'VERSION=*' } | ForEach-Object { "$_".Substring(8) })
                Files = @($output | Where-Object { "$_" -like 'FILE=*' } | ForEach-Object { "$_".Substring(5) })
            }
        }
    }

    It 'loads the copies precompiled for this platform and runtime, where the build made them' {
        $sandboxFolder = Join-Path (Split-Path $env:IMAGESTREAMPS_MODULE_PATH) 'sandbox'
        $run = Get-SandboxAssembly $env:IMAGESTREAMPS_MODULE_PATH (Join-Path $TestDrive 'precompiled')

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Version | Should -Match '^v\d+\.\d+\.\d+'
        foreach ($name in $own) {
            $precompiled = Join-Path $sandboxFolder "$platform/$name.dll"
            $expected = if (Test-Path $precompiled) { $precompiled } else { Join-Path $sandboxFolder "$name.dll" }
            @($run.Files | Where-Object { (Split-Path $_ -Leaf) -eq "$name.dll" }) | Should -Be @($expected) -Because "$name is loaded once, from $expected"
        }
    }

    It 'loads the IL-only copies where the precompiled ones are for another .NET major or platform' {
        # A copy of the module (hard links) whose precompiled folders name another runtime and another platform.
        $module = Join-Path $TestDrive 'other-platform/ImageStreamPS'
        $null = New-Item -ItemType Directory (Split-Path $module)
        & cp -al (Split-Path $env:IMAGESTREAMPS_MODULE_PATH) $module
        $sandboxFolder = Join-Path $module 'sandbox'
        $folders = @(Get-ChildItem $sandboxFolder, (Join-Path $sandboxFolder 'aspnetcore/*') -Directory -Filter $platform)
        foreach ($folder in $folders) {
            & cp -al $folder.FullName (Join-Path $folder.Parent.FullName "$os-$(if ($arch -eq 'arm64') { 'x64' } else { 'arm64' })-net$major")
            Rename-Item $folder.FullName "$os-$arch-net$($major - 1)"
        }
        $run = Get-SandboxAssembly (Join-Path $module 'ImageStreamPS.psd1') (Join-Path $TestDrive 'other-platform-data')

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Version | Should -Match '^v\d+\.\d+\.\d+'
        foreach ($name in $own) {
            @($run.Files | Where-Object { (Split-Path $_ -Leaf) -eq "$name.dll" }) | Should -Be @(Join-Path $sandboxFolder "$name.dll")
        }
        $run.Files | Where-Object { $_ -like "$sandboxFolder/*-net*/*" } | Should -BeNullOrEmpty
    }
}
