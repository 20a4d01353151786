# The views of apps, routes, rollout and tag history, image details and sandboxes, as people read
# them: at 80 and 120 columns the value that identifies each row (the app, the revision and what it
# ran, a tag's image as a short id and the tags naming it, the sandbox's server) stays whole, both with
# Out-String -Width and in a real terminal (tmux running an interactive pwsh). Ages read as oc's AGE
# column wherever PowerShell lists them, and stay durations.
BeforeDiscovery {
    $viewNames = 'Get-App', 'Get-AppRollout -History', 'a tag''s history', 'image details', 'Get-AppRoute', 'Get-OpenShiftProject', 'Get-OpenShiftSandbox'
    $cases = foreach ($width in 80, 120) { foreach ($view in $viewNames) { @{ Width = $width; View = $view } } }
}

BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath (Join-Path $TestDrive 'sandbox') -Connect
    $server = $sandbox.Server.ToString().TrimEnd('/')
    $quiet = @{ InformationAction = 'Ignore'; ErrorAction = 'Stop' }
    New-ImageStream citas @quiet | Out-Null
    $v1 = Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 @quiet
    $v2 = Import-ImageTag citas:v2 -From docker.io/josedom24/citas-backend:v2 @quiet
    Set-ImageTag citas:v1 citas:prod @quiet
    # An app name as long as people make them, so that a fixed-width column would cut it.
    $app = 'citas-backend-integration'
    New-App citas:prod -Name $app @quiet | Out-Null
    $route = New-AppRoute -Service $app -Port 10000 @quiet
    Get-AppRollout $app -Wait -Timeout 00:01:00 -ErrorAction Stop | Out-Null
    Set-ImageTag citas:v2 citas:prod -Wait -Timeout 00:01:00 @quiet | Out-Null
    $shortV1 = $v1.Image.Substring(0, 'sha256:'.Length + 12)
    $shortV2 = $v2.Image.Substring(0, 'sha256:'.Length + 12)

    function Get-Lines([string] $Text) { @($Text -split "`r?`n" | Where-Object { $_.Trim() }) }

    # What identifies each view's rows, as patterns over its text (the same at every width).
    $sandboxRow = "(?m)^\s*$($sandbox.ProcessId)\s+$([regex]::Escape($server))\s+\S+\s+127\.0\.0\.1:\d+\s"
    $views = @{
        'Get-App'                  = @{ Command = 'Get-App'; Patterns = @("(?m)^$app\s+1/1\s+Complete\s+citas:prod\s") }
        'Get-AppRollout -History'  = @{ Command = 'Get-AppRollout -History'; Patterns = @("(?m)^\s+1 citas:v1\s+\d+[sm]\S*\s+$app-\S+(\s|$)", "(?m)^\s+2 citas:v2\s+\d+[sm]\S*\s+$app-\S+(\s|$)") }
        'a tag''s history'         = @{ Command = '(Get-ImageTag citas:prod).History'; Patterns = @("(?m)^\s+0 $shortV2\s+citas:v2\s+\S.*ago\s+\d+", "(?m)^\s+1 $shortV1\s+citas:v1\s+\S.*ago\s+\d+") }
        'image details'            = @{ Command = '(Get-ImageTag citas -Detailed).Details | Format-Table'; Patterns = @("(?m)^citas:v1\s+$shortV1\s+v1\s+amd64\s", "(?m)^citas:v2\s+$shortV2\s+v2\s+amd64\s", "(?m)^citas:prod\s+$shortV2\s+v2\s+amd64\s") }
        'Get-AppRoute'             = @{ Command = 'Get-AppRoute'; Patterns = @("(?m)^$app\s+$app\s+10000\s+$([regex]::Escape($route.Url))(\s|$)") }
        'Get-OpenShiftProject'     = @{ Command = 'Get-OpenShiftProject'; Patterns = @('(?m)^\*\s+myproject\s+Active\s+\d+[smhd]') }
        'Get-OpenShiftSandbox'     = @{ Command = "Get-OpenShiftSandbox -DataPath '$($sandbox.DataPath)'"; Patterns = @($sandboxRow) }
    }
}

AfterAll {
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox -InformationAction Ignore }
}

