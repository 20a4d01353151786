# The default views, as people read them: the columns the README promises (like oc get), and at 80
# and 120 columns the value that identifies each row (the tag a ReplicaSet or Pod runs, a short
# digest, the server) stays whole. Rendered twice: with Out-String -Width, and in a real terminal
# (tmux running an interactive pwsh), because the console host sizes tables itself.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $dataPath = Join-Path $TestDrive 'sandbox'
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect
    # A project name as long as people make them, so that a fixed-width NAME column would cut it.
    $project = 'citas-integration-environment-for-the-views'
    New-OpenShiftProject $project -DisplayName 'Citas' -NoSwitch -InformationAction Ignore | Out-Null
    New-ImageStream citas | Out-Null
    $v1 = Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1
    $v2 = Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2
    Set-ImageTag citas:v1 citas:prod -InformationAction Ignore
    New-App citas:prod -Name app-citas -InformationAction Ignore | Out-Null
    $route = New-AppRoute -Service app-citas -Port 10000 -InformationAction Ignore
    # A route name as long as people make them: its host is longer still.
    $longRoute = New-AppRoute -Service app-citas -Port 10000 -Name 'app-citas-for-the-integration-env' -InformationAction Ignore
    $rollout = Get-AppRollout app-citas -Wait -Timeout 00:01:00 -ErrorAction Stop
    $shortV1 = $v1.Image.Substring(0, 'sha256:'.Length + 12)
    $shortV2 = $v2.Image.Substring(0, 'sha256:'.Length + 12)

    function Get-HeaderLine([object[]] $InputObject) {
        # The first non-blank line of the default formatting, wide enough not to truncate.
        ($InputObject | Out-String -Width 400) -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1
    }

    function Get-ColumnPattern([string[]] $Columns) {
        '^\s*' + (($Columns | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '\s*$'
    }

    function Get-Lines([string] $Text) { @($Text -split "`r?`n" | Where-Object { $_.Trim() }) }
}

AfterAll {
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox }
}

