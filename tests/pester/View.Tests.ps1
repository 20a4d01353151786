# The default views print the columns the README promises (like oc get), on real objects from a
# sandbox started for this file.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $dataPath = Join-Path $TestDrive 'sandbox'
    $sandbox = Start-OpenShiftSandbox -DataPath $dataPath -Connect

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

    It 'a session''s row never shows its token' {
        $token = (Get-Content -Raw (Join-Path $dataPath 'kubeconfig')) -replace '(?s).*token:\s*(\S+).*', '$1'
        $token | Should -Not -BeNullOrEmpty
        (Get-OpenShiftSession | Format-List * | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($token))
    }
}
