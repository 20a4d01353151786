# build.ps1 Package: the nupkg users install. Packs the published module with the same script the
# Package task runs, installs it with Install-PSResource from a folder repository and imports it in
# a fresh pwsh, all under a temporary HOME so no repository or module is left in the user's store.
BeforeAll {
    $modulePath = $env:IMAGESTREAMPS_MODULE_PATH
    $moduleFolder = Split-Path $modulePath
    $root = Resolve-Path "$PSScriptRoot/../.."
    $manifest = Import-PowerShellDataFile $modulePath

    $scratch = Join-Path ([System.IO.Path]::GetTempPath()) "isps-package-$([guid]::NewGuid().ToString('n'))"
    $packages = New-Item -ItemType Directory -Force (Join-Path $scratch 'packages')
    $home2 = New-Item -ItemType Directory -Force (Join-Path $scratch 'home')

    # The user's store (build.ps1 Test gives the suite an empty profile of its own, as on a new
    # contributor's machine), to prove that packing and installing leave it as it was.
    $userRepositoryStore = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
    $storeBefore = if (Test-Path $userRepositoryStore) { (Get-FileHash $userRepositoryStore).Hash } else { 'absent' }

    $package = & "$root/build/New-ModulePackage.ps1" -ModuleFolder $moduleFolder -DestinationPath $packages.FullName

    . "$root/build/IsolatedProfile.ps1"
    function Invoke-FreshPwsh([string] $Script) {
        # A new pwsh whose user folders (modules, PSResourceGet settings) are all under $home2.
        $pwsh, $pwshArgs = Get-PwshCommand
        Invoke-WithIsolatedProfile -ProfilePath $home2.FullName {
            $output = & $pwsh @pwshArgs -NoProfile -NonInteractive -Command $Script 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
    }

    $repository = "ImageStreamPSTest$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $install = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name '$repository' -Uri '$($packages.FullName)' -Trusted
try {
    Install-PSResource -Name ImageStreamPS -Repository '$repository' -Scope CurrentUser -TrustRepository -Quiet
}
finally {
    Unregister-PSResourceRepository -Name '$repository'
}
'REPOSITORIES=' + (@(Get-PSResourceRepository | Where-Object Name -eq '$repository').Count)
"@
    $import = Invoke-FreshPwsh @'
$ErrorActionPreference = 'Stop'
Import-Module ImageStreamPS
$module = Get-Module ImageStreamPS
[pscustomobject]@{
    Version  = "$($module.Version)"
    Base     = $module.ModuleBase
    Cmdlets  = @($module.ExportedCmdlets.Keys | Sort-Object)
    Formats  = @($module.ExportedFormatFiles | ForEach-Object { Split-Path $_ -Leaf })
    About    = [bool] ((Get-Help about_ImageStreamPS | Out-String) -match 'SHORT DESCRIPTION')
    Engine   = Test-Path (Join-Path $module.ModuleBase 'dependencies/ImageStreamPS.OpenShift.dll')
    Sandbox  = Test-Path (Join-Path $module.ModuleBase 'sandbox/ImageStreamPS.Sandbox.dll')
} | ConvertTo-Json -Compress
'@
}

AfterAll {
    Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The package build.ps1 Package writes' {
    It 'is named and versioned after the manifest' {
        $package.Name | Should -Be "ImageStreamPS.$($manifest.ModuleVersion).nupkg"
    }

    It 'carries the same version as the assemblies (Directory.Build.props)' {
        ([xml] (Get-Content -Raw "$root/Directory.Build.props")).Project.PropertyGroup.Version | Should -Be $manifest.ModuleVersion
    }

    It 'has the gallery metadata: tags, project and licence URIs, release notes' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'ImageStreamPS.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
            $files = @($zip.Entries.FullName)
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.version | Should -Be $manifest.ModuleVersion
        $metadata.tags | Should -Match '\bOpenShift\b'
        $metadata.tags | Should -Match '\bPSEdition_Core\b'
        $metadata.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        $files | Should -Contain 'en-US/ImageStreamPS.dll-Help.xml'
        $files | Should -Contain 'dependencies/ImageStreamPS.OpenShift.dll'
        $files | Should -Contain 'sandbox/ImageStreamPS.Sandbox.dll'
    }
}