Describe 'Default table views' {
    It 'Get-OpenShiftSession prints Id, IsDefault, Server, Namespace, User, Context, ServerVersion' {
        Get-HeaderLine (Get-OpenShiftSession) |
            Should -Match (Get-ColumnPattern 'Id', 'IsDefault', 'Server', 'Namespace', 'User', 'Context', 'ServerVersion')
    }

    It 'names the session column after the property it shows (IsDefault), so the table reads as Where-Object filters' {
        @(Get-OpenShiftSession | Where-Object IsDefault).Count | Should -Be 1
        (Get-OpenShiftSession | Out-String -Width 200) | Should -Match '\bTrue\s+https://127\.0\.0\.1:\d+\s+myproject\b'
    }

    It 'Get-OpenShiftSandbox prints ProcessId, Server, StartedHere, RegistryEndpoint, DataPath' {
        Get-HeaderLine (Get-OpenShiftSandbox | Where-Object ProcessId -eq $sandbox.ProcessId) |
            Should -Match (Get-ColumnPattern 'ProcessId', 'Server', 'StartedHere', 'RegistryEndpoint', 'DataPath')
    }

    It 'Get-ImageStream prints NAME, TAGS, UPDATED, IMAGE REPOSITORY (oc get is, the long repository last)' {
        Get-HeaderLine (Get-ImageStream citas) | Should -Match (Get-ColumnPattern 'NAME', 'TAGS', 'UPDATED', 'IMAGE REPOSITORY')
        $stream = Get-ImageStream citas
        ($stream | Out-String -Width 400) | Should -Match "citas\s+$($stream.TagSummary)\s+.*ago\s+\S+/myproject/citas\s"
    }

    It 'Get-ImageStream -View Wide is oc get is''s own order' {
        Get-HeaderLine (Get-ImageStream citas | Format-Table -View Wide) | Should -Match (Get-ColumnPattern 'NAME', 'IMAGE REPOSITORY', 'TAGS', 'UPDATED')
    }

    It 'Get-ImageTag prints NAME, IMAGE (a short id), UPDATED, IMAGE REFERENCE (oc get istag)' {
        Get-HeaderLine (Get-ImageTag citas:v1) | Should -Match (Get-ColumnPattern 'NAME', 'IMAGE', 'UPDATED', 'IMAGE REFERENCE')
        (Get-ImageTag citas:v1 | Out-String -Width 400) |
            Should -Match "citas:v1\s+$shortV1\s+.*ago\s+docker\.io/josedom24/citas-backend@sha256:[0-9a-f]{64}\s"
    }

    It 'Get-ImageTag -View Wide is oc get istag -o wide (the full image reference and image name)' {
        Get-HeaderLine (Get-ImageTag citas:v1 | Format-Table -View Wide) | Should -Match (Get-ColumnPattern 'NAME', 'IMAGE REFERENCE', 'UPDATED', 'IMAGE NAME')
        (Get-ImageTag citas:v1 | Format-Table -View Wide | Out-String -Width 400) | Should -Match ([regex]::Escape($v1.Image))
    }

    It 'Get-AppRollout prints NAME, READY, STATUS, RUNS, TRIGGERS, REVISION, AGE' {
        Get-HeaderLine (Get-AppRollout app-citas) |
            Should -Match (Get-ColumnPattern 'NAME', 'READY', 'STATUS', 'RUNS', 'TRIGGERS', 'REVISION', 'AGE')
        (Get-AppRollout app-citas | Out-String -Width 400) | Should -Match 'app-citas\s+1/1\s+Complete\s+citas:v1\s+citas:prod\s+1\s+\d+s\s'
    }

    It 'Get-AppRollout -View Wide adds what oc get deploy -o wide shows: UP-TO-DATE, AVAILABLE and the image' {
        Get-HeaderLine (Get-AppRollout app-citas | Format-Table -View Wide) |
            Should -Match (Get-ColumnPattern 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'REVISION', 'STATUS', 'TRIGGERS', 'RUNS', 'IMAGE')
    }

    It 'ReplicaSets print like oc get rs, with their revision and the tag they run' {
        Get-HeaderLine $rollout.ReplicaSets |
            Should -Match (Get-ColumnPattern 'NAME', 'DESIRED', 'CURRENT', 'READY', 'REVISION', 'RUNS', 'AGE')
        ($rollout.ReplicaSets | Out-String -Width 400) | Should -Match "$([regex]::Escape($rollout.NewReplicaSet.Name))\s+1\s+1\s+1\s+1\s+citas:v1\s"
    }

    It 'Pods print like oc get pod, with the tag they run' {
        Get-HeaderLine $rollout.Pods | Should -Match (Get-ColumnPattern 'NAME', 'READY', 'STATUS', 'RUNS', 'RESTARTS', 'AGE')
        ($rollout.Pods | Out-String -Width 400) | Should -Match 'app-citas-\S+\s+1/1\s+Running\s+citas:v1\s+0\s'
    }

    It 'Get-OpenShiftProject prints CURRENT, NAME, DISPLAY NAME, STATUS, AGE (oc projects)' {
        Get-HeaderLine (Get-OpenShiftProject) | Should -Match (Get-ColumnPattern 'CURRENT', 'NAME', 'DISPLAY NAME', 'STATUS', 'AGE')
    }

    It 'New-AppRoute prints NAME, SERVICES, PORT, URL (what reaches the route; the host is in the URL and in -View Wide)' {
        Get-HeaderLine $route | Should -Match (Get-ColumnPattern 'NAME', 'SERVICES', 'PORT', 'URL')
        ($route | Out-String -Width 400) | Should -Match "(?m)^app-citas\s+app-citas\s+10000\s+$([regex]::Escape($route.Url))\s*$"
    }

    It 'a route -View Wide is oc get route (NAME, HOST/PORT, PATH, SERVICES, PORT, TERMINATION) with the URL' {
        Get-HeaderLine ($route | Format-Table -View Wide) | Should -Match (Get-ColumnPattern 'NAME', 'HOST/PORT', 'PATH', 'SERVICES', 'PORT', 'TERMINATION', 'URL')
        ($route | Format-Table -View Wide | Out-String -Width 400) | Should -Match "(?m)^app-citas\s+$([regex]::Escape($route.Host))\s+app-citas\s+10000\s+"
    }

    It 'a session''s row never shows its token' {
        $token = (Get-Content -Raw (Join-Path $dataPath 'kubeconfig')) -replace '(?s).*token:\s*(\S+).*', '$1'
        $token | Should -Not -BeNullOrEmpty
        (Get-OpenShiftSession | Format-List * | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($token))
    }
}

