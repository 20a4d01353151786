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
