#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The image stream tutorial, end to end, on the local sandbox.
.DESCRIPTION
    Follows the tutorial of josedom24's OpenShift course (curso2/modulo3/etiquetas.md) with the
    module's cmdlets instead of oc: create the image stream citas, import v1 and v2 of
    docker.io/josedom24/citas-backend, describe it, tag latest and prod, delete latest, deploy
    citas:prod as app-citas, expose it on port 10000 and ask it its version through the route (v1),
    then move prod to v2, watch the image trigger roll the app out, and ask again (v2); at last
    roll the promotion back with Undo-ImageTag and see the app answer v1 again.

    Each step prints one sentence (with the oc command it replaces) and then the cmdlets' real
    output. The sandbox runs in a temporary data folder and is stopped at the end, whatever
    happens. Exits with 1 if any step fails, so build.ps1 Demo and CI can rely on it.
.EXAMPLE
    dotnet pwsh ./build.ps1 Demo
.EXAMPLE
    ./examples/Tutorial.ps1 -ModulePath ./out/ImageStreamPS/ImageStreamPS.psd1
#>
[CmdletBinding()]
param(
    # The module to run the tutorial with (build.ps1 Demo passes the published one).
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/ImageStreamPS/ImageStreamPS.psd1')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$started = [System.Diagnostics.Stopwatch]::StartNew()
$script:stepNumber = 0

function Invoke-Step {
    # Says what the step does, runs it, shows its output as PowerShell formats it.
    param([string] $Text, [string] $Oc, [scriptblock] $Action)
    $script:stepNumber++
    Write-Host ''
    Write-Host ("{0,2}. {1}" -f $script:stepNumber, $Text) -ForegroundColor Cyan
    if ($Oc) { Write-Host "    (oc: $Oc)" -ForegroundColor DarkGray }
    $output = & $Action
    if ($null -ne $output) { $output | Out-Host }
}

function Assert-Tutorial([bool] $Condition, [string] $Message) {
    if (-not $Condition) { throw "Tutorial check failed: $Message" }
}

Import-Module (Resolve-Path $ModulePath).ProviderPath -Force
$dataPath = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-tutorial-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$sandbox = $null
$route = $null
$failed = $false

try {
    Invoke-Step 'Start the local OpenShift sandbox with the tutorial images, and connect to it.' -Action {
        $script:sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect
        $script:sandbox | Format-List Server, RegistryEndpoint, KubeConfigPath, ProcessId
    }

    Invoke-Step 'Create an empty image stream called citas.' -Oc 'oc create is citas' -Action {
        New-ImageStream citas
    }

    Invoke-Step 'Import version 1 of the citas backend from Docker Hub into the tag citas:v1.' `
        -Oc 'oc import-image citas:v1 --from=docker.io/josedom24/citas-backend:v1' -Action {
        Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1
    }

    Invoke-Step 'Import version 2 into citas:v2.' -Oc 'oc import-image citas:v2 --from=docker.io/josedom24/citas-backend:v2' -Action {
        Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2
    }

    $v1 = (Get-ImageTag citas:v1).Image
    $v2 = (Get-ImageTag citas:v2).Image
    Assert-Tutorial ($v1 -like 'sha256:*' -and $v2 -like 'sha256:*' -and $v1 -ne $v2) "v1 and v2 resolve to two images (got '$v1' and '$v2')"

    Invoke-Step 'Describe the stream: two tags, each pointing at its own image.' -Oc 'oc describe is citas' -Action {
        Get-ImageStream citas | Format-List
    }

    Invoke-Step 'Tag the image of v2 as latest: the tag points at that image, not at v2.' -Oc 'oc tag citas:v2 citas:latest' -Action {
        Set-ImageTag citas:v2 citas:latest -PassThru
    }

    Invoke-Step 'Tag the image of v1 as prod.' -Oc 'oc tag citas:v1 citas:prod' -Action {
        Set-ImageTag citas:v1 citas:prod -PassThru
    }

    Invoke-Step 'Describe the stream again: four tags, still only two unique images.' -Oc 'oc describe is citas' -Action {
        $stream = Get-ImageStream citas
        Assert-Tutorial ($stream.TagCount -eq 4) "citas has 4 tags (got $($stream.TagCount))"
        Assert-Tutorial ($stream.UniqueImageCount -eq 2) "citas has 2 unique images (got $($stream.UniqueImageCount))"
        $stream | Format-List
    }

    Invoke-Step 'Delete the tag latest, with its history.' -Oc 'oc tag citas:latest -d' -Action {
        Remove-ImageTag citas:latest -Force
        Get-ImageTag citas
    }

    Invoke-Step 'Deploy citas:prod as the application app-citas: a Deployment with an image trigger on citas:prod, and a Service.' `
        -Oc 'oc new-app citas:prod --name=app-citas' -Action {
        New-App citas:prod -Name app-citas
    }

    Invoke-Step 'Expose the service on port 10000 with a route.' -Oc 'oc expose service app-citas --port=10000' -Action {
        $script:route = New-AppRoute -Service app-citas -Port 10000
        Assert-Tutorial $script:route.Admitted "the router admits the route"
        $script:route
    }

    Invoke-Step 'Wait for the rollout: one ReplicaSet and one Pod, running v1.' -Oc 'oc get deploy,rs,pod' -Action {
        $rollout = Get-AppRollout app-citas -Wait -Timeout (New-TimeSpan -Seconds 30)
        Assert-Tutorial ($rollout.Status -eq 'Complete') "app-citas rolls out (status $($rollout.Status))"
        Assert-Tutorial ($rollout.Image -like "*@$v1") "app-citas runs v1 (image $($rollout.Image))"
        $rollout
        $rollout.ReplicaSets | Format-Table
        $rollout.Pods | Format-Table
    }

    Invoke-Step 'Ask the application for its version through the route: v1 answers.' -Oc "curl http://$($route.Host)/version" -Action {
        $version = Invoke-RestMethod "$($route.Url)/version"
        Assert-Tutorial ($version -eq 'v1') "the route answers v1 (got '$version')"
        $version
    }

    Invoke-Step 'Delete the tag prod. The application keeps running v1: a trigger never rolls back.' -Oc 'oc tag citas:prod -d' -Action {
        Remove-ImageTag citas:prod -Force
        $rollout = Get-AppRollout app-citas
        Assert-Tutorial ($rollout.Image -like "*@$v1") "app-citas still runs v1 after prod is deleted (image $($rollout.Image))"
        $rollout
    }

    Invoke-Step 'Tag v2 as prod, and wait for the image trigger to roll app-citas out to it.' -Oc 'oc tag citas:v2 citas:prod' -Action {
        Set-ImageTag citas:v2 citas:prod -Wait -Timeout (New-TimeSpan -Seconds 30)
    }

    Invoke-Step 'The rollout now has a new ReplicaSet, and its Pod runs v2.' -Oc 'oc get deploy,rs,pod' -Action {
        $rollout = Get-AppRollout app-citas
        Assert-Tutorial ($rollout.Image -like "*@$v2") "app-citas runs v2 (image $($rollout.Image))"
        $running = @($rollout.Pods | Where-Object { $_.Image -like "*@$v2" -and $_.Phase -eq 'Running' })
        Assert-Tutorial ($running.Count -ge 1) 'a Pod of app-citas runs v2'
        $rollout
        $rollout.ReplicaSets | Format-Table
        $rollout.Pods | Format-Table
    }

    Invoke-Step 'Ask again through the same route: now v2 answers.' -Oc "curl http://$($route.Host)/version" -Action {
        $version = Invoke-RestMethod "$($route.Url)/version"
        Assert-Tutorial ($version -eq 'v2') "the route answers v2 (got '$version')"
        $version
    }

    Invoke-Step 'Roll the promotion back: prod goes back to the image it pointed to before (v1, which app-citas ran in its previous revision), and the trigger rolls app-citas back to v1.' `
        -Oc "oc tag citas@$v1 citas:prod" -Action {
        Undo-ImageTag citas:prod -Wait -Timeout (New-TimeSpan -Seconds 30) | Format-Table
        $rollout = Get-AppRollout app-citas
        Assert-Tutorial ($rollout.Image -like "*@$v1") "app-citas runs v1 again (image $($rollout.Image))"
        Assert-Tutorial ((Get-ImageTag citas:prod).Image -eq $v1) 'citas:prod points at v1 again'
        Get-AppRollout app-citas -History | Format-Table
        $version = Invoke-RestMethod "$($route.Url)/version"
        Assert-Tutorial ($version -eq 'v1') "the route answers v1 again (got '$version')"
        "The route answers: $version"
    }
}
catch {
    $failed = $true
    Write-Host ''
    Write-Host "Step $script:stepNumber failed: $($_.Exception.Message)" -ForegroundColor Red
    if ($_.FullyQualifiedErrorId) { Write-Host "  ($($_.FullyQualifiedErrorId))" -ForegroundColor Red }
    Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
}
finally {
    if ($sandbox) {
        Stop-OpenShiftSandbox -InputObject $sandbox
        Write-Host ''
        Write-Host 'The sandbox is stopped.' -ForegroundColor Cyan
    }
    Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
}

if ($failed) { exit 1 }
Write-Host ("The tutorial ran in {0:N1} s." -f $started.Elapsed.TotalSeconds) -ForegroundColor Green