Describe 'Ages sort as durations' {
    It 'Age is a TimeSpan on rollouts, ReplicaSets and Pods, while the AGE column reads like oc (<Kind>)' -ForEach @(
        @{ Kind = 'AppRollout'; Get = { $rollout } }
        @{ Kind = 'AppReplicaSet'; Get = { $rollout.ReplicaSets[0] } }
        @{ Kind = 'AppPod'; Get = { $rollout.Pods[0] } }
    ) {
        $item = & $Get
        $item.Age | Should -BeOfType [timespan]
        $item.Age | Should -BeGreaterThan ([timespan]::Zero)
        ($item | Out-String -Width 200) | Should -Match '\s\d+[smhd]\S*\s*$'
    }
}

Describe 'Mixed output' {
    It 'an object listed after a table of another type shows its fields, not the Deployment manifest' {
        $text = & { Get-ImageTag citas:v1; Get-AppRollout app-citas; $route } | Out-String -Width 120
        $text | Should -Match 'Runs\s+:\s+citas:v1'
        $text | Should -Match 'Url\s+:\s+http'
        $text | Should -Not -Match 'Manifest'
        $text | Should -Not -Match '"apiVersion"'
    }

    It 'Format-List * still shows the manifest when asked for every property' {
        (Get-AppRollout app-citas | Format-List * | Out-String -Width 200) | Should -Match 'Manifest'
    }
}

Describe 'The describe view' {
    It 'Get-ImageStream | Format-List shows what oc describe is shows, in its order' {
        $text = Get-ImageStream citas | Format-List | Out-String -Width 400
        $order = 'Name', 'Namespace', 'Created', 'Labels', 'Annotations', 'Image Repository', 'Image Lookup', 'Unique Images', 'Tags'
        $positions = $order | ForEach-Object { $text.IndexOf("$_ ") }
        $positions | Should -Not -Contain -1
        @($positions | Sort-Object) | Should -Be @($positions)
        $text | Should -Match 'Unique Images\s*:\s*2'
        $text | Should -Match 'tagged from docker\.io/josedom24/citas-backend:v1'
    }

    It 'Format-List names each image by its short digest, so no tag block wraps mid-hash (<Width> columns)' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = Get-Lines (Get-ImageStream citas | Format-List | Out-String -Width $Width)
        $lines | Should -Contain "                     * docker.io/josedom24/citas-backend@$shortV1"
        $lines | Should -Contain "                     * docker.io/josedom24/citas-backend@$shortV2"
        $lines | Should -Contain "                     tagged from citas@$shortV1"
        $lines | Where-Object { $_ -match '^\s*[0-9a-f]{4,}\s*$' } | Should -BeNullOrEmpty -Because 'a digest cut across two lines leaves its tail alone on a line'
        $lines | Where-Object { $_ -match 'sha256:[0-9a-f]{13}' } | Should -BeNullOrEmpty
    }

    It 'Format-List describes the stream once per object, not once per row' {
        $stream = Get-ImageStream citas
        $first = $stream.Description
        [object]::ReferenceEquals($first, $stream.Description) | Should -BeTrue
        [object]::ReferenceEquals($first, $stream.Description) | Should -BeTrue
    }

    It 'Format-Custom prints exactly the oc describe text, flush left (<Width> columns)' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $stream = Get-ImageStream citas
        $text = $stream | Format-Custom | Out-String -Width $Width
        $lines = Get-Lines $text
        $lines[0] | Should -Match '^Name:\s+citas$'
        $lines | Should -Contain 'v1'
        $lines | Should -Contain '  tagged from docker.io/josedom24/citas-backend:v1'
        # Nothing is indented beyond oc's own six columns (the age under an image).
        $lines | Where-Object { $_ -match '^ {7,}' } | Should -BeNullOrEmpty
        if ($Width -ge 120) {
            $lines | Should -Contain "  * docker.io/josedom24/citas-backend@$($v1.Image)"
        }
    }
}

