<#
.SYNOPSIS
    Precompiles the engine and the libraries a first Connect-OpenShift runs (ReadyToRun) for the
    platform and .NET major the build runs on, beside the IL-only assemblies every platform loads.
.DESCRIPTION
    A cold Connect-OpenShift and first cmdlet JIT-compiled about 2,000 methods, a third of them the
    engine's, KubernetesClient's (the client, its models and JSON contracts), YamlDotNet's (the
    kubeconfig) and Polly's (every request). crossgen2 compiles them ahead
    of time into copies in <ModuleFolder>/dependencies/<os>-<arch>-net<major> (e.g. linux-x64-net10),
    which the module's load context (src/ImageStreamPS/Hosting/DependencyLoadContext.cs) prefers on
    exactly that platform and runtime. The IL-only assemblies stay where they are for every other one:
    a runtime refuses a precompiled image of another platform and ignores one of another .NET major.
    KubernetesClient is the largest (11 MB of IL, 26 MB precompiled: every model of the API it knows)
    and saves ~180 methods of a cold Connect-OpenShift. The front end stays IL only: PowerShell loads
    it by the manifest's one path on every platform. Where no compiler is pinned for this platform and
    runtime, nothing is precompiled.
#>
[CmdletBinding()]
param(
    # The published module folder (out/ImageStreamPS).
    [Parameter(Mandatory)] [string] $ModuleFolder,
    # The repository root (for the restore project).
    [Parameter(Mandatory)] [string] $Root
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Assemblies = 'ImageStreamPS.OpenShift', 'YamlDotNet', 'Polly.Core', 'KubernetesClient'

$os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
$arch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
$major = [Environment]::Version.Major
$project = Join-Path $Root 'build/Crossgen2.csproj'
$pack = ([xml] (Get-Content -Raw $project)).Project.ItemGroup.PackageDownload
$version = $pack.Version.Trim('[', ']')
if ($pack.Include -ne "Microsoft.NETCore.App.Crossgen2.$os-$arch" -or ([version] $version).Major -ne $major) {
    Write-Warning "No ReadyToRun compiler is pinned for $os-$arch on .NET $major ($project pins $($pack.Include) $version): the module stays IL only."
    return
}

& dotnet restore $project -nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw "dotnet restore $project exited with $LASTEXITCODE" }
$packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
$tools = Join-Path $packages "$($pack.Include.ToLowerInvariant())/$version/tools"
$crossgen = Join-Path $tools ($IsWindows ? 'crossgen2.exe' : 'crossgen2')
if (-not (Test-Path $crossgen)) { throw "crossgen2 was not restored to $crossgen" }

# The framework this pwsh runs on is the one the code is compiled against (same major as the compiler).
$framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$dependencies = Join-Path $ModuleFolder 'dependencies'
$target = New-Item -ItemType Directory -Force (Join-Path $dependencies "$os-$arch-net$major")
# Every reference by name: pwsh would expand a wildcard argument into many for a native command.
$references = foreach ($file in @(Get-ChildItem $framework -Filter '*.dll') + @(Get-ChildItem $dependencies -Filter '*.dll')) { '-r'; $file.FullName }
foreach ($name in $Assemblies) {
    $output = & $crossgen (Join-Path $dependencies "$name.dll") -o (Join-Path $target "$name.dll") -O --targetos $os --targetarch $arch @references 2>&1
    if ($LASTEXITCODE -ne 0) { throw "crossgen2 exited with $LASTEXITCODE for ${name}: $($output -join [Environment]::NewLine)" }
}
Write-Host "Precompiled $($Assemblies -join ', ') for $os-$arch on .NET $major (dependencies/$($target.Name))" -ForegroundColor DarkGray
