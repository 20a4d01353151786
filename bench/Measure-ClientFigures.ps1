<#
.SYNOPSIS
    Measures the client's figures of issue #18 against their baselines in one run and writes them into
    bench/README.md (between the CLIENT markers).
.DESCRIPTION
    Starts a sandbox (-Seed Tutorial, temporary data folder) with citas:v1 and app-citas, 2,000 streams of
    25 tags in a namespace of their own, and one stream of 1,000 tags with 20 images of history each. Then:
      Warm calls, interleaved with their baselines in this pwsh (A, B, A, B, ... after a warm-up):
        Get-ImageTag citas:v1, Get-ImageStream citas, Get-AppRollout app-citas against one reused
        HttpClient GET of one object plus a JSON parse (the floor: one round trip), Invoke-RestMethod of
        the same URL, and the kubectl route (kubectl get -o json | ConvertFrom-Json, fewer calls: a
        process each); Get-OpenShiftSession against Get-Variable.
      The tail: p99 and p99.9 of 1,500 interleaved warm Get-ImageTag calls against the raw GET.
      Client CPU per warm call: this process's CPU time over a block of calls, divided by the calls.
      Lists: Get-ImageStream over the 2,000 streams (paged, 500 at a time) against one unpaged raw GET +
        parse of them all; the time to its first object; the peak working set of a fresh pwsh doing it
        against one that only connects.
      A big stream: Get-ImageStream big | Format-List | Out-String against a raw GET + parse of it.
      Start-up, in fresh processes run in turn (bare, A, bare, B, ...): pwsh -c exit; Import-Module;
        Import-Module + Connect-OpenShift + the first Get-ImageTag; and Connect-OpenShift and the first
        call timed inside the fresh process, with the methods the runtime JIT-compiled for each. The
        floor of Import-Module is bench/StartUpFloor, a binary module with one empty cmdlet and the same
        manifest shape (PowerShell's own module machinery), imported alone and with this build's format
        and type files (what PowerShell's loaders of those files cost).
    Medians and the spread (min-max or p99) are written with the machine and the date; ratios are the
    numbers to read on a shared machine.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # Warm calls per pair.
    [int] $Count = 500,
    # Warm calls for the tail (p99.9 needs at least 1,000).
    [int] $TailCount = 1500,
    # Fresh processes per start-up variant.
    [int] $Runs = 7,
    # Another build of the module (e.g. main's) whose start-up is measured in the same run, in turn with this one.
    [string] $BaselineModulePath,
    # Only the start-up figures (no 2,000-stream list, no warm calls); with -UpdateReadme they go between the STARTUP markers.
    [switch] $StartUpOnly,
    # Only the warm Get-AppRollout and the 2,000-stream list, this build and -BaselineModulePath's side by side (each in a
    # fresh pwsh of its own, in turn, against one sandbox); with -UpdateReadme they go between the SIDEBYSIDE markers.
    [switch] $SideBySideOnly,
    # Rounds of the side-by-side figures (the builds swap places every round).
    [int] $Rounds = 3,
    # Write the results into bench/README.md (otherwise only print them).
    [switch] $UpdateReadme
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
if ($BaselineModulePath) { $BaselineModulePath = (Resolve-Path $BaselineModulePath).ProviderPath }
if ($SideBySideOnly -and -not $BaselineModulePath) { throw '-SideBySideOnly needs -BaselineModulePath (the build to compare with).' }
if ($SideBySideOnly -and $StartUpOnly) { throw '-SideBySideOnly and -StartUpOnly are two separate runs.' }
Import-Module $ModulePath -Force
. (Join-Path $PSScriptRoot 'RawClient.ps1')

$process = [Environment]::ProcessPath
$pwshArgs = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
$dataPath = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-client-bench-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$floorFolder = Join-Path ([System.IO.Path]::GetTempPath()) "imagestreamps-floor-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$sandbox = $null
$http = $null
$lines = [System.Collections.Generic.List[string]]::new()

function Get-Percentile([double[]] $Sorted, [double] $P) { $Sorted[[math]::Min($Sorted.Count - 1, [math]::Floor($P * $Sorted.Count))] }
function Get-Median([double[]] $Values) { $sorted = [double[]]$Values.Clone(); [array]::Sort($sorted); Get-Percentile $sorted 0.5 }

# A and B in turn, $N times each after a warm-up; sorted times in ms.
function Measure-Pair([scriptblock] $A, [scriptblock] $B, [int] $N, [int] $WarmUp = 30) {
    foreach ($i in 1..$WarmUp) { & $A; & $B }
    $timesA = [double[]]::new($N); $timesB = [double[]]::new($N)
    $clock = [System.Diagnostics.Stopwatch]::new()
    for ($i = 0; $i -lt $N; $i++) {
        $clock.Restart(); & $A; $timesA[$i] = $clock.Elapsed.TotalMilliseconds
        $clock.Restart(); & $B; $timesB[$i] = $clock.Elapsed.TotalMilliseconds
    }
    [array]::Sort($timesA); [array]::Sort($timesB)
    [pscustomobject]@{ A = $timesA; B = $timesB }
}

# This process's CPU milliseconds per call of $Step over $N calls.
function Measure-Cpu([scriptblock] $Step, [int] $N) {
    $self = [System.Diagnostics.Process]::GetCurrentProcess()
    $self.Refresh(); $before = $self.TotalProcessorTime
    for ($i = 0; $i -lt $N; $i++) { & $Step }
    $self.Refresh(); ($self.TotalProcessorTime - $before).TotalMilliseconds / $N
}

# Fresh pwsh processes, the variants in turn; each prints its own timings as JSON on its last line when it has any.
function Invoke-Fresh([string] $Command) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $output = & $process @pwshArgs -NoProfile -NonInteractive -Command $Command
    $wall = $clock.Elapsed.TotalMilliseconds
    if ($LASTEXITCODE -ne 0) { throw "A fresh pwsh failed ($LASTEXITCODE): $Command`n$output" }
    $inside = @($output | Where-Object { $_ -like '{*' } | Select-Object -Last 1)
    [pscustomobject]@{ Wall = $wall; Inside = if ($inside) { $inside[0] | ConvertFrom-Json } else { $null } }
}

try {
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect -InformationAction Ignore
    $namespace = (Get-OpenShiftSession).Namespace
    $null = New-ImageStream citas -InformationAction Ignore
    $null = Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 -InformationAction Ignore
    if (-not $StartUpOnly) {
        $null = Set-ImageTag citas:v1 citas:prod -InformationAction Ignore
        $null = New-App citas:prod -Name app-citas -InformationAction Ignore
        $null = Get-AppRollout app-citas -Wait -Timeout '00:02:00'
    }

    # The raw client (bench/RawClient.ps1); the token again only for Invoke-RestMethod's header, never printed.
    $http = New-RawClient $sandbox -MaxConnections 8
    $token = (Get-Content -Raw $sandbox.KubeConfigPath) -replace '(?s).*\btoken:\s*(\S+).*', '$1'
    $server = $sandbox.Server.ToString().TrimEnd('/')
    $images = "$server/apis/image.openshift.io/v1/namespaces/$namespace"
    function Invoke-Raw([string] $Uri) { $null = [System.Text.Json.JsonDocument]::Parse($http.GetStringAsync($Uri).GetAwaiter().GetResult()) }
    $irmHeaders = @{ Authorization = "Bearer $token" }

    $machine = "$([System.Environment]::ProcessorCount) cores ($((Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Select-String -Pattern '^model name' | Select-Object -First 1) -replace '^model name\s*:\s*', '')), load average $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -replace '^(\S+ \S+ \S+).*', '$1'), PowerShell $($PSVersionTable.PSVersion), .NET $([System.Environment]::Version)"
    $lines.Add("Run on $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC; $machine.")
    $lines.Add('')

    if (-not $StartUpOnly) {
        # 2,000 streams x 25 tags (spec tags; what a list carries per stream) and one stream of 1,000 tags x 20 images.
        $bigList = 'bench-list'
        $null = New-OpenShiftProject $bigList -InformationAction Ignore
        $null = Set-OpenShiftSession -Namespace $namespace -InformationAction Ignore
        $tags = (1..25 | ForEach-Object { '{"name":"t' + $_ + '","from":{"kind":"DockerImage","name":"quay.io/example/app:' + $_ + '"},"referencePolicy":{"type":"Source"}}' }) -join ','
        $posts = foreach ($i in 1..2000) {
            $body = '{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"s' + $i.ToString('d4') + '"},"spec":{"tags":[' + $tags + ']}}'
            $http.PostAsync("$server/apis/image.openshift.io/v1/namespaces/$bigList/imagestreams", [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json'))
        }
        try { [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $posts) } catch { throw "Creating the 2,000 streams failed: $($_.Exception.InnerException.InnerExceptions[0].GetBaseException().Message)" }
        if (@($posts.Result | Where-Object StatusCode -NE 'Created').Count) { throw 'Creating the 2,000 streams failed' }

        if ($SideBySideOnly) {
            # ---- side by side with the baseline build ------------------------------------------------------
            # Each build in a fresh pwsh of its own (two builds of one module cannot share a process), in turn,
            # against this sandbox: warm Get-AppRollout against one raw GET + parse and against the four GETs it
            # needs, its CPU per call, and the 2,000-stream list against one unpaged raw GET + parse.
            $sideScript = @'
param($ModulePath, $KubeConfig, $Namespace, $List, $Count, $RawClient)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
. $RawClient
$null = Connect-OpenShift -KubeConfig $KubeConfig -Namespace $Namespace -InformationAction Ignore
$http = New-RawClient ([pscustomobject]@{ KubeConfigPath = $KubeConfig }) -MaxConnections 8
$server = (Get-OpenShiftSession).Server.ToString().TrimEnd('/')
$one = "$server/apis/apps/v1/namespaces/$Namespace/deployments/app-citas"
$four = $one, "$server/apis/apps/v1/namespaces/$Namespace/replicasets?labelSelector=deployment%3Dapp-citas",
    "$server/api/v1/namespaces/$Namespace/pods?labelSelector=deployment%3Dapp-citas", "$server/apis/image.openshift.io/v1/namespaces/$Namespace/imagestreams/citas"
$listUri = "$server/apis/image.openshift.io/v1/namespaces/$List/imagestreams"
function Parse([string] $Uri) { $null = [System.Text.Json.JsonDocument]::Parse($http.GetStringAsync($Uri).GetAwaiter().GetResult()) }
function ParseAll { $reads = foreach ($uri in $four) { $http.GetStringAsync($uri) }; foreach ($read in $reads) { $null = [System.Text.Json.JsonDocument]::Parse($read.GetAwaiter().GetResult()) } }
function Median([double[]] $Values) { [array]::Sort($Values); $Values[[math]::Floor($Values.Count / 2)] }
function Ratios([scriptblock] $A, [scriptblock] $B, [int] $N, [int] $WarmUp) {
    foreach ($i in 1..$WarmUp) { & $A; & $B }
    $ratios = [double[]]::new($N); $timesA = [double[]]::new($N); $clock = [System.Diagnostics.Stopwatch]::new()
    for ($i = 0; $i -lt $N; $i++) {
        $clock.Restart(); & $A; $took = $clock.Elapsed.TotalMilliseconds
        $clock.Restart(); & $B; $ratios[$i] = $took / $clock.Elapsed.TotalMilliseconds; $timesA[$i] = $took
    }
    @{ Ms = Median $timesA; Ratio = Median $ratios }
}
function Cpu([scriptblock] $Step, [int] $N) {
    $self = [System.Diagnostics.Process]::GetCurrentProcess(); $self.Refresh(); $before = $self.TotalProcessorTime
    for ($i = 0; $i -lt $N; $i++) { & $Step }
    $self.Refresh(); ($self.TotalProcessorTime - $before).TotalMilliseconds / $N
}
$rollout = { $null = Get-AppRollout app-citas }
$vsOne = Ratios $rollout { Parse $one } $Count 30
$vsFour = Ratios $rollout { ParseAll } $Count 30
$cpu = Cpu $rollout $Count; $cpuOne = Cpu { Parse $one } $Count; $cpuFour = Cpu { ParseAll } $Count
$listed = Ratios { $null = Get-ImageStream "$List/*" } { Parse $listUri } 9 1
$firsts = foreach ($i in 1..5) { $clock = [System.Diagnostics.Stopwatch]::StartNew(); $first = $null; Get-ImageStream "$List/*" | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed.TotalMilliseconds } }; $first }
@{ Rollout = $vsOne.Ms; VsOne = $vsOne.Ratio; VsFour = $vsFour.Ratio; Cpu = $cpu; CpuOne = $cpu / $cpuOne; CpuFour = $cpu / $cpuFour; List = $listed.Ms; ListRatio = $listed.Ratio; First = Median $firsts } | ConvertTo-Json -Compress
'@
            $sideFile = Join-Path $dataPath 'side-by-side.ps1'
            Set-Content -Path $sideFile -Value $sideScript
            $sideBuilds = [ordered]@{ 'this build' = $ModulePath; 'baseline' = $BaselineModulePath }
            $sideRuns = @{ 'this build' = [System.Collections.Generic.List[object]]::new(); 'baseline' = [System.Collections.Generic.List[object]]::new() }
            foreach ($round in 1..$Rounds) {
                $order = @($sideBuilds.Keys); if ($round % 2 -eq 0) { [array]::Reverse($order) }
                foreach ($build in $order) {
                    $output = & $process @pwshArgs -NoProfile -NonInteractive -File $sideFile $sideBuilds[$build] $sandbox.KubeConfigPath $namespace $bigList $Count (Join-Path $PSScriptRoot 'RawClient.ps1')
                    if ($LASTEXITCODE -ne 0) { throw "The side-by-side run of $build failed ($LASTEXITCODE): $output" }
                    $sideRuns[$build].Add((@($output | Where-Object { $_ -like '{*' })[-1] | ConvertFrom-Json))
                    Write-Verbose "round $round, ${build}: $($sideRuns[$build][-1] | ConvertTo-Json -Compress)"
                }
            }
            $lines.Add('| side by side (median of rounds) | `Get-AppRollout` ms | / 1 raw GET | / its 4 raw GETs | client CPU ms/call | CPU / 1 GET | CPU / 4 GETs | 2,000-stream list ms | / 1 unpaged raw GET | first object ms |')
            $lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
            foreach ($build in $sideBuilds.Keys) {
                $buildRuns = $sideRuns[$build]
                $m = @{}; foreach ($key in 'Rollout', 'VsOne', 'VsFour', 'Cpu', 'CpuOne', 'CpuFour', 'List', 'ListRatio', 'First') { $m[$key] = Get-Median ([double[]]@($buildRuns | ForEach-Object { $_.$key })) }
                $lines.Add(('| {0} | {1:N3} | {2:N2}× | {3:N2}× | {4:N3} | {5:N2}× | {6:N2}× | {7:N0} | {8:N2}× | {9:N0} |' -f $build, $m.Rollout, $m.VsOne, $m.VsFour, $m.Cpu, $m.CpuOne, $m.CpuFour, $m.List, $m.ListRatio, $m.First))
            }
            $lines.Add('')
            $lines.Add("Baseline: $BaselineModulePath. $Rounds rounds, the builds in turn (swapping places each round), each in a fresh pwsh against one sandbox; per round $Count interleaved pairs of ``Get-AppRollout app-citas`` with each baseline (ratios are medians of the pairs), $Count calls in a row for CPU, 9 pairs of the list.")
            $lines.Add('')
        }
        else {
            $digest = { param($t, $h) 'sha256:' + ([System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes("$t/$h"))).ToLowerInvariant()) }
            $specTags = (1..1000 | ForEach-Object { '{"name":"tag' + $_ + '","from":{"kind":"DockerImage","name":"quay.io/example/big:' + $_ + '"},"referencePolicy":{"type":"Source"}}' }) -join ','
            $created = $http.PostAsync("$images/imagestreams", [System.Net.Http.StringContent]::new(
                    '{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"big"},"spec":{"tags":[' + $specTags + ']}}', [Text.Encoding]::UTF8, 'application/json')).GetAwaiter().GetResult()
            if (-not $created.IsSuccessStatusCode) { throw "Creating the big stream failed: $($created.StatusCode)" }
            # Its history in strategic merge patches of 250 tags (status.tags merges by tag), each under the request size limit.
            foreach ($chunk in 0..3) {
                $history = foreach ($t in ($chunk * 250 + 1)..($chunk * 250 + 250)) {
                    $items = foreach ($h in 1..20) {
                        $id = & $digest $t $h
                        '{"created":"' + [datetime]::UtcNow.AddHours(-$h).ToString('yyyy-MM-ddTHH:mm:ssZ') + '","dockerImageReference":"quay.io/example/big@' + $id + '","image":"' + $id + '","generation":1}'
                    }
                    '{"tag":"tag' + $t + '","items":[' + ($items -join ',') + ']}'
                }
                $patch = [System.Net.Http.StringContent]::new('{"status":{"tags":[' + ($history -join ',') + ']}}', [Text.Encoding]::UTF8)
                $patch.Headers.ContentType = [System.Net.Http.Headers.MediaTypeHeaderValue]::new('application/strategic-merge-patch+json')
                $updated = $http.PatchAsync("$images/imagestreams/big/status", $patch).GetAwaiter().GetResult()
                if (-not $updated.IsSuccessStatusCode) { throw "Writing the big stream's history failed: $($updated.StatusCode) $($updated.Content.ReadAsStringAsync().GetAwaiter().GetResult())" }
            }
            $bigRead = [System.Text.Json.JsonDocument]::Parse($http.GetStringAsync("$images/imagestreams/big").GetAwaiter().GetResult())
            $historyItems = 0
            foreach ($tag in $bigRead.RootElement.GetProperty('status').GetProperty('tags').EnumerateArray()) { $historyItems += $tag.GetProperty('items').GetArrayLength() }
            if ($historyItems -ne 20000) { throw "The big stream holds $historyItems history items, not 20,000" }

            # ---- warm calls ------------------------------------------------------------------------------
            $env:KUBECONFIG = $sandbox.KubeConfigPath
            $kubectl = Get-Command kubectl -ErrorAction SilentlyContinue
            $warm = [ordered]@{
                'Get-ImageTag citas:v1'     = @{ A = { $null = Get-ImageTag citas:v1 }; Raw = "$images/imagestreamtags/citas:v1"; Kubectl = 'istag', 'citas:v1' }
                'Get-ImageStream citas'     = @{ A = { $null = Get-ImageStream citas }; Raw = "$images/imagestreams/citas"; Kubectl = 'is', 'citas' }
                'Get-AppRollout app-citas'  = @{ A = { $null = Get-AppRollout app-citas }; Raw = "$server/apis/apps/v1/namespaces/$namespace/deployments/app-citas"; Kubectl = 'deployment', 'app-citas' }
            }
            # The four bodies Get-AppRollout needs, sent at once and parsed: the floor of any client that shows the same.
            $rolloutBodies = "$server/apis/apps/v1/namespaces/$namespace/deployments/app-citas",
                "$server/apis/apps/v1/namespaces/$namespace/replicasets?labelSelector=deployment%3Dapp-citas",
                "$server/api/v1/namespaces/$namespace/pods?labelSelector=deployment%3Dapp-citas",
                "$images/imagestreams/citas"
            function Invoke-RawAll([string[]] $Uris) {
                $reads = foreach ($uri in $Uris) { $http.GetStringAsync($uri) }
                foreach ($read in $reads) { $null = [System.Text.Json.JsonDocument]::Parse($read.GetAwaiter().GetResult()) }
            }
            $lines.Add('| warm call | median ms | p99 ms | raw GET+parse median ms | ratio | Invoke-RestMethod median ms | ratio | kubectl route median ms | ratio | client CPU ms/call | raw CPU ms/call | CPU ratio |')
            $lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
            foreach ($name in $warm.Keys) {
                $case = $warm[$name]
                $uri = $case.Raw
                $raw = Measure-Pair $case.A { Invoke-Raw $uri } $Count
                $irm = Measure-Pair $case.A { $null = Invoke-RestMethod -Uri $uri -Headers $irmHeaders -SkipCertificateCheck } ([math]::Max(50, $Count / 5))
                $route = if ($kubectl) {
                    $kind, $object = $case.Kubectl
                    Measure-Pair $case.A { $null = & $kubectl.Source get $kind $object -n $namespace -o json | ConvertFrom-Json } 20 -WarmUp 2
                }
                $cpuA = Measure-Cpu $case.A $Count
                $cpuRaw = Measure-Cpu { Invoke-Raw $uri } $Count
                $medA = Get-Percentile $raw.A 0.5; $medRaw = Get-Percentile $raw.B 0.5; $medIrm = Get-Percentile $irm.B 0.5
                $routeText = if ($route) { $medRoute = Get-Percentile $route.B 0.5; '{0:N2} | {1:N2}×' -f $medRoute, ((Get-Percentile $route.A 0.5) / $medRoute) } else { 'no kubectl | ' }
                $lines.Add(('| `{0}` | {1:N3} | {2:N2} | {3:N3} | {4:N2}× | {5:N3} | {6:N2}× | {7} | {8:N3} | {9:N3} | {10:N2}× |' -f
                        $name, $medA, (Get-Percentile $raw.A 0.99), $medRaw, ($medA / $medRaw), $medIrm, ((Get-Percentile $irm.A 0.5) / $medIrm), $routeText, $cpuA, $cpuRaw, ($cpuA / $cpuRaw)))
            }
            $four = Measure-Pair $warm['Get-AppRollout app-citas'].A { Invoke-RawAll $rolloutBodies } $Count
            $cpuFour = Measure-Cpu { Invoke-RawAll $rolloutBodies } $Count
            $cpuRollout = Measure-Cpu $warm['Get-AppRollout app-citas'].A $Count
            $lines.Add(('| `Get-AppRollout app-citas` / its 4 GETs sent at once + parsed (raw) | {0:N3} | {1:N2} | {2:N3} | {3:N2}× | | | | | {4:N3} | {5:N3} | {6:N2}× |' -f
                    (Get-Percentile $four.A 0.5), (Get-Percentile $four.A 0.99), (Get-Percentile $four.B 0.5), ((Get-Percentile $four.A 0.5) / (Get-Percentile $four.B 0.5)), $cpuRollout, $cpuFour, ($cpuRollout / $cpuFour)))
            $session = Measure-Pair { $null = Get-OpenShiftSession } { $null = Get-Variable -Name PSVersionTable } $Count
            $lines.Add(('| `Get-OpenShiftSession` (no request) | {0:N3} | {1:N2} | Get-Variable: {2:N3} | {3:N2}× | | | | | | | |' -f
                    (Get-Percentile $session.A 0.5), (Get-Percentile $session.A 0.99), (Get-Percentile $session.B 0.5), ((Get-Percentile $session.A 0.5) / (Get-Percentile $session.B 0.5))))
            $lines.Add('')
            $lines.Add("Warm calls: $Count interleaved pairs after a warm-up (Invoke-RestMethod: $([math]::Max(50, $Count / 5)); the kubectl route: 20, a process each). `Get-AppRollout` sends 4 requests (the Deployment, its ReplicaSets and Pods and the followed stream, all at once for an app read before on the connection); its baselines are one GET of the Deployment, and in the row after it the four GETs it needs, sent at once with the raw client and parsed. CPU: this process over $Count calls in a row.")
            $lines.Add('')

            $tail = Measure-Pair { $null = Get-ImageTag citas:v1 } { Invoke-Raw "$images/imagestreamtags/citas:v1" } $TailCount
            $lines.Add('| tail of warm `Get-ImageTag citas:v1` | median ms | p99 ms | p99.9 ms | max ms |')
            $lines.Add('|---|---:|---:|---:|---:|')
            $lines.Add(('| cmdlet | {0:N3} | {1:N2} | {2:N2} | {3:N2} |' -f (Get-Percentile $tail.A 0.5), (Get-Percentile $tail.A 0.99), (Get-Percentile $tail.A 0.999), $tail.A[-1]))
            $lines.Add(('| raw GET + parse | {0:N3} | {1:N2} | {2:N2} | {3:N2} |' -f (Get-Percentile $tail.B 0.5), (Get-Percentile $tail.B 0.99), (Get-Percentile $tail.B 0.999), $tail.B[-1]))
            $lines.Add(('| ratio | {0:N2}× | {1:N2}× | {2:N2}× | |' -f ((Get-Percentile $tail.A 0.5) / (Get-Percentile $tail.B 0.5)), ((Get-Percentile $tail.A 0.99) / (Get-Percentile $tail.B 0.99)), ((Get-Percentile $tail.A 0.999) / (Get-Percentile $tail.B 0.999))))
            $lines.Add('')
            $lines.Add("$TailCount interleaved pairs.")
            $lines.Add('')

            # ---- lists and a big stream -------------------------------------------------------------------
            $listUri = "$server/apis/image.openshift.io/v1/namespaces/$bigList/imagestreams"
            $firstAt = [double[]]::new(5)
            $list = Measure-Pair { $null = Get-ImageStream "$bigList/*" } { Invoke-Raw $listUri } 5 -WarmUp 1
            for ($i = 0; $i -lt 5; $i++) {
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $first = $null
                Get-ImageStream "$bigList/*" | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed.TotalMilliseconds } }
                $firstAt[$i] = $first
            }
            $big = Measure-Pair { $null = Get-ImageStream big | Format-List | Out-String -Width 120 } { Invoke-Raw "$images/imagestreams/big" } 5 -WarmUp 1
            $bigGet = Measure-Pair { $null = Get-ImageStream big } { Invoke-Raw "$images/imagestreams/big" } 5 -WarmUp 1

            $connect = "Import-Module '$ModulePath'; `$null = Connect-OpenShift -KubeConfig '$($sandbox.KubeConfigPath)' -InformationAction Ignore"
            $memory = foreach ($i in 1..3) {
                $only = Invoke-Fresh "$connect; @{ Peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 } | ConvertTo-Json -Compress"
                $listed = Invoke-Fresh "$connect; Get-ImageStream '$bigList/*' | ForEach-Object { }; @{ Peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 } | ConvertTo-Json -Compress"
                ($listed.Inside.Peak - $only.Inside.Peak) / 1MB
            }
            $rawBytes = $http.GetByteArrayAsync($listUri).GetAwaiter().GetResult().Length / 1MB

            $lines.Add('| large reads | cmdlet median ms (min-max) | raw GET+parse median ms | ratio |')
            $lines.Add('|---|---:|---:|---:|')
            $lines.Add(('| `Get-ImageStream {0}/*` (2,000 streams × 25 tags, {1:N1} MB as one list) | {2:N0} ({3:N0}-{4:N0}) | {5:N0} | {6:N2}× |' -f $bigList, $rawBytes, (Get-Percentile $list.A 0.5), $list.A[0], $list.A[-1], (Get-Percentile $list.B 0.5), ((Get-Percentile $list.A 0.5) / (Get-Percentile $list.B 0.5))))
            $lines.Add(('| its first object out | {0:N0} ({1:N0}-{2:N0}) | | |' -f (Get-Median $firstAt), ($firstAt | Measure-Object -Minimum).Minimum, ($firstAt | Measure-Object -Maximum).Maximum))
            $lines.Add(('| peak working set of a fresh pwsh listing them, over one that only connects | +{0:N0} MB (of {1:N0}-{2:N0}) | | |' -f (Get-Median $memory), ($memory | Measure-Object -Minimum).Minimum, ($memory | Measure-Object -Maximum).Maximum))
            $lines.Add(('| `Get-ImageStream big` (1,000 tags × 20 images) | {0:N0} ({1:N0}-{2:N0}) | {3:N0} | {4:N2}× |' -f (Get-Percentile $bigGet.A 0.5), $bigGet.A[0], $bigGet.A[-1], (Get-Percentile $bigGet.B 0.5), ((Get-Percentile $bigGet.A 0.5) / (Get-Percentile $bigGet.B 0.5))))
            $lines.Add(('| `Get-ImageStream big \| Format-List \| Out-String` | {0:N0} ({1:N0}-{2:N0}) | {3:N0} | {4:N2}× |' -f (Get-Percentile $big.A 0.5), $big.A[0], $big.A[-1], (Get-Percentile $big.B 0.5), ((Get-Percentile $big.A 0.5) / (Get-Percentile $big.B 0.5))))
            $lines.Add('')
            $lines.Add('5 interleaved pairs each after one warm-up pair; memory: 3 pairs of fresh processes.')
            $lines.Add('')
        }
    }

    if (-not $SideBySideOnly) {
        # ---- start-up ------------------------------------------------------------------------------------
        # Each variant in a fresh pwsh, in turn with a bare one. The floor is a fresh pwsh that sends the same
        # GET with a raw HttpClient (bench/RawClient.ps1) and parses it: the first HTTPS request of a .NET
        # process (TLS, HTTP stack, JSON) that no client in a fresh process avoids.
        # Methods JIT-compiled (all threads) are counted around each step: what ReadyToRun and source generation save.
        $timed = @'
$jitted = {{ [System.Runtime.JitInfo]::GetCompiledMethodCount($false) }}
$clock = [System.Diagnostics.Stopwatch]::StartNew(); $j0 = & $jitted
Import-Module '{0}'
$import = $clock.Elapsed.TotalMilliseconds; $j1 = & $jitted
$null = Connect-OpenShift -KubeConfig '{1}' -InformationAction Ignore
$connect = $clock.Elapsed.TotalMilliseconds; $j2 = & $jitted
$null = Get-ImageTag citas:v1
$first = $clock.Elapsed.TotalMilliseconds; $j3 = & $jitted
$null = Connect-OpenShift -KubeConfig '{1}' -InformationAction Ignore -NotDefault
$again = $clock.Elapsed.TotalMilliseconds
@{{ Import = $import; Connect = $connect - $import; First = $first - $connect; ConnectAgain = $again - $first; ImportJit = $j1 - $j0; ConnectJit = $j2 - $j1; FirstJit = $j3 - $j2 }} | ConvertTo-Json -Compress
'@
        # The floor module, built as the module is, alone and with this build's format and type files.
        $floorProject = Join-Path $PSScriptRoot 'StartUpFloor/StartUpFloor.csproj'
        $built = & dotnet build $floorProject -c Release -nologo -v quiet -o (Join-Path $floorFolder 'StartUpFloor') 2>&1
        if ($LASTEXITCODE -ne 0) { throw "dotnet build $floorProject exited with ${LASTEXITCODE}: $built" }
        $floor = Join-Path $floorFolder 'StartUpFloor/StartUpFloor.psd1'
        $manifest = Import-PowerShellDataFile $ModulePath
        $withViews = Join-Path $floorFolder 'StartUpFloorViews'
        $null = New-Item -ItemType Directory $withViews
        Copy-Item (Join-Path $floorFolder 'StartUpFloor/StartUpFloor.dll') $withViews
        foreach ($file in @($manifest.FormatsToProcess) + @($manifest.TypesToProcess)) {
            $target = Join-Path $withViews $file
            $null = New-Item -ItemType Directory -Force (Split-Path $target)
            Copy-Item (Join-Path (Split-Path $ModulePath) $file) $target
        }
        $floorManifest = (Get-Content -Raw $floor) -replace "(?m)^(\s*)CmdletsToExport", ("`$1FormatsToProcess = @({0})`n`$1TypesToProcess = @({1})`n`$1CmdletsToExport" -f
            (($manifest.FormatsToProcess | ForEach-Object { "'$_'" }) -join ', '), (($manifest.TypesToProcess | ForEach-Object { "'$_'" }) -join ', '))
        Set-Content (Join-Path $withViews 'StartUpFloorViews.psd1') $floorManifest
        $floors = [ordered]@{ 'floor: a module with one empty cmdlet' = $floor; 'floor with this build''s format and type files' = (Join-Path $withViews 'StartUpFloorViews.psd1') }
        $rawFresh = @'
. '{0}'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$http = New-RawClient ([pscustomobject]@{{ KubeConfigPath = '{1}' }})
$null = [System.Text.Json.JsonDocument]::Parse($http.GetStringAsync('{2}').GetAwaiter().GetResult())
@{{ Raw = $clock.Elapsed.TotalMilliseconds }} | ConvertTo-Json -Compress
'@ -f (Join-Path $PSScriptRoot 'RawClient.ps1'), $sandbox.KubeConfigPath, "$images/imagestreamtags/citas:v1"
        $builds = [ordered]@{ 'this build' = $ModulePath }
        if ($BaselineModulePath) { $builds['baseline'] = $BaselineModulePath }
        $bare = [System.Collections.Generic.List[double]]::new()
        $raw = [System.Collections.Generic.List[object]]::new()
        $imported = @{}; $full = @{}; $inside = @{}; $floorImports = @{}
        foreach ($name in $floors.Keys) { $floorImports[$name] = [System.Collections.Generic.List[double]]::new(); $null = Invoke-Fresh "Import-Module '$($floors[$name])'" }
        foreach ($build in $builds.Keys) {
            $imported[$build] = [System.Collections.Generic.List[double]]::new()
            $full[$build] = [System.Collections.Generic.List[double]]::new()
            $inside[$build] = [System.Collections.Generic.List[object]]::new()
            $null = Invoke-Fresh ($timed -f $builds[$build], $sandbox.KubeConfigPath)
        }
        $null = Invoke-Fresh 'exit'; $null = Invoke-Fresh $rawFresh
        foreach ($i in 1..$Runs) {
            $bare.Add((Invoke-Fresh 'exit').Wall)
            $raw.Add((Invoke-Fresh $rawFresh))
            foreach ($name in $floors.Keys) { $floorImports[$name].Add((Invoke-Fresh "Import-Module '$($floors[$name])'").Wall) }
            $bare.Add((Invoke-Fresh 'exit').Wall)
            # The builds swap places every run, so neither always follows the same process.
            $order = @($builds.Keys); if ($i % 2 -eq 0) { [array]::Reverse($order) }
            foreach ($build in $order) {
                $imported[$build].Add((Invoke-Fresh "Import-Module '$($builds[$build])'").Wall)
                $bare.Add((Invoke-Fresh 'exit').Wall)
                $run = Invoke-Fresh ($timed -f $builds[$build], $sandbox.KubeConfigPath)
                $full[$build].Add($run.Wall); $inside[$build].Add($run.Inside)
            }
        }
        function Format-Row([string] $Label, [double[]] $Values, [double] $Over) {
            $median = Get-Median $Values
            $spread = '{0:N0} ({1:N0}-{2:N0})' -f $median, ($Values | Measure-Object -Minimum).Minimum, ($Values | Measure-Object -Maximum).Maximum
            if ($Over -gt 0) { '| {0} | {1} | +{2:N0} ms ({3:N2}×) |' -f $Label, $spread, ($median - $Over), ($median / $Over) } else { '| {0} | {1} | |' -f $Label, $spread }
        }
        $bareMedian = Get-Median $bare.ToArray()
        $lines.Add('| start-up (fresh pwsh -NoProfile) | median ms (min-max) | over bare pwsh |')
        $lines.Add('|---|---:|---:|')
        $lines.Add((Format-Row 'bare `pwsh -c exit`' $bare.ToArray() 0))
        $lines.Add((Format-Row 'floor: one raw `HttpClient` GET + parse of the same tag' ([double[]]@($raw | ForEach-Object Wall)) $bareMedian))
        $lines.Add((Format-Row 'inside it: the raw GET + parse' ([double[]]@($raw | ForEach-Object { $_.Inside.Raw })) 0))
        foreach ($name in $floors.Keys) { $lines.Add((Format-Row "``Import-Module``, $name" $floorImports[$name].ToArray() $bareMedian)) }
        foreach ($build in $builds.Keys) {
            $suffix = if ($builds.Count -gt 1) { " ($build)" } else { '' }
            $lines.Add((Format-Row "``Import-Module``$suffix" $imported[$build].ToArray() $bareMedian))
            $lines.Add((Format-Row "Import + ``Connect-OpenShift`` + first ``Get-ImageTag``$suffix" $full[$build].ToArray() $bareMedian))
            foreach ($part in 'Import', 'Connect', 'First', 'ConnectAgain') {
                $label = @{ Import = 'inside it: `Import-Module`'; Connect = 'inside it: `Connect-OpenShift` (first, cold)'; First = 'inside it: the first `Get-ImageTag`'; ConnectAgain = 'inside it: a second `Connect-OpenShift` (warm)' }[$part]
                $lines.Add((Format-Row "$label$suffix" ([double[]]@($inside[$build] | ForEach-Object { $_.$part })) 0))
            }
        }
        $lines.Add('')
        $lines.Add('| methods JIT-compiled in the fresh process (median) | `Import-Module` | `Connect-OpenShift` (cold) | first `Get-ImageTag` |')
        $lines.Add('|---|---:|---:|---:|')
        foreach ($build in $builds.Keys) {
            $counts = foreach ($part in 'ImportJit', 'ConnectJit', 'FirstJit') { '{0:N0}' -f (Get-Median ([double[]]@($inside[$build] | ForEach-Object { $_.$part }))) }
            $lines.Add("| $build | $($counts -join ' | ') |")
        }
        $lines.Add('')
        $lines.Add("$Runs runs of each, in turn with a bare pwsh$(if ($BaselineModulePath) { " and with the baseline build ($BaselineModulePath)" }); wall time of the whole process from this pwsh. The floor module is bench/StartUpFloor (one empty cmdlet), imported the same way.")
    }
}
finally {
    Remove-Item Env:KUBECONFIG -ErrorAction SilentlyContinue
    if ($http) { $http.Dispose() }
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox -InformationAction Ignore -ErrorAction SilentlyContinue }
    Remove-Item -Recurse -Force $dataPath, $floorFolder -ErrorAction SilentlyContinue
}

$lines
if ($UpdateReadme) {
    $readme = Join-Path $PSScriptRoot 'README.md'
    $text = Get-Content -Raw $readme
    $marker = if ($StartUpOnly) { 'STARTUP' } elseif ($SideBySideOnly) { 'SIDEBYSIDE' } else { 'CLIENT' }
    $pattern = [regex]::Escape("<!-- ${marker}:BEGIN -->") + '[\s\S]*?' + [regex]::Escape("<!-- ${marker}:END -->")
    if ($text -notmatch $pattern) { throw "bench/README.md has no $marker markers" }
    $replacement = "<!-- ${marker}:BEGIN -->`n$(($lines -join "`n").Trim())`n<!-- ${marker}:END -->"
    [regex]::Replace($text, $pattern, { $replacement }) | Set-Content $readme -NoNewline
    Write-Host "Client figures written to $readme" -ForegroundColor Green
}