Describe 'Headers' {
    It 'Get-App prints NAME, READY, STATUS, TRIGGERS, URL' {
        (Get-Lines (Get-App $app | Out-String -Width 400))[0] | Should -Match '^NAME\s+READY\s+STATUS\s+TRIGGERS\s+URL\s*$'
    }

    It 'Get-AppRollout -History keeps the revision and what it ran first, the free-text change cause last' {
        (Get-Lines (Get-AppRollout $app -History | Out-String -Width 400))[1] | Should -Match '^REVISION\s+RUNS\s+AGE\s+REPLICASET\s+CHANGE-CAUSE\s*$'
    }

    It 'Get-AppRollout -History -View Wide is oc rollout history''s order (REVISION, CHANGE-CAUSE), then the rest and the image' {
        $text = Get-AppRollout $app -History | Format-Table -View Wide | Out-String -Width 400
        (Get-Lines $text)[1] | Should -Match '^REVISION\s+CHANGE-CAUSE\s+RUNS\s+REPLICASET\s+AGE\s+IMAGE\s*$'
        $text | Should -Match "(?m)^\s+2 <none>\s+citas:v2\s+$app-\S+\s+\S+\s+$([regex]::Escape((Get-AppRollout $app).Image))\s*$"
    }

    It 'a tag''s history prints INDEX, IMAGE (a short id), TAGS, TAGGED, GENERATION, PULL SPEC' {
        (Get-Lines ((Get-ImageTag citas:prod).History | Out-String -Width 400))[1] | Should -Match '^INDEX\s+IMAGE\s+TAGS\s+TAGGED\s+GENERATION\s+PULL SPEC\s*$'
    }

    It 'image details print as a table of TAG, IMAGE (a short id), VERSION, ARCH, SIZE, PORTS' {
        (Get-Lines ((Get-ImageTag citas:v1 -Detailed).Details | Format-Table | Out-String -Width 400))[0] | Should -Match '^TAG\s+IMAGE\s+VERSION\s+ARCH\s+SIZE\s+PORTS\s*$'
    }
}

Describe 'What the views name' {
    It 'a tag''s history names each image by the stream''s other tags that point at it now' {
        $history = (Get-ImageTag citas:prod).History
        $history[0].ImageTags | Should -Be @('citas:v2')
        $history[1].ImageTags | Should -Be @('citas:v1')
        (Get-ImageTag citas:v1).History[0].ImageTags.Count | Should -Be 0 -Because 'no other tag points at v1 now'
    }

    It 'tags that share an image each show their own name in their details' {
        $tags = Get-ImageTag citas -Detailed
        foreach ($tag in $tags) { $tag.Details.ImageStreamTag | Should -Be $tag.Name }
        ($tags | Where-Object Tag -eq 'prod').Details.Name | Should -Be ($tags | Where-Object Tag -eq 'v2').Details.Name
    }

    It 'Get-OpenShiftSandbox shows the session this runspace has on the sandbox, and that this shell started it' {
        $listed = Get-OpenShiftSandbox | Where-Object ProcessId -eq $sandbox.ProcessId
        $listed.StartedHere | Should -BeTrue
        $listed.Session | Should -Be (Get-OpenShiftSession -Default)
        ($listed | Format-List | Out-String -Width 200) | Should -Match "(?m)^Session\s+: developer@$([regex]::Escape($server)) \[sandbox\] \(myproject\)\s*$"
    }

    It 'a sandbox no session of this runspace is connected to has none' {
        $other = Start-OpenShiftSandbox -DataPath (Join-Path $TestDrive 'unconnected')
        try {
            $listed = Get-OpenShiftSandbox -DataPath $other.DataPath
            $listed.StartedHere | Should -BeTrue
            $listed.Session | Should -BeNullOrEmpty
        }
        finally { Stop-OpenShiftSandbox -InputObject $other -InformationAction Ignore }
    }
}

Describe 'At <Width> columns, <View> keeps what identifies each row whole (Out-String)' -ForEach $cases {
    It 'shows it, and no line is wider than the window' {
        $text = Invoke-Expression $views[$View].Command | Out-String -Width $Width
        foreach ($pattern in $views[$View].Patterns) { $text | Should -Match $pattern }
        Get-Lines $text | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
    }
}

Describe 'Lists at <Width> columns stay whole (no digest wraps mid-hash)' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'image details name the image by its short id' {
        $lines = Get-Lines ((Get-ImageTag citas:v2 -Detailed).Details | Format-List | Out-String -Width $Width)
        $lines | Should -Contain "Docker Image  : docker.io/josedom24/citas-backend@$shortV2"
        $lines | Should -Contain "Name          : $shortV2"
        $lines | Where-Object { $_ -match '^\s*[0-9a-f]{4,}\s*$' } | Should -BeNullOrEmpty
    }

    It 'an app and a rollout show their image with a short digest' {
        $expected = "docker.io/josedom24/citas-backend@$shortV2"
        Get-App $app | Format-List | Out-String -Width $Width | Should -Match "(?m)^Image\s+: $([regex]::Escape($expected))\s*$"
        Get-AppRollout $app | Format-List | Out-String -Width $Width | Should -Match "(?m)^Image\s+: $([regex]::Escape($expected))\s*$"
    }
}

