<#
.SYNOPSIS
    Precompiles the engine and the libraries a first Connect-OpenShift runs, and the sandbox program
    (ReadyToRun) for the platform and .NET major the build runs on, beside the IL-only assemblies
    every platform loads.
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

    The sandbox program JIT-compiled about 2,300 methods before its first answer (#18): all its own
    IL-only assemblies (the program, the engine, KubernetesClient, SQLite's managed parts, YamlDotNet...)
    are compiled the same way into <ModuleFolder>/sandbox/<os>-<arch>-net<major>, which the sandbox's
    load context (src/ImageStreamPS/Sandbox/SandboxEntryPoint.cs) prefers by the same rule, and so is
    the module's ASP.NET Core of this major (what a PowerShell with its own runtime loads) into
    sandbox/aspnetcore/<version>/<os>-<arch>-net<major>. Run it after build/Add-SandboxFramework.ps1.
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

# Whether an assembly is IL only (not already precompiled, not a reference or native file).
function Test-IlOnly([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        $pe.HasMetadata -and $null -ne $pe.PEHeaders.CorHeader -and $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -eq 0 -and
            $pe.PEHeaders.CorHeader.Flags.HasFlag([Reflection.PortableExecutable.CorFlags]::ILOnly)
    }
    finally { $stream.Dispose() }
}

# The framework this pwsh runs on is the one the code is compiled against (same major as the compiler).
$framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
$platform = "$os-$arch-net$major"

# Compiles $Names from $Folder into $Folder/<platform>, against the framework, $Folder's other
# assemblies and $References (every one by name: pwsh would expand a wildcard argument into many).
# With $Cache, images already compiled there (from the same input) are reused.
function Invoke-Crossgen([string] $Folder, [string[]] $Names, [string[]] $References = @(), [string] $Cache) {
    $target = New-Item -ItemType Directory -Force (Join-Path $Folder $platform)
    $referenceFiles = @(Get-ChildItem $framework -Filter '*.dll') + @(Get-ChildItem $Folder -Filter '*.dll') + @($References | ForEach-Object { Get-ChildItem $_ -Filter '*.dll' })
    $referenceArguments = foreach ($file in $referenceFiles) { '-r'; $file.FullName }
    if ($Cache) { $null = New-Item -ItemType Directory -Force $Cache }
    foreach ($name in $Names) {
        $output = Join-Path $target "$name.dll"
        $cached = if ($Cache) { Join-Path $Cache "$name.dll" }
        if ($cached -and (Test-Path $cached)) { Copy-Item $cached $output; continue }
        $log = & $crossgen (Join-Path $Folder "$name.dll") -o $output -O --targetos $os --targetarch $arch @referenceArguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "crossgen2 exited with $LASTEXITCODE for ${name}: $($log -join [Environment]::NewLine)" }
        if ($cached) { Copy-Item $output $cached }
    }
    $shown = if ($Names.Count -gt 12) { "$($Names.Count) assemblies" } else { $Names -join ', ' }
    Write-Host "Precompiled $shown for $os-$arch on .NET $major ($([IO.Path]::GetRelativePath($ModuleFolder, $target.FullName)))" -ForegroundColor DarkGray
}

Invoke-Crossgen (Join-Path $ModuleFolder 'dependencies') $Assemblies

# The sandbox program (#18): every IL-only assembly of its own, and the module's ASP.NET Core of this
# major (the one a PowerShell with its own runtime loads; SandboxFramework.cs), which the build made IL
# only for every platform (build/Add-SandboxFramework.ps1). The copies sit in sandbox/<platform> and
# sandbox/aspnetcore/<version>/<platform>, which the sandbox's load context (SandboxEntryPoint.cs)
# prefers by the same rule. ASP.NET Core's images are kept in obj/ between builds, as its IL copies are.
$sandbox = Join-Path $ModuleFolder 'sandbox'
$aspNetCore = Get-ChildItem (Join-Path $sandbox 'aspnetcore') -Directory -ErrorAction SilentlyContinue |
    Where-Object { ($_.Name -as [version]) -and ([version] $_.Name).Major -eq $major } | Sort-Object { [version] $_.Name } | Select-Object -Last 1
if (-not $aspNetCore) {
    Write-Warning "The sandbox has no ASP.NET Core for .NET $major to compile against: it stays IL only."
    return
}
$sandboxAssemblies = @(Get-ChildItem $sandbox -Filter '*.dll' -File | Where-Object { Test-IlOnly $_.FullName } | ForEach-Object BaseName)
Invoke-Crossgen $sandbox $sandboxAssemblies -References $aspNetCore.FullName
$frameworkAssemblies = @(Get-ChildItem $aspNetCore.FullName -Filter '*.dll' -File | ForEach-Object BaseName)
Invoke-Crossgen $aspNetCore.FullName $frameworkAssemblies -Cache (Join-Path $Root "obj/sandbox-framework/$($aspNetCore.Name)/$platform-crossgen2-$version")