Describe 'The manifest in the package' {
    It 'lists every cmdlet the module defines, by name, with no wildcard' {
        $exported = @($manifest.CmdletsToExport)
        $exported | Where-Object { [WildcardPattern]::ContainsWildcardCharacters($_) } | Should -BeNullOrEmpty
        $assembly = (Import-Module $modulePath -PassThru -Force).ImplementingAssembly
        $defined = @($assembly.GetExportedTypes() |
                Where-Object { -not $_.IsAbstract -and $_.IsSubclassOf([System.Management.Automation.Cmdlet]) } |
                ForEach-Object {
                    $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
                    "$($attribute.VerbName)-$($attribute.NounName)"
                })
        @($exported | Sort-Object) | Should -Be @($defined | Sort-Object)
    }

    It 'exports no functions, variables or aliases by wildcard' {
        foreach ($key in 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $manifest.ContainsKey($key) | Should -BeTrue -Because "$key absent means everything"
            @($manifest[$key]) -join ',' | Should -Not -Match '\*'
        }
    }

    It 'lists format and type files that are in the module folder' {
        foreach ($file in @($manifest.FormatsToProcess) + @($manifest.TypesToProcess) | Where-Object { $_ }) {
            Join-Path $moduleFolder $file | Should -Exist
        }
    }
}

