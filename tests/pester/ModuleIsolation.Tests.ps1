# The module's dependencies (KubernetesClient, YamlDotNet, Fractions) live in its own
# AssemblyLoadContext, so a YamlDotNet another module loaded first cannot break it; and importing
# the module does nothing but load its front-end assembly. Each case runs in a fresh pwsh, since
# assemblies cannot be unloaded from this one.
BeforeAll {
    if (-not ('TestApiServer' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'TestApiServer.cs') }
    $script:token = 'isolation-' + [guid]::NewGuid().ToString('N')
    $script:server = [TestApiServer]::new($token, [string[]] @('myproject'))
    $script:kubeconfig = $server.WriteKubeConfig((Join-Path $TestDrive 'kubeconfig'), $token, 'myproject', $null)

    # Pester and the old YamlDotNet come from the same NuGet packages folder (tests/pester/PesterPackage.csproj).
    $packages = (Get-Module Pester).ModuleBase | Split-Path | Split-Path | Split-Path
    $script:oldYaml = Join-Path $packages 'yamldotnet/13.7.1/lib/net7.0/YamlDotNet.dll'

    function Invoke-FreshPwsh([string] $Script) {
        # The same pwsh as this one (as a .NET tool it is dotnet running pwsh.dll).
        $process = [Environment]::ProcessPath
        $arguments = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
        $env:ISOLATION_KUBECONFIG = $kubeconfig
        $env:ISOLATION_OLD_YAML = $oldYaml
        try {
            $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
            Set-Content -Path $file -Value $Script
            $output = & $process @arguments -NoProfile -NonInteractive -File $file 2>&1
            if ($LASTEXITCODE -ne 0) { throw "The child pwsh ($process $arguments $file) failed ($LASTEXITCODE): $($output -join [Environment]::NewLine)" }
            ($output -join [Environment]::NewLine) | ConvertFrom-Json
        }
        finally {
            Remove-Item Env:ISOLATION_KUBECONFIG, Env:ISOLATION_OLD_YAML -ErrorAction SilentlyContinue
        }
    }

    $script:describeAssemblies = @'
function Get-LoadedDependency {
    [AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -in 'YamlDotNet', 'KubernetesClient', 'Fractions', 'Polly.Core', 'ImageStreamPS', 'ImageStreamPS.OpenShift' } |
        ForEach-Object { [pscustomobject]@{ Name = $_.GetName().Name; Version = $_.GetName().Version.ToString(); Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name; Location = $_.Location } }
}
'@
}

AfterAll { $server.Dispose() }

Describe 'Dependency isolation' {
    It 'has the older YamlDotNet to load first' {
        $oldYaml | Should -Exist
    }

    It 'connects from a kubeconfig after another module loaded YamlDotNet 13.7.1' {
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
$describeAssemblies
Add-Type -Path `$env:ISOLATION_OLD_YAML
Import-Module `$env:IMAGESTREAMPS_MODULE_PATH
`$session = Connect-OpenShift -KubeConfig `$env:ISOLATION_KUBECONFIG -InformationAction Ignore
[pscustomobject]@{ Namespace = `$session.Namespace; User = `$session.User; ServerVersion = `$session.ServerVersion; Loaded = @(Get-LoadedDependency) } | ConvertTo-Json -Depth 3
"@
        $result.Namespace | Should -Be 'myproject'
        $result.User | Should -Be 'tester'
        $result.ServerVersion | Should -Be 'v1.32.0-test'

        $yaml = @($result.Loaded | Where-Object Name -EQ 'YamlDotNet')
        ($yaml | Where-Object Context -EQ 'Default').Version | Should -Be '13.0.0.0'
        ($yaml | Where-Object Context -EQ 'ImageStreamPS.Dependencies').Version | Should -BeLike '18.*'
        ($result.Loaded | Where-Object Name -EQ 'KubernetesClient').Context | Should -Be 'ImageStreamPS.Dependencies'
        # Every request goes through Polly's retry pipeline, loaded beside KubernetesClient.
        ($result.Loaded | Where-Object Name -EQ 'Polly.Core').Context | Should -Be 'ImageStreamPS.Dependencies'
        ($result.Loaded | Where-Object Name -EQ 'ImageStreamPS.OpenShift').Context | Should -Be 'ImageStreamPS.Dependencies'
        ($result.Loaded | Where-Object Name -EQ 'ImageStreamPS').Context | Should -Be 'Default'
    }

    It 'loads the copies precompiled for this platform and runtime, where the build made them' {
        # build/Add-ReadyToRun.ps1 names the folder as DependencyLoadContext looks for it: os-arch-net<major>.
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $platform = "$os-$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())-net$([Environment]::Version.Major)"
        $precompiled = Join-Path (Split-Path $env:IMAGESTREAMPS_MODULE_PATH) "dependencies/$platform"
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
$describeAssemblies
Import-Module `$env:IMAGESTREAMPS_MODULE_PATH
`$null = Connect-OpenShift -KubeConfig `$env:ISOLATION_KUBECONFIG -InformationAction Ignore
[pscustomobject]@{ Loaded = @(Get-LoadedDependency) } | ConvertTo-Json -Depth 3
"@
        foreach ($name in 'ImageStreamPS.OpenShift', 'YamlDotNet', 'Polly.Core', 'KubernetesClient') {
            $loaded = $result.Loaded | Where-Object Name -EQ $name
            $loaded.Context | Should -Be 'ImageStreamPS.Dependencies'
            $expected = if (Test-Path (Join-Path $precompiled "$name.dll")) { Join-Path $precompiled "$name.dll" } else { Join-Path (Split-Path $precompiled) "$name.dll" }
            $loaded.Location | Should -Be $expected
        }
    }
}

Describe 'Import-Module' {
    It 'loads only the front end: no kubeconfig read, no request, no sandbox' {
        $requestsBefore = $server.Requests.Count
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
$describeAssemblies
`$env:KUBECONFIG = `$env:ISOLATION_KUBECONFIG
`$before = @(Get-Process -Name dotnet -ErrorAction SilentlyContinue).Count
Import-Module `$env:IMAGESTREAMPS_MODULE_PATH
[pscustomobject]@{
    Commands = @(Get-Command -Module ImageStreamPS).Count
    Loaded = @(Get-LoadedDependency)
    Sessions = @(Get-OpenShiftSession).Count
    ChildProcesses = @(Get-Process | Where-Object { try { `$_.Parent.Id -eq `$PID } catch { `$false } }).Count
} | ConvertTo-Json -Depth 3
"@
        $result.Commands | Should -BeGreaterThan 0
        @($result.Loaded.Name) | Should -Be @('ImageStreamPS')
        $result.Sessions | Should -Be 0
        $result.ChildProcesses | Should -Be 0
        $server.Requests.Count | Should -Be $requestsBefore
    }
}
