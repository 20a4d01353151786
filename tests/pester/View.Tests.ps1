# The default views print the columns the README promises (like oc get), on real objects from a
# sandbox started for this file.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $dataPath = Join-Path $TestDrive 'sandbox'
    $sandbox = Start-OpenShiftSandbox -Seed Tutorial -DataPath $dataPath -Connect
    New-ImageStream citas | Out-Null
    Import-ImageTag citas:v1 -From docker.io/josedom24/citas-backend:v1 | Out-Null
    New-App citas:v1 -Name app-citas | Out-Null
    New-AppRoute -Service app-citas -Port 10000 | Out-Null

    function Get-HeaderLine([object[]] $InputObject) {
        # The first non-blank line of the default formatting, wide enough not to truncate.
        ($InputObject | Out-String -Width 400) -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1
    }

    function Get-ColumnPattern([string[]] $Columns) {
        '^\s*' + (($Columns | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '\s*$'
    }
}

AfterAll {
    if ($sandbox) { Stop-OpenShiftSandbox -InputObject $sandbox }
}

Describe 'Default table views' {
    It 'Get-OpenShiftSession prints Id, Default, Server, Context, User, Namespace, ServerVersion' {
        Get-HeaderLine (Get-OpenShiftSession) |
            Should -Match (Get-ColumnPattern 'Id', 'Default', 'Server', 'Context', 'User', 'Namespace', 'ServerVersion')
    }

    It 'Get-OpenShiftSandbox prints ProcessId, Server, RegistryEndpoint, DataPath' {
        Get-HeaderLine (Get-OpenShiftSandbox | Where-Object ProcessId -eq $sandbox.ProcessId) |
            Should -Match (Get-ColumnPattern 'ProcessId', 'Server', 'RegistryEndpoint', 'DataPath')
    }

    It 'Get-ImageStream prints NAME, IMAGE REPOSITORY, TAGS, UPDATED (oc get is)' {
        Get-HeaderLine (Get-ImageStream citas) | Should -Match (Get-ColumnPattern 'NAME', 'IMAGE REPOSITORY', 'TAGS', 'UPDATED')
        (Get-ImageStream citas | Out-String -Width 400) | Should -Match 'citas\s+\S+/myproject/citas\s+v1\s'
    }

    It 'Get-ImageTag prints NAME, IMAGE REFERENCE, UPDATED (oc get istag)' {
        Get-HeaderLine (Get-ImageTag citas:v1) | Should -Match (Get-ColumnPattern 'NAME', 'IMAGE REFERENCE', 'UPDATED')
        (Get-ImageTag citas:v1 | Out-String -Width 400) | Should -Match 'citas:v1\s+docker\.io/josedom24/citas-backend@sha256:[0-9a-f]{64}\s'
    }

    It 'Get-AppRollout prints NAME, READY, UP-TO-DATE, AVAILABLE, AGE, REVISION, STATUS, TRIGGERS, RUNS (oc get deploy)' {
        Get-HeaderLine (Get-AppRollout app-citas) |
            Should -Match (Get-ColumnPattern 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'REVISION', 'STATUS', 'TRIGGERS', 'RUNS')
    }

    It 'New-AppRoute prints NAME, HOST/PORT, PATH, SERVICES, PORT, TERMINATION, URL (oc get route)' {
        $route = New-AppRoute -Service app-citas -Port 10000 -Name app-citas-view
        Get-HeaderLine $route | Should -Match (Get-ColumnPattern 'NAME', 'HOST/PORT', 'PATH', 'SERVICES', 'PORT', 'TERMINATION', 'URL')
    }

    It 'Get-ImageStream | Format-List shows what oc describe is shows, in its order' {
        $text = Get-ImageStream citas | Format-List | Out-String -Width 400
        $order = 'Name', 'Namespace', 'Created', 'Labels', 'Annotations', 'Image Repository', 'Image Lookup', 'Unique Images', 'Tags'
        $positions = $order | ForEach-Object { $text.IndexOf("$_ ") }
        $positions | Should -Not -Contain -1
        @($positions | Sort-Object) | Should -Be @($positions)
        $text | Should -Match 'Unique Images\s*:\s*1'
        $text | Should -Match 'tagged from docker\.io/josedom24/citas-backend:v1'
    }

    It 'a session''s row never shows its token' {
        $token = (Get-Content -Raw (Join-Path $dataPath 'kubeconfig')) -replace '(?s).*token:\s*(\S+).*', '$1'
        $token | Should -Not -BeNullOrEmpty
        (Get-OpenShiftSession | Format-List * | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($token))
    }
}
