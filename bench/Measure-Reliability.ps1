<#
.SYNOPSIS
    Measures the sandbox's memory bounds and fault behaviour for the README's Reliability section.
.DESCRIPTION
    Runs the built sandbox program (out/ImageStreamPS/sandbox) as its own process and prints one line a
    figure:
      - watch window: RSS growth after 600 updates of a 1 MB ConfigMap (each PUT acknowledged);
      - manifest PUT: peak RSS growth while 256 MiB are PUT as a manifest, announced and chunked;
      - full disk (Linux, root: a 32 MiB tmpfs): acknowledged writes, writes refused as "disk full",
        registry pushes refused, writes after space came back, kill -9 restarts, and writes lost.
    Loopback only; every loop is bounded. Run after `build.ps1 Build`:
    dotnet pwsh bench/Measure-Reliability.ps1
#>
param([string] $Sandbox = (Join-Path $PSScriptRoot '../out/ImageStreamPS/sandbox/ImageStreamPS.Sandbox.dll'))
$ErrorActionPreference = 'Stop'
$Sandbox = (Resolve-Path $Sandbox).Path

function Start-Sandbox([string] $Data) {
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($Sandbox); $info.ArgumentList.Add('--data'); $info.ArgumentList.Add($Data)
    $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notlike 'SANDBOX READY *') { throw "the sandbox did not start: $line $($process.StandardError.ReadToEnd())" }
    $ready = $line.Substring('SANDBOX READY '.Length) | ConvertFrom-Json
    $token = (Get-Content -Raw (Join-Path $Data 'token')).Trim()
    [pscustomobject]@{ Process = $process; Server = $ready.server; Registry = "http://$($ready.registryEndpoint)"; Token = $token; Data = $Data }
}

# kill -9: the harshest stop, and the one every restart below uses.
function Stop-Sandbox($Running) {
    $Running.Process.Kill()
    $Running.Process.WaitForExit()
}

function Get-Rss($Running, [string] $Field = 'VmRSS') {
    $line = Get-Content "/proc/$($Running.Process.Id)/status" | Where-Object { $_ -like "${Field}:*" }
    [long] ($line -replace '\D', '') * 1KB
}

function Invoke-Sandbox($Running, [string] $Method, [string] $Path, [string] $Body) {
    $request = @{ Method = $Method; Uri = "$($Running.Server)$Path"; SkipCertificateCheck = $true; SkipHttpErrorCheck = $true
        Headers = @{ Authorization = "Bearer $($Running.Token)" }; ContentType = 'application/json' }
    if ($Body) { $request.Body = $Body }
    Invoke-WebRequest @request
}

function New-ConfigMapBody([string] $Name, [int] $Revision, [int] $Bytes) {
    '{"metadata":{"name":"' + $Name + '"},"data":{"revision":"' + $Revision + '","payload":"' + ('x' * $Bytes) + '"}}'
}

$root = Join-Path ([IO.Path]::GetTempPath()) "isps-reliability-$([guid]::NewGuid().ToString('n'))"
$null = New-Item -ItemType Directory $root

# Watch window: 600 acknowledged updates of a 1 MB object.
$running = Start-Sandbox (Join-Path $root 'watch')
try {
    $cm = '/api/v1/namespaces/myproject/configmaps'
    $null = Invoke-Sandbox $running POST $cm (New-ConfigMapBody big 0 1MB)
    $before = Get-Rss $running
    foreach ($revision in 1..600) {
        $response = Invoke-Sandbox $running PUT "$cm/big" (New-ConfigMapBody big $revision 1MB)
        if ($response.StatusCode -ne 200) { throw "update $revision answered $($response.StatusCode)" }
    }
    $after = Get-Rss $running
    '{0,-58} {1,8:N0} MB' -f 'watch window: RSS growth after 600 updates of a 1 MB object', (($after - $before) / 1MB)
}
finally { Stop-Sandbox $running }