Describe 'At <Width> columns the identifying values stay whole (Out-String)' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'no line is wider than the window' {
        foreach ($view in @((Get-ImageTag), (Get-ImageStream), (Get-AppRollout), $rollout.ReplicaSets, $rollout.Pods, (Get-OpenShiftSession), $route, $longRoute)) {
            Get-Lines ($view | Out-String -Width $Width) | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        }
    }

    It 'Get-ImageTag keeps the name, the short image id and a whole UPDATED header' {
        $text = Get-ImageTag citas | Out-String -Width $Width
        (Get-Lines $text)[0] | Should -Match '^NAME\s+IMAGE\s+UPDATED\s+IMAGE REFERENCE'
        $text | Should -Match "(?m)^citas:v1\s+$shortV1\s+\S.*ago"
        $text | Should -Match "(?m)^citas:v2\s+$shortV2\s+\S.*ago"
        $text | Should -Match "(?m)^citas:prod\s+$shortV1\s+\S.*ago"
    }

    It 'Get-ImageStream keeps the name, the tags and UPDATED' {
        $stream = Get-ImageStream citas
        $stream | Out-String -Width $Width | Should -Match "(?m)^citas\s+$($stream.TagSummary)\s+\S.*ago"
    }

    It 'Get-AppRollout keeps READY, STATUS, RUNS and TRIGGERS' {
        Get-AppRollout app-citas | Out-String -Width $Width | Should -Match '(?m)^app-citas\s+1/1\s+Complete\s+citas:v1\s+citas:prod\s'
    }

    It 'a ReplicaSet keeps the tag it runs' {
        $rollout.ReplicaSets | Out-String -Width $Width | Should -Match "(?m)^$([regex]::Escape($rollout.NewReplicaSet.Name))\s+1\s+1\s+1\s+1\s+citas:v1(\s|$)"
    }

    It 'a Pod keeps the tag it runs' {
        $rollout.Pods | Out-String -Width $Width | Should -Match '(?m)^app-citas-\S+\s+1/1\s+Running\s+citas:v1(\s|$)'
    }

    It 'a session keeps its server and namespace' {
        Get-OpenShiftSession | Out-String -Width $Width | Should -Match "(?m)^\s*\d+\s+True\s+$([regex]::Escape($sandbox.Server.ToString().TrimEnd('/')))\s+myproject\s"
    }

    It 'a sandbox keeps its server' {
        Get-OpenShiftSandbox | Where-Object ProcessId -eq $sandbox.ProcessId | Out-String -Width $Width |
            Should -Match "(?m)^\s*$($sandbox.ProcessId)\s+$([regex]::Escape($sandbox.Server.ToString().TrimEnd('/')))\s"
    }

    It 'a project keeps its whole name and the mark of the current one' {
        $text = Get-OpenShiftProject | Out-String -Width $Width
        $text | Should -Match "(?m)^\s*$project\s+Citas\s+Active\s"
        $text | Should -Match '(?m)^\*\s+myproject\s'

    }

    It 'a route keeps its name, service, port and URL, also under a long name' {
        $route | Out-String -Width $Width | Should -Match "(?m)^app-citas\s+app-citas\s+10000\s+$([regex]::Escape($route.Url))(\s|$)"
        $longRoute | Out-String -Width $Width | Should -Match "(?m)^$($longRoute.Name)\s+app-citas\s+10000\s"
        # The sandbox's router serves each route on a loopback URL, short enough to stay whole beside a long name.
        if ($longRoute.Url -like 'http://127.0.0.1:*') {
            $longRoute | Out-String -Width $Width | Should -Match "(?m)^$($longRoute.Name)\s+app-citas\s+10000\s+$([regex]::Escape($longRoute.Url))(\s|$)"
        }
    }
}

