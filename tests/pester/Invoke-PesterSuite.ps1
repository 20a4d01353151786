<#
.SYNOPSIS
    Runs the Pester suite against the built module in this (fresh) pwsh and writes the counts.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultsDirectory,
    [string] $Filter
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterPath -Force
$env:IMAGESTREAMPS_MODULE_PATH = $ModulePath

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
if ($Filter) { $configuration.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -like "*$Filter*" | ForEach-Object FullName) }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester-results.xml'

$result = Invoke-Pester -Configuration $configuration
# Detailed output shows a failure only where it happened; CI logs are read from the end, so the
# failures are named again last, one line each.
foreach ($test in $result.Failed) {
    $message = "$($test.ErrorRecord | Select-Object -First 1)" -split "`n" | Select-Object -First 1
    Write-Host "FAILED: $($test.ExpandedPath) -- $message"
}
foreach ($block in @($result.FailedBlocks) + @($result.FailedContainers)) {
    if ($block) { Write-Host "FAILED (setup): $($block.ExpandedPath ?? $block.Item)" }
}
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
    ConvertTo-Json | Set-Content (Join-Path $ResultsDirectory 'pester-summary.json')
if ($result.Result -ne 'Passed') { exit 1 }
