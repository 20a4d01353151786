# Shared by ImageStream.Tests.ps1 and ImageTag.Tests.ps1: a sandbox per file, and the request
# counter that compares a cmdlet's round trips with oc's (from the sandbox's /metrics).

function Start-TestSandbox {
    $data = Join-Path ([IO.Path]::GetTempPath()) ("isps-image-" + [guid]::NewGuid().ToString('n'))
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $data -Connect
    [pscustomobject]@{ Sandbox = $sandbox; DataPath = $data; Session = (Get-OpenShiftSession -Default) }
}

function Stop-TestSandbox($Context) {
    if ($Context) {
        Stop-OpenShiftSandbox -InputObject $Context.Sandbox -ErrorAction SilentlyContinue
        Remove-Item $Context.DataPath -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Headers for raw calls the tests make themselves (metrics, fixtures): the sandbox's own token,
# read from its kubeconfig and never printed.
function Get-TestHeaders($Context) {
    $token = (Select-String -Path $Context.Sandbox.KubeConfigPath -Pattern '^\s*token:\s*(\S+)').Matches[0].Groups[1].Value
    @{ Authorization = "Bearer $token" }
}

# Resource requests served so far, keyed "verb resource code".
function Get-RequestCounts($Context) {
    $text = Invoke-RestMethod -Uri "$($Context.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/metrics" -Headers (Get-TestHeaders $Context) -SkipCertificateCheck
    $counts = @{}
    foreach ($line in $text -split "`n") {
        if ($line -match '^sandbox_requests_total\{verb="([^"]*)",resource="([^"]*)",code="([^"]*)"\}\s+(\d+)') {
            $counts["$($Matches[1]) $($Matches[2]) $($Matches[3])"] = [long] $Matches[4]
        }
    }
    $counts
}

# Runs a step and returns the resource requests it made, as "verb resource code" => count.
function Measure-Requests($Context, [scriptblock] $Step) {
    $before = Get-RequestCounts $Context
    $null = & $Step
    $after = Get-RequestCounts $Context
    $made = @{}
    foreach ($key in $after.Keys) {
        $delta = $after[$key] - ($before[$key] ?? 0)
        if ($delta -gt 0) { $made[$key] = $delta }
    }
    $made
}

function Get-RequestTotal($Made) { ($Made.Values | Measure-Object -Sum).Sum ?? 0 }

# The text a command writes to the host (WhatIf lines), through a transcript.
function Get-HostText([scriptblock] $Step) {
    $file = Join-Path ([IO.Path]::GetTempPath()) ("isps-transcript-" + [guid]::NewGuid().ToString('n') + '.txt')
    $null = Start-Transcript -Path $file
    try { $null = & $Step } finally { $null = Stop-Transcript }
    try { Get-Content -Raw $file } finally { Remove-Item $file -ErrorAction SilentlyContinue }
}