Describe 'In a real terminal (tmux, interactive pwsh) at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    BeforeAll {
        . "$PSScriptRoot/ViewTerminal.ps1"
        if (Test-ViewTerminal) { $terminal = Start-ViewTerminal -Width $Width -KubeConfig $sandbox.KubeConfigPath }
        function Invoke-Terminal([string] $Command) { Invoke-ViewTerminal $terminal $Command }
    }

    AfterAll {
        Stop-ViewTerminal $terminal
    }

    It 'Get-ImageTag keeps the name, the short image id and a whole UPDATED header' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $screen = Invoke-Terminal 'Get-ImageTag citas'
        $screen | Should -Match '(?m)^NAME\s+IMAGE\s+UPDATED\s+IMAGE REFERENCE'
        $screen | Should -Match "(?m)^citas:v1\s+$shortV1\s+\S.*ago"
        $screen | Should -Match "(?m)^citas:v2\s+$shortV2\s+\S.*ago"
    }

    It 'Get-ImageStream keeps the name, the tags and UPDATED' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        Invoke-Terminal 'Get-ImageStream' | Should -Match "(?m)^citas\s+$((Get-ImageStream citas).TagSummary)\s+\S.*ago"
    }

    It 'Get-AppRollout keeps READY, STATUS, RUNS and TRIGGERS' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        Invoke-Terminal 'Get-AppRollout' | Should -Match '(?m)^app-citas\s+1/1\s+Complete\s+citas:v1\s+citas:prod\s'
    }

    It 'ReplicaSets and Pods keep the tag they run' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        Invoke-Terminal '(Get-AppRollout app-citas).ReplicaSets' | Should -Match '(?m)^app-citas-\S+\s+1\s+1\s+1\s+1\s+citas:v1(\s|$)'
        Invoke-Terminal '(Get-AppRollout app-citas).Pods' | Should -Match '(?m)^app-citas-\S+\s+1/1\s+Running\s+citas:v1(\s|$)'
    }

    It 'a project keeps its whole name' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $screen = Invoke-Terminal 'Get-OpenShiftProject'
        $screen | Should -Match "(?m)^\s*$project\s+Citas\s+Active\s"
        $screen | Should -Match '(?m)^\*\s+myproject\s'

    }

    It 'a session keeps its server and namespace' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        Invoke-Terminal 'Get-OpenShiftSession' |
            Should -Match "(?m)^\s*\d+\s+True\s+$([regex]::Escape($sandbox.Server.ToString().TrimEnd('/')))\s+myproject\s"
    }

    It 'Format-List keeps each image line whole' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $screen = Invoke-Terminal 'Get-ImageStream citas | Format-List'
        $screen | Should -Match '(?m)^Tags\s+: 3\s*$'
        $screen | Should -Match "(?m)^ +\* docker\.io/josedom24/citas-backend@$shortV1\s*$"
        $screen | Should -Match "(?m)^ +tagged from citas@$shortV1\s*$"
        $screen | Should -Not -Match '(?m)^\s*[0-9a-f]{4,}\s*$'
    }

    It 'Format-Custom prints the describe text flush left' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $screen = Invoke-Terminal 'Get-ImageStream citas | Format-Custom'
        $screen | Should -Match '(?m)^Name:\s+citas\s*$'
        $screen | Should -Match '(?m)^v1\s*$'
        $screen | Should -Match '(?m)^  tagged from docker\.io/josedom24/citas-backend:v1\s*$'
        if ($Width -ge 120) { $screen | Should -Match "(?m)^  \* docker\.io/josedom24/citas-backend@$($v1.Image)\s*$" }
    }
}

# Last: it moves citas:prod, which the views above show as v1.
Describe 'After a rollout' {
    BeforeAll {
        Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:01:00 -InformationAction Ignore -ErrorAction Stop | Out-Null
        $after = Get-AppRollout app-citas
    }

    It 'RUNS names the new tag, and each ReplicaSet the tag it ran' {
        $after.Runs | Should -Be 'citas:v2'
        @($after.ReplicaSets | Sort-Object Revision).Runs | Should -Be @('citas:v1', 'citas:v2')
    }

    It 'Sort-Object Age orders ReplicaSets by how long ago they were made (a duration, not text)' {
        @($after.ReplicaSets | Sort-Object Age).Revision | Should -Be @(2, 1)
        @($after.ReplicaSets | Sort-Object Age -Descending).Revision | Should -Be @(1, 2)
    }
}