Describe 'Ages read as oc''s AGE column in lists, and stay durations' {
    It 'the list PowerShell falls back to for mixed output shows Age as oc does, never as a raw TimeSpan' {
        $text = & { Get-ImageTag citas:v1; Get-AppRollout $app; Get-AppRollout $app -History; Get-OpenShiftProject myproject } | Out-String -Width 120
        @([regex]::Matches($text, '(?m)^Age\s+: \d+[smhdy]\S*\s*$')).Count | Should -Be 4 -Because $text
        $text | Should -Not -Match '(?m)^Age\s+: \d+[.:]\d\d:\d\d'
    }

    It 'Format-List shows a Pod''s and a ReplicaSet''s Age as oc does' {
        $rollout = Get-AppRollout $app
        $rollout.Pods | Format-List | Out-String -Width 120 | Should -Match '(?m)^Age\s+: \d+[smhdy]\S*\s*$'
        $rollout.ReplicaSets | Format-List | Out-String -Width 120 | Should -Match '(?m)^Age\s+: \d+[smhdy]\S*\s*$'
    }

    It 'Age is a TimeSpan on <Kind>, so it compares and sorts as a duration' -ForEach @(
        @{ Kind = 'AppRolloutRevision'; Get = { Get-AppRollout $app -History } }
        @{ Kind = 'AppService'; Get = { (Get-App $app).Services } }
        @{ Kind = 'OpenShiftProject'; Get = { Get-OpenShiftProject myproject } }
        @{ Kind = 'AppRollout'; Get = { Get-AppRollout $app } }
    ) {
        foreach ($item in @(& $Get)) {
            $item.Age | Should -BeOfType [timespan]
            $item.Age | Should -BeGreaterThan ([timespan]::Zero)
            $item.Age.TotalSeconds | Should -BeGreaterThan 0
        }
    }

    It 'Sort-Object Age sorts revisions as durations, and Age compares with a TimeSpan' {
        # Both revisions can be made within one second (creation times have second precision): compare, not order.
        $sorted = @(Get-AppRollout $app -History | Sort-Object Age)
        $sorted[0].Age | Should -BeLessOrEqual $sorted[1].Age
        $sorted[0].Created | Should -BeGreaterOrEqual $sorted[1].Created
        $sorted[0].Age -lt [timespan]::FromDays(1) | Should -BeTrue -Because 'as text, "3s" would sort after "1.00:00:00"'
    }
}

Describe 'In a real terminal (tmux, interactive pwsh) at <Width> columns' -ForEach @(@{ Width = 80; Views = $viewNames }, @{ Width = 120; Views = $viewNames }) {
    BeforeAll {
        . "$PSScriptRoot/ViewTerminal.ps1"
        if (Test-ViewTerminal) { $terminal = Start-ViewTerminal -Width $Width -KubeConfig $sandbox.KubeConfigPath }
    }

    AfterAll {
        Stop-ViewTerminal $terminal
    }

    It '<_> keeps what identifies each row whole' -ForEach $Views -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $screen = Invoke-ViewTerminal $terminal $views[$_].Command
        foreach ($pattern in $views[$_].Patterns) { $screen | Should -Match $pattern }
    }

    It 'Stop-OpenShiftSandbox asks before stopping a sandbox this shell did not start; No leaves it running' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $listed = Invoke-ViewTerminal $terminal "Get-OpenShiftSandbox | Where-Object ProcessId -eq $($sandbox.ProcessId)"
        $listed | Should -Match "(?m)^\s*$($sandbox.ProcessId)\s+$([regex]::Escape($server))\s+False\s"
        $prompt = Get-ViewTerminalConfirmation $terminal "Get-OpenShiftSandbox | Where-Object ProcessId -eq $($sandbox.ProcessId) | Stop-OpenShiftSandbox"
        $prompt | Should -Match 'Stop a sandbox another shell started'
        $prompt | Should -Match "process $($sandbox.ProcessId)"
        (Get-Process -Id $sandbox.ProcessId).HasExited | Should -BeFalse
        Get-ImageTag citas:v1 -ErrorAction Stop | Should -Not -BeNullOrEmpty
    }

    It 'Ctrl+C at that prompt leaves the sandbox running and the shell at its prompt' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        Wait-ViewTerminal $terminal '(?m)^PS [^\n]*> *\s*\z' 'a prompt' | Out-Null
        Send-ViewTerminalKeys $terminal "Clear-Host; Stop-OpenShiftSandbox -InputObject (Get-OpenShiftSandbox -DataPath '$($sandbox.DataPath)')" -Literal
        Send-ViewTerminalKeys $terminal Enter
        # The end of the prompt line: the host reads the answer once it has written it.
        Wait-ViewTerminal $terminal '\(default is "Y"\):\s*\z' 'the confirmation prompt' | Out-Null
        Send-ViewTerminalKeys $terminal C-c
        Wait-ViewTerminal $terminal '(?m)^PS [^\n]*> *\s*\z' 'the prompt after Ctrl+C' | Out-Null
        Invoke-ViewTerminal $terminal "'ALIVE=' + [bool] (Get-OpenShiftSandbox -DataPath '$($sandbox.DataPath)')" | Should -Match '(?m)^ALIVE=True\s*$'
        (Get-Process -Id $sandbox.ProcessId).HasExited | Should -BeFalse
    }
}