Describe 'Installing the package with Install-PSResource from a folder repository' {
    It 'installs, and unregisters the temporary repository' {
        $install.ExitCode | Should -Be 0 -Because $install.Output
        $install.Output | Should -Match 'REPOSITORIES=0'
        Join-Path $home2 ".local/share/powershell/Modules/ImageStreamPS/$($manifest.ModuleVersion)/ImageStreamPS.psd1" | Should -Exist
    }

    It 'imports by name in a fresh pwsh, with its cmdlets, formats, help, engine and sandbox' {
        $import.ExitCode | Should -Be 0 -Because $import.Output
        $imported = ($import.Output -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        $imported.Version | Should -Be $manifest.ModuleVersion
        $imported.Base | Should -BeLike "$home2*"
        @($imported.Cmdlets) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        @($imported.Formats).Count | Should -Be @($manifest.FormatsToProcess).Count
        $imported.About | Should -BeTrue
        $imported.Engine | Should -BeTrue
        $imported.Sandbox | Should -BeTrue
    }

    It 'leaves the user''s own repository settings as they were' {
        $storeAfter = if (Test-Path $userRepositoryStore) { (Get-FileHash $userRepositoryStore).Hash } else { 'absent' }
        $storeAfter | Should -Be $storeBefore
    }
}

# Issue #19: most people's PowerShell is self-contained (its own .NET runtime in $PSHOME, no dotnet
# host, no ASP.NET Core shared framework). Reproduced as the issue did: the PowerShell apphost on a
# runtime folder holding only host/fxr and shared/Microsoft.NETCore.App, DOTNET_ROOT there and no
# dotnet on PATH; the module is the one Install-PSResource installed above.
Describe 'The installed package on a PowerShell with only its own .NET runtime' -Skip:(-not $IsLinux) {
    BeforeAll {
        $runtimeDirectory = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory().TrimEnd('/')
        $dotnetRoot = Split-Path (Split-Path (Split-Path $runtimeDirectory))
        $runtimeRoot = Join-Path $scratch 'runtime'
        $fxr = Get-ChildItem (Join-Path $dotnetRoot 'host/fxr') -Directory | Sort-Object { [version] $_.Name } | Select-Object -Last 1
        New-Item -ItemType Directory -Force (Join-Path $runtimeRoot 'host/fxr'), (Join-Path $runtimeRoot 'shared/Microsoft.NETCore.App') | Out-Null
        Copy-Item $fxr.FullName (Join-Path $runtimeRoot 'host/fxr') -Recurse
        Copy-Item $runtimeDirectory (Join-Path $runtimeRoot 'shared/Microsoft.NETCore.App') -Recurse
        $apphost = Join-Path $PSHOME 'pwsh'

        $tutorial = Join-Path $scratch 'tutorial-on-own-runtime.ps1'
        Set-Content $tutorial @'
$ErrorActionPreference = 'Stop'
function Fact([string] $Name, $Value) { [Console]::Out.WriteLine("FACT $Name=$(ConvertTo-Json -Compress -InputObject $Value)") }
Fact Runtime ([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory())
Fact DotnetOnPath ([bool] (Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue))
Fact SharedFrameworks @(Get-ChildItem (Join-Path $env:DOTNET_ROOT 'shared') -Name)
Import-Module ImageStreamPS
Fact ModuleBase (Get-Module ImageStreamPS).ModuleBase
Start-OpenShiftSandbox -WhatIf
$sandbox = Start-OpenShiftSandbox -Seed Tutorial -Connect
Fact SandboxFiles @(Get-Content "/proc/$($sandbox.ProcessId)/maps" | ForEach-Object { ($_ -split '\s+', 6)[5] } | Where-Object { $_ -like '*.dll' -or $_ -like '*.so*' } | Sort-Object -Unique)
Fact DataPath $sandbox.DataPath
try {
    New-ImageStream citas | Out-Null
    Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 | Out-Null
    Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 | Out-Null
    $v1 = (Get-ImageTag citas:v1).Image
    $v2 = (Get-ImageTag citas:v2).Image
    Fact Describe (Get-ImageStream citas | Format-List | Out-String -Width 120)
    Set-ImageTag citas:v1 citas:prod
    New-App citas:prod -Name app-citas | Out-Null
    $rollout = Get-AppRollout app-citas -Wait -Timeout (New-TimeSpan -Seconds 60)
    Fact FirstRollout @{ Status = "$($rollout.Status)"; RunsV1 = $rollout.Image -like "*@$v1" }
    Set-ImageTag citas:v2 citas:prod -Wait -Timeout (New-TimeSpan -Seconds 60)
    $rollout = Get-AppRollout app-citas
    Fact SecondRollout @{ Status = "$($rollout.Status)"; RunsV2 = $rollout.Image -like "*@$v2" }
}
finally { Stop-OpenShiftSandbox $sandbox }
Fact Stopped (-not (Get-Process -Id $sandbox.ProcessId -ErrorAction SilentlyContinue))
'@
        $pathWithoutDotnet = ($env:PATH -split [IO.Path]::PathSeparator | Where-Object { $_ -and -not (Test-Path (Join-Path $_ 'dotnet')) }) -join [IO.Path]::PathSeparator
        $run = Invoke-WithIsolatedProfile -ProfilePath $home2.FullName {
            $saved = @{}
            $environment = @{ DOTNET_ROOT = $runtimeRoot; PATH = $pathWithoutDotnet; DOTNET_ROOT_X64 = $null; DOTNET_HOST_PATH = $null; DOTNET_MULTILEVEL_LOOKUP = $null }
            foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
            try {
                $output = & $apphost -NoProfile -NonInteractive -File $tutorial 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
            }
            finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
        }
        $facts = @{}
        foreach ($match in [regex]::Matches($run.Output, '(?m)^FACT (\w+)=(.*)$')) { $facts[$match.Groups[1].Value] = $match.Groups[2].Value.TrimEnd() | ConvertFrom-Json }
    }

    It 'runs in the setup the issue describes: no dotnet on PATH, only Microsoft.NETCore.App under DOTNET_ROOT' {
        $facts.Runtime | Should -BeLike "$runtimeRoot*"
        $facts.DotnetOnPath | Should -BeFalse
        @($facts.SharedFrameworks) | Should -Be @('Microsoft.NETCore.App')
        $facts.ModuleBase | Should -BeLike "$home2*"
    }

    It 'says with -WhatIf which host it would use' {
        $run.Output | Should -Match 'What if: Performing the operation "Start the OpenShift sandbox" on target ".*, in a child pwsh \(\S*pwsh\) on \.NET \d+\.\d+\.\d+, with the module''s ASP\.NET Core \d+\.\d+\.\d+"'
    }

    It 'starts the sandbox on that runtime with the module''s own ASP.NET Core' {
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $files = @($facts.SandboxFiles)
        $kestrel = @($files | Where-Object { $_ -like '*/Microsoft.AspNetCore.Server.Kestrel.Core.dll' })
        $kestrel | Should -HaveCount 1
        # The module's one for this .NET major, in the copy precompiled for this platform and runtime where
        # the build made one (build/Add-ReadyToRun.ps1).
        $major = [Environment]::Version.Major
        $version = Get-ChildItem "$($facts.ModuleBase)/sandbox/aspnetcore" -Directory | Where-Object { ([version] $_.Name).Major -eq $major }
        $precompiled = Join-Path $version.FullName "linux-$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())-net$major/Microsoft.AspNetCore.Server.Kestrel.Core.dll"
        $kestrel[0] | Should -Be $(if (Test-Path $precompiled) { $precompiled } else { Join-Path $version.FullName 'Microsoft.AspNetCore.Server.Kestrel.Core.dll' })
        $files | Where-Object { $_ -like '*/System.Private.CoreLib.dll' } | Should -BeLike "$runtimeRoot/*"
        $files | Where-Object { $_ -like "$dotnetRoot/*" } | Should -BeNullOrEmpty -Because "nothing of the .NET install at $dotnetRoot (its ASP.NET Core) may be used"
        $facts.DataPath | Should -BeLike "$home2*"
    }

    It 'walks the tutorial: import, describe, deploy citas:prod on v1, move prod to v2' {
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $facts.Describe | Should -Match '(?m)^\s*Name\s*:\s+citas'
        $facts.Describe | Should -Match 'docker\.io/josedom24/citas-backend'
        $facts.FirstRollout.Status | Should -Be 'Complete'
        $facts.FirstRollout.RunsV1 | Should -BeTrue
        $facts.SecondRollout.Status | Should -Be 'Complete'
        $facts.SecondRollout.RunsV2 | Should -BeTrue
        $facts.Stopped | Should -BeTrue
    }
}
