<#
.SYNOPSIS
    Gives the published sandbox program its own ASP.NET Core, so it runs on any PowerShell 7.4+.
.DESCRIPTION
    The sandbox is an ASP.NET Core program, but a PowerShell install (MSI, Homebrew, the Linux
    packages, the container images) brings only the .NET runtime, not the ASP.NET Core shared
    framework, and no dotnet host. The module therefore runs the sandbox in a child pwsh on
    PowerShell's own runtime and loads ASP.NET Core from the module (see the README, "How the
    sandbox runs").

    For each ASP.NET Core version that build/SandboxFramework.csproj downloads (one per .NET major:
    a runtime loads the newest one not newer than itself), this copies into
    <SandboxFolder>/aspnetcore/<version> the assemblies the sandbox references, directly or through
    one another (69 of the framework's 141). Microsoft ships them only in per-platform runtime packs,
    precompiled (ReadyToRun) for that platform, and a runtime refuses a ReadyToRun image of another
    platform; Mono.Cecil rewrites each as the IL-only assembly it was built from, which every
    platform JIT-compiles. Rewritten assemblies are cached in obj/sandbox-framework.

    It also drops the SQLite native libraries of platforms PowerShell does not run on.
#>
[CmdletBinding()]
param(
    # The published sandbox program (out/ImageStreamPS/sandbox).
    [Parameter(Mandatory)] [string] $SandboxFolder,
    # The repository root (for the restore project and the cache).
    [Parameter(Mandatory)] [string] $Root
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The platforms PowerShell 7.4+ is released for; SQLitePCLRaw ships natives for many more.
$PowerShellPlatforms = 'win-x64', 'win-x86', 'win-arm64', 'linux-x64', 'linux-arm', 'linux-arm64', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64'

$project = Join-Path $Root 'build/SandboxFramework.csproj'
& dotnet restore $project -nologo -v quiet
if ($LASTEXITCODE -ne 0) { throw "dotnet restore $project exited with $LASTEXITCODE" }
$packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
$downloads = ([xml] (Get-Content -Raw $project)).Project.ItemGroup.PackageDownload
function Get-PinnedVersion([string] $Id) {
    (@($downloads) | Where-Object Include -EQ $Id).Version -split ';' | ForEach-Object { $_.Trim('[', ']') }
}

if (-not ('Mono.Cecil.ModuleDefinition' -as [type])) {
    Add-Type -Path (Join-Path $packages "mono.cecil/$(Get-PinnedVersion 'Mono.Cecil')/lib/netstandard2.0/Mono.Cecil.dll")
}

function Get-AssemblyReference([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        if (-not $pe.HasMetadata) { return }
        $metadata = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
        foreach ($handle in $metadata.AssemblyReferences) { $metadata.GetString($metadata.GetAssemblyReference($handle).Name) }
    }
    finally { $stream.Dispose() }
}

function Save-IlOnly([string] $Source, [string] $Destination, [string] $SearchFolder) {
    $resolver = [Mono.Cecil.DefaultAssemblyResolver]::new()
    $resolver.AddSearchDirectory($SearchFolder)
    $parameters = [Mono.Cecil.ReaderParameters]::new()
    $parameters.AssemblyResolver = $resolver
    $module = [Mono.Cecil.ModuleDefinition]::ReadModule($Source, $parameters)
    try {
        # IL only, any CPU: the ReadyToRun code, and the platform it pins, are left out.
        $module.Architecture = [Mono.Cecil.TargetArchitecture]::I386
        $module.Attributes = [Mono.Cecil.ModuleAttributes]::ILOnly
        $temporary = "$Destination.tmp"
        $module.Write($temporary)
    }
    finally { $module.Dispose(); $resolver.Dispose() }
    Move-Item $temporary $Destination -Force
}

$sandboxAssemblies = @(Get-ChildItem $SandboxFolder -Filter '*.dll' -File)
foreach ($version in Get-PinnedVersion 'Microsoft.AspNetCore.App.Runtime.linux-x64') {
    $major = ([version] $version).Major
    $framework = Join-Path $packages "microsoft.aspnetcore.app.runtime.linux-x64/$version/runtimes/linux-x64/lib/net$major.0"
    if (-not (Test-Path $framework)) { throw "ASP.NET Core $version was not restored to $framework" }
    $available = @{}
    Get-ChildItem $framework -Filter '*.dll' | ForEach-Object { $available[$_.BaseName] = $_.FullName }

    # What the sandbox references, and what those reference in turn, within the framework.
    $needed = [Collections.Generic.HashSet[string]]::new()
    $pending = [Collections.Generic.Queue[string]]::new()
    $sandboxAssemblies | ForEach-Object { $pending.Enqueue($_.FullName) }
    while ($pending.Count) {
        foreach ($name in Get-AssemblyReference $pending.Dequeue()) {
            if ($available.ContainsKey($name) -and $needed.Add($name)) { $pending.Enqueue($available[$name]) }
        }
    }

    $cache = New-Item -ItemType Directory -Force (Join-Path $Root "obj/sandbox-framework/$version")
    $target = New-Item -ItemType Directory -Force (Join-Path $SandboxFolder "aspnetcore/$version")
    foreach ($name in $needed) {
        $cached = Join-Path $cache "$name.dll"
        if (-not (Test-Path $cached)) { Save-IlOnly $available[$name] $cached $framework }
        Copy-Item $cached $target
    }
    Write-Host "ASP.NET Core $version for .NET ${major}: $($needed.Count) assemblies, IL only" -ForegroundColor DarkGray
}

$natives = Join-Path $SandboxFolder 'runtimes'
if (Test-Path $natives) {
    Get-ChildItem $natives -Directory | Where-Object Name -NotIn $PowerShellPlatforms | Remove-Item -Recurse -Force
}