# Manifest PUT of 256 MiB, announced (Content-Length) and chunked.
$running = Start-Sandbox (Join-Path $root 'manifest')
try {
    $file = Join-Path $root 'manifest.json'
    $stream = [IO.File]::Create($file); $stream.SetLength(256MB); $stream.Dispose()
    $before = Get-Rss $running 'VmHWM'
    $url = "$($running.Registry)/v2/myproject/big/manifests/v1"
    $announced = & curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $($running.Token)" -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' --data-binary "@$file" $url
    $chunked = & curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $($running.Token)" -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' -H 'Transfer-Encoding: chunked' --data-binary "@$file" $url
    $peak = Get-Rss $running 'VmHWM'
    '{0,-58} {1,8:N0} MB  (answers {2} and {3})' -f 'manifest PUT: peak RSS growth for 256 MiB, announced+chunked', (($peak - $before) / 1MB), $announced, $chunked
}
finally { Stop-Sandbox $running }

# Full disk: a 32 MiB tmpfs (Linux, root only).
if ($IsLinux -and (& id -u) -eq '0') {
    $disk = Join-Path $root 'disk'
    $null = New-Item -ItemType Directory $disk
    & mount -t tmpfs -o size=32m tmpfs $disk
    try {
        $data = Join-Path $disk 'sandbox'
        $blob = Join-Path $root 'blob'
        [IO.File]::WriteAllBytes($blob, [byte[]]::new(1MB))
        $acknowledged = [ordered]@{}
        $refused = 0; $refusedPushes = 0; $restarts = 0; $n = 0
        $running = Start-Sandbox $data
        foreach ($round in 1..3) {
            foreach ($i in 1..20) {
                $n++
                $response = Invoke-Sandbox $running POST '/api/v1/namespaces/myproject/configmaps' (New-ConfigMapBody "cm$n" 0 10KB)
                if ($response.StatusCode -eq 201) { $acknowledged["cm$n"] = ($response.Content | ConvertFrom-Json).metadata.resourceVersion }
            }
            $filler = Join-Path $disk 'filler'
            & dd if=/dev/zero of=$filler bs=64k 2>$null
            foreach ($i in 1..10) {
                $n++
                $response = Invoke-Sandbox $running POST '/api/v1/namespaces/myproject/configmaps' (New-ConfigMapBody "cm$n" 0 200KB)
                if ($response.StatusCode -eq 201) { $acknowledged["cm$n"] = ($response.Content | ConvertFrom-Json).metadata.resourceVersion }
                elseif ($response.Content -match 'disk full') { $refused++ }
                else { throw "a write on a full disk answered $($response.StatusCode): $($response.Content)" }
                $push = & curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $($running.Token)" --data-binary "@$blob" `
                    "$($running.Registry)/v2/myproject/app/blobs/uploads/?digest=sha256:$('0' * 64)"
                if ($push -eq '500') { $refusedPushes++ }
            }
            Remove-Item $filler
            $leftovers = @(Get-ChildItem (Join-Path $data 'registry/uploads') -File).Count
            if ($leftovers) { throw "$leftovers upload files were left behind" }
            Stop-Sandbox $running
            $restarts++
            $running = Start-Sandbox $data
        }
        $lost = 0
        foreach ($name in $acknowledged.Keys) {
            $response = Invoke-Sandbox $running GET "/api/v1/namespaces/myproject/configmaps/$name"
            if ($response.StatusCode -ne 200 -or ($response.Content | ConvertFrom-Json).metadata.resourceVersion -ne $acknowledged[$name]) { $lost++ }
        }
        Stop-Sandbox $running
        '{0,-58} {1,8:N0}' -f 'full disk: acknowledged writes', $acknowledged.Count
        '{0,-58} {1,8:N0}' -f 'full disk: writes refused as "disk full" (500, nothing applied)', $refused
        '{0,-58} {1,8:N0}' -f 'full disk: registry uploads refused (500, no file left)', $refusedPushes
        '{0,-58} {1,8:N0}' -f 'full disk: kill -9 restarts', $restarts
        '{0,-58} {1,8:N0}' -f 'full disk: acknowledged writes lost', $lost
    }
    finally {
        & umount $disk 2>$null; if ($LASTEXITCODE) { & umount -l $disk }
    }
}
else { 'full disk: skipped (needs Linux and root for a tmpfs)' }
Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
