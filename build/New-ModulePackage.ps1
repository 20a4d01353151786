<#
.SYNOPSIS
    Packs the published module folder into a versioned nupkg that Install-PSResource accepts.
.DESCRIPTION
    Checks the manifest first (the package is what users install, so a manifest that would
    export by wildcard, miss a format file or lack its gallery metadata fails here, not on their
    machine), then packs with Compress-PSResource in a child pwsh whose profile is a scratch
    folder: PSResourceGet creates its repository store the first time it loads, and that must
    not happen in the user's profile. Writes the nupkg's path.
#>
[CmdletBinding()]
param(
    # The published module folder (out/ImageStreamPS).
    [Parameter(Mandatory)] [string] $ModuleFolder,
    # Where the nupkg goes (created if missing).
    [Parameter(Mandatory)] [string] $DestinationPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$manifestPath = Join-Path $ModuleFolder 'ImageStreamPS.psd1'
$manifest = Import-PowerShellDataFile $manifestPath
$problems = [System.Collections.Generic.List[string]]::new()

foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
    if (-not $manifest.ContainsKey($key)) { $problems.Add("$key is missing (an absent list exports everything)") }
    elseif (@($manifest[$key] | Where-Object { [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($_) })) {
        $problems.Add("$key has a wildcard; list the names")
    }
}
foreach ($key in 'FormatsToProcess', 'TypesToProcess') {
    foreach ($file in @($manifest[$key])) {
        if ($file -and -not (Test-Path (Join-Path $ModuleFolder $file))) { $problems.Add("$key lists $file, which is not in the module folder") }
    }
}
$psData = $manifest.PrivateData.PSData
foreach ($key in 'Tags', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
    if (-not $psData[$key]) { $problems.Add("PrivateData.PSData.$key is empty") }
}
if (-not (Test-Path (Join-Path $ModuleFolder 'en-US/ImageStreamPS.dll-Help.xml'))) { $problems.Add('en-US/ImageStreamPS.dll-Help.xml was not generated') }
if ($problems.Count) { throw "The module manifest is not ready to package:`n  $($problems -join "`n  ")" }

$null = Test-ModuleManifest $manifestPath
New-Item -ItemType Directory -Force $DestinationPath | Out-Null
$package = Join-Path $DestinationPath "ImageStreamPS.$($manifest.ModuleVersion).nupkg"
Remove-Item $package -Force -ErrorAction SilentlyContinue

# Compress-PSResource names the package after the folder, so it must be the module's name.
if ((Split-Path $ModuleFolder -Leaf) -ne 'ImageStreamPS') { throw "The module folder must be named ImageStreamPS, not $(Split-Path $ModuleFolder -Leaf)" }

. (Join-Path $PSScriptRoot 'IsolatedProfile.ps1')
function ConvertTo-Literal([string] $Text) { "'" + ($Text -replace "'", "''") + "'" }
$scratch = Join-Path ([System.IO.Path]::GetTempPath()) "isps-pack-$([guid]::NewGuid().ToString('n'))"
$pwsh, $pwshArgs = Get-PwshCommand
try {
    $output = Invoke-WithIsolatedProfile -ProfilePath $scratch {
        $command = "`$ErrorActionPreference = 'Stop'; Compress-PSResource -Path $(ConvertTo-Literal (Resolve-Path $ModuleFolder).ProviderPath) -DestinationPath $(ConvertTo-Literal (Resolve-Path $DestinationPath).ProviderPath)"
        & $pwsh @pwshArgs -NoProfile -NonInteractive -Command $command 2>&1
    }
    if ($LASTEXITCODE -ne 0) { throw "Compress-PSResource failed (exit $LASTEXITCODE):`n$($output | Out-String)" }
}
finally { Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue }
if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package" }
Get-Item $package
